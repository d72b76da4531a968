import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { smallResult, smallRun } from './fixtures';
import { errorOf, useTempStore } from './test-helpers';
import type { RunDataInfo, RunStore } from './types';

let dir: string;
let store: RunStore;
useTempStore((opened) => ({ dir, store } = opened));

const TEN = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
const info: RunDataInfo = {
  classNames: TEN,
  featureNames: Array.from({ length: 16 }, (_, i) => `f${i}`),
  standardization: { mean: Array.from({ length: 16 }, (_, i) => i * 0.5), sd: Array.from({ length: 16 }, () => 2) },
};

describe("a run's data info (class names, feature names, standardization)", () => {
  it('reads as digits for a run that never stored one', () => {
    const id = store.createRun(smallRun());
    expect(store.getRun(id)).toMatchObject({
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      featureNames: null,
      standardization: null,
    });
  });

  it('is stored while running, kept when finished, and travels through export and import', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    store.setDataInfo(id, info);
    store.finishRun(id, smallResult());
    expect(store.getRun(id)).toMatchObject(info);
    const folder = path.join(dir, 'out');
    store.exportRun(id, folder);
    const copy = store.importRun(folder);
    expect(store.getRun(copy)).toMatchObject(info);
  });

  it("gives the run list each run's class count: 10 digits without info, its class names' count with", () => {
    const digits = store.createRun(smallRun());
    const table = store.createRun(smallRun());
    store.markRunning(table);
    store.setDataInfo(table, {
      classNames: ['setosa', 'versicolor', 'virginica'],
      featureNames: null,
      standardization: null,
    });
    const count = (id: number) => store.listRuns({}).find((r) => r.id === id)!.classCount;
    expect([count(digits), count(table)]).toEqual([10, 3]);
    expect(store.getRun(table).classCount).toBe(3);
  });

  it('refuses bad info and runs that already ended', () => {
    const id = store.createRun(smallRun());
    expect(errorOf(() => store.setDataInfo(id, { ...info, classNames: ['x'] })).message).toBe(
      `setDataInfo: run ${id}: classNames must be 2 to 100 names`,
    );
    expect(
      errorOf(() => store.setDataInfo(id, { ...info, standardization: { mean: [0], sd: [0] } })).message,
    ).toContain('standardization.sd must be > 0');
    store.cancelRun(id);
    expect(errorOf(() => store.setDataInfo(id, info)).code).toBe('invalid-state');
  });
});
