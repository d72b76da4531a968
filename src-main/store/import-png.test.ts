/**
 * Imported snapshot and digit PNGs are held to their run's image size (issue 20, B2): before, only
 * the signature was checked, and a 30000² PNG was imported and served to the renderer to decode.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pngDeclaring } from '../data/testing/image-folders';
import { ihdr, pngWithData, zlibOfZeros } from '../data/testing/png-bombs';
import { png, smallResult, smallRun } from './fixtures';
import { pngSizeProblem } from './import-folder';
import { openStore } from './open';
import { StoreError } from './types';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-import-png-'));
const store = openStore(path.join(dir, 'runs.db'));
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const declaring = (width: number, height: number) => pngDeclaring(width, height, 1, 8);

/** A finished 4×4 run with one snapshot, exported to `dir/name`; returns the run's id and the folder. */
function exportedRun(name: string): { id: number; folder: string } {
  const id = store.createRun(smallRun());
  store.markRunning(id);
  store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(1, 5), unitPngs: [png(2), png(3), png(4)] });
  store.finishRun(id, smallResult());
  const folder = path.join(dir, name);
  store.exportRun(id, folder);
  return { id, folder };
}

/** The StoreError importing `folder` throws; the store's run count is checked unchanged by it. */
function importFailure(folder: string): string {
  const before = store.countRuns();
  let error: unknown;
  try {
    store.importRun(folder);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect(store.countRuns()).toBe(before);
  return (error as Error).message;
}

describe('imported PNGs', () => {
  it('are measured from their IHDR against a bound and 64 megapixels', () => {
    expect(pngSizeProblem(png(1, 5), 900)).toBe('');
    expect(pngSizeProblem(declaring(30_000, 30_000), 900)).toBe(
      'declares 30000×30000 = 900,000,000 pixels; an image of this run may have at most 900',
    );
    expect(pngSizeProblem(declaring(30_000, 30_000), 1e12)).toBe(
      'declares 30000×30000 = 900,000,000 pixels; an image of this run may have at most 64,000,000',
    );
  });

  it('a 30000² snapshot grid of a 4×4 run is refused at import, naming the file', () => {
    const { id, folder } = exportedRun('export');
    fs.writeFileSync(path.join(folder, 'images', 'snapshot-0-grid.png'), declaring(30_000, 30_000));
    // A grid of 3 units of 4×4 with borders fits in 2 · 3 · 6 · 6 = 216 pixels.
    expect(importFailure(folder)).toBe(
      `cannot import ${folder}: images/snapshot-0-grid.png: declares 30000×30000 = 900,000,000 pixels; ` +
        'an image of this run may have at most 216',
    );
    fs.writeFileSync(path.join(folder, 'images', 'snapshot-0-grid.png'), png(1, 5));
    expect(store.importRun(folder)).toBeGreaterThan(id);
  });

  it('a snapshot unit whose image data inflates to 256 MiB under a 6×6 header is refused at import', () => {
    const { folder } = exportedRun('export-bomb');
    const unit = fs
      .readdirSync(path.join(folder, 'images'))
      .find((f) => f !== 'snapshot-0-grid.png' && f.startsWith('snapshot-0'));
    fs.writeFileSync(path.join(folder, 'images', unit!), pngWithData(ihdr(6, 6, 8, 0), zlibOfZeros(16)));
    // 6 rows of a filter byte and 6 grey bytes: 42, with 64 KiB of slack.
    expect(importFailure(folder)).toBe(
      `cannot import ${folder}: images/${unit}: cannot be decoded as an image: its compressed image data inflates ` +
        'past 65,578 bytes, while the 6×6 grey 8-bit image its header declares needs 42',
    );
  });
});
