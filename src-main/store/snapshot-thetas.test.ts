import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { png, smallRun } from './fixtures';
import type { RunStore } from './types';
import { errorOf, useTempStore } from './test-helpers';

let store: RunStore;
useTempStore((opened) => ({ store } = opened));

describe('Θ at each snapshot (migration 8)', () => {
  it('keeps a float32 Θ as 4 little-endian bytes per parameter and gives it back in snapshot order', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    store.addSnapshot(id, {
      index: 0,
      iteration: 0,
      gridPng: png(1),
      unitPngs: [],
      theta: Float32Array.from([0.5, -2, 1e-3]),
    });
    store.addSnapshot(id, { index: 1, iteration: 4, gridPng: png(2), unitPngs: [] });
    store.addSnapshot(id, {
      index: 2,
      iteration: 9,
      gridPng: png(3),
      unitPngs: [],
      theta: Float32Array.from([1, 2, 3]),
    });
    const thetas = store.getSnapshotThetas(id);
    expect(thetas.map((s) => [s.index, s.iteration, [...s.theta]])).toEqual([
      [0, 0, [0.5, -2, Math.fround(1e-3)]],
      [2, 9, [1, 2, 3]],
    ]);
    const raw = new Database(store.path, { readonly: true });
    const blob = raw.prepare('SELECT theta FROM snapshots WHERE run_id = ? AND idx = 0').get(id) as { theta: Buffer };
    raw.close();
    // 0.5 = 0x3f000000, little-endian first.
    expect([...blob.theta.subarray(0, 4)]).toEqual([0x00, 0x00, 0x00, 0x3f]);
    expect(blob.theta.length).toBe(12);
  });

  it('refuses a Θ that is not a Float32Array, naming the snapshot', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const bad = { index: 0, iteration: 0, gridPng: png(1), unitPngs: [], theta: [1, 2] as unknown as Float32Array };
    expect(errorOf(() => store.addSnapshot(id, bad)).message).toBe(
      `addSnapshot: run ${id}: snapshot 0: theta must be a non-empty Float32Array or null`,
    );
  });
});
