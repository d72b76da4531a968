import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/open';
import type { RunStore } from '../store/types';
import { Supervisor } from '../training/supervisor';
import { spawnNodeWorker } from '../training/node-worker';
import { createApi, type Api } from './handlers';
import type { FilePurpose } from './table';

// data.pickFile with a stand-in for the desktop app's dialog (a function answering as the user would), and without one, as in a browser.
let dir: string;
let store: RunStore;
let supervisor: Supervisor;
let desktop: Api;
let web: Api;
let answer: string | null = null;
const asked: FilePurpose[] = [];

const CSV = 'label,a,b,c,d\n3,0,10,20,255\n7,255,0,0,0\n';

beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'api-pick-file-')));
  fs.mkdirSync(path.join(dir, 'allowed'));
  fs.mkdirSync(path.join(dir, 'elsewhere'));
  fs.writeFileSync(path.join(dir, 'elsewhere', 'picked.csv'), CSV);
  fs.writeFileSync(path.join(dir, 'elsewhere', 'sibling.csv'), CSV);
  store = openStore(path.join(dir, 'runs.db'));
  supervisor = new Supervisor({ store, spawn: spawnNodeWorker, workerPath: path.join(dir, 'no-worker.js') });
  const common = { store, supervisor, allowedRoots: [path.join(dir, 'allowed')], version: '0.1.0' };
  desktop = createApi({
    ...common,
    shell: 'electron',
    pickFile: async (purpose) => {
      asked.push(purpose);
      return answer;
    },
  });
  web = createApi({ ...common, shell: 'web' });
});

afterAll(async () => {
  desktop.close();
  web.close();
  await supervisor.close();
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('data.pickFile', () => {
  it("answers the chosen file's path, and null when the dialog is cancelled", async () => {
    answer = path.join(dir, 'elsewhere', 'picked.csv');
    expect(await desktop.dispatch('data.pickFile', [{ purpose: 'test-images' }])).toEqual({
      ok: true,
      value: { path: answer },
    });
    answer = null;
    expect(await desktop.dispatch('data.pickFile', [{ purpose: 'labels' }])).toEqual({ ok: true, value: null });
    expect(asked).toEqual(['test-images', 'labels']);
  });

  it('lets the API read a chosen file outside the allowed folders, and only that file', async () => {
    const picked = path.join(dir, 'elsewhere', 'picked.csv');
    const sibling = path.join(dir, 'elsewhere', 'sibling.csv');
    // Before the dialog, neither may be read.
    expect(await web.dispatch('data.inspect', [picked])).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
    answer = picked;
    await desktop.dispatch('data.pickFile', [{ purpose: 'images' }]);
    expect(await desktop.dispatch('data.inspect', [picked])).toMatchObject({
      ok: true,
      value: {
        file: picked,
        format: 'csv',
        count: 2,
        width: 2,
        height: 2,
        labelCounts: [0, 0, 0, 1, 0, 0, 0, 1, 0, 0],
      },
    });
    // The same file through a ".." detour is the same real file.
    expect(
      await desktop.dispatch('data.inspect', [path.join(dir, 'allowed', '..', 'elsewhere', 'picked.csv')]),
    ).toMatchObject({ ok: true });
    const refused = await desktop.dispatch('data.inspect', [sibling]);
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden-path' } });
    expect(!refused.ok && refused.error.message).toBe(
      `data.inspect: file: "${sibling}" is outside the allowed folders (${path.join(dir, 'allowed')})`,
    );
    // Another API (another window's shell) knows nothing of this choice.
    expect(await web.dispatch('data.inspect', [picked])).toMatchObject({
      ok: false,
      error: { code: 'forbidden-path' },
    });
  });

  it('names a chosen file that has gone missing', async () => {
    answer = path.join(dir, 'elsewhere', 'gone.csv');
    expect(await desktop.dispatch('data.pickFile', [{ purpose: 'images' }])).toEqual({
      ok: false,
      error: { code: 'not-found', message: `data.pickFile: "${answer}" cannot be found` },
    });
  });

  it('tells the browser there is no dialog, so the page offers typing or dropping instead', async () => {
    expect(await web.dispatch('data.pickFile', [{ purpose: 'images' }])).toEqual({
      ok: false,
      error: {
        code: 'invalid-state',
        message: "data.pickFile: the lab in a browser has no file dialog; type the file's path or drop the file",
      },
    });
  });

  it('refuses an unknown purpose, extra fields and missing options, naming them', async () => {
    const bad = await desktop.dispatch('data.pickFile', [{ purpose: 'weights' }]);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-argument', path: ['options', 'purpose'] } });
    expect(!bad.ok && bad.error.message).toMatch(/^data\.pickFile: options\.purpose: /);
    expect(!bad.ok && bad.error.message).toContain('images');
    const extra = await desktop.dispatch('data.pickFile', [{ purpose: 'images', folder: '/' }]);
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(!extra.ok && extra.error.message).toContain('folder');
    expect(await desktop.dispatch('data.pickFile', [])).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'data.pickFile: takes 1 argument [options], got 0' },
    });
    expect(asked.length).toBe(4); // none of these reached the dialog
  });
});
