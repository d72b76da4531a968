/** Training health at every snapshot (migration 9): written by addSnapshot, read by getHealth, older runs []. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { png, smallRun, tempDir } from './fixtures';
import { SCHEMA_VERSION } from './migrations';
import { openStore } from './open';
import { errorOf, oldSchemaFile, useTempStore } from './test-helpers';
import type { LayerHealth, RunStore } from './types';

const layer = (l: number, ratio: number | null): LayerHealth => ({
  layer: l,
  gradientNorm: 0.5 / l,
  biasGradientNorm: 0.08 / l,
  updateRatio: ratio,
  saturatedFraction: 0.25,
  weights: [-0.12, -0.1, -0.08, -0.04, 0, 0.04, 0.08, 0.1, 0.12],
  activations: [0.01, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.99],
  deltas: [-0.5, -0.1, -0.05, -0.01, 0, 0.01, 0.05, 0.1, 0.5],
});

describe('training health in the store', () => {
  let store: RunStore;
  let dir: string;
  useTempStore((opened) => {
    store = opened.store;
    dir = opened.dir;
  });

  it('keeps each snapshot’s layers as given, in snapshot order; a snapshot without health is left out', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const snap = (index: number, iteration: number, health: LayerHealth[] | null) =>
      store.addSnapshot(id, { index, iteration, gridPng: png(index), unitPngs: [png(9)], health });
    snap(0, 0, [layer(2, null), layer(3, null)]);
    snap(1, 5, null);
    snap(2, 10, [layer(2, 0.002), layer(3, 0.0015)]);
    const other = store.createRun(smallRun());
    expect(store.getHealth([id, other, id])).toEqual([
      {
        runId: id,
        health: [
          { iteration: 0, layers: [layer(2, null), layer(3, null)] },
          { iteration: 10, layers: [layer(2, 0.002), layer(3, 0.0015)] },
        ],
      },
      { runId: other, health: [] },
    ]);
    expect(errorOf(() => store.getHealth([999])).message).toBe('run 999 does not exist');

    // Export and import carry it in run.json, beside each snapshot.
    const folder = path.join(dir, 'export');
    store.exportRun(id, folder);
    const copy = store.importRun(folder);
    expect(store.getHealth([copy])[0].health).toEqual(store.getHealth([id])[0].health);
    // A folder whose health is malformed is refused, naming the field.
    const runJson = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8'));
    runJson.snapshots[0].health[1].weights = [0, 1];
    fs.writeFileSync(path.join(folder, 'run.json'), JSON.stringify(runJson));
    expect(errorOf(() => store.importRun(folder)).message).toContain('snapshots.0.health.1.weights');
  });
});

it('a file from before health was kept upgrades with its snapshots intact and no health', () => {
  const file = path.join(tempDir(), 'v8.db');
  const db = oldSchemaFile(file, 8, { name: 'from version 8', status: 'finished', width: 4, height: 4 });
  db.prepare(
    'INSERT INTO snapshots (run_id, idx, iteration, unit_count, grid_png, validation_cost) VALUES (1, 0, 0, 0, ?, 2.5)',
  ).run(Buffer.from(png(1)));
  db.close();
  const store = openStore(file);
  expect(new Database(file, { readonly: true }).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  expect(store.getRun(1).snapshots).toEqual([
    { index: 0, iteration: 0, unitCount: 0, validationCost: 2.5, validationAccuracy: null },
  ]);
  expect(store.getHealth([1])).toEqual([{ runId: 1, health: [] }]);
  store.close();
});
