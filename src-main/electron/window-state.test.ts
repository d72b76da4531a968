import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW, loadWindowState, saveWindowState } from './window-state';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-state-'));
const file = path.join(dir, 'sub', 'window-state.json');
const screen = [{ x: 0, y: 0, width: 1920, height: 1050 }];
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('window state', () => {
  it('is the default when nothing was saved yet', () => {
    expect(loadWindowState(file, screen)).toEqual({ width: 1280, height: 860, maximized: false });
  });

  it('round-trips a saved place and size', () => {
    saveWindowState(file, { x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(loadWindowState(file, screen)).toEqual({ x: 100, y: 50, width: 1000, height: 700, maximized: true });
    expect(fs.readdirSync(path.dirname(file))).toEqual(['window-state.json']);
  });

  it('drops a place on a display that is gone, keeping the size', () => {
    saveWindowState(file, { x: 3000, y: 0, width: 900, height: 600, maximized: false });
    expect(loadWindowState(file, screen)).toEqual({ width: 900, height: 600, maximized: false });
  });

  it('raises a size below the minimum to 720×520', () => {
    saveWindowState(file, { x: 0, y: 0, width: 10, height: 10, maximized: false });
    expect(loadWindowState(file, screen)).toEqual({ x: 0, y: 0, width: 720, height: 520, maximized: false });
  });

  it.each([['{'], ['null'], ['[]'], ['{"width":"big","height":600}'], ['{"width":1e12,"height":600}'], ['']])(
    'falls back to the default for a corrupt file %j',
    (text) => {
      fs.writeFileSync(file, text);
      expect(loadWindowState(file, screen)).toEqual(DEFAULT_WINDOW);
    },
  );
});
