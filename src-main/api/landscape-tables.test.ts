import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { landscapeInCallingThread, threadLandscape } from './threads/landscape-runner';
import { openTestApi, type TestApi } from './testing/test-api';

// The cost surface through the API on a feature table: three seeds of 4-5-3 trained by the built worker
// in child processes on iris (standardized, 90 training and 30 validation flowers), the barrier matrix
// the lesson "Will the optimizer get stuck?" asks for, and a plane computed by the landscape threads,
// which load the CSV themselves.
let t: TestApi;
let workerPath: string;
let ids: number[];

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

beforeAll(async () => {
  workerPath = await ensureBuiltWorker();
  t = openTestApi('api-landscape-tables-', { workerPath, concurrency: 2 });
  const file = path.join(t.dir, 'allowed', 'iris.csv');
  fs.copyFileSync(path.join(__dirname, '..', 'data', 'testing', 'iris.csv'), file);
  const dataset = {
    source: 'csv',
    file,
    labelColumn: 'species',
    standardize: true,
    trainSize: 90,
    validationSize: 30,
    testSize: 30,
    dataSeed: 1,
  };
  ({ ids } = await t.value('training.start', [
    { hyperparameters: { hiddenLayers: [5], iterations: 30, lambda: 1 }, dataset, count: 3 },
  ]));
  const done = () => ids.every((id) => t.events.some((e) => e.name === 'run.done' && e.payload.runId === id));
  for (const start = Date.now(); !done(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > 90_000) throw new Error(`timed out waiting for runs ${ids.join(', ')}`);
  }
}, 180_000);

afterAll(() => t?.close());

describe('the cost surface of iris runs (4 inputs, 5 hidden units, 3 classes)', () => {
  it('the barrier matrix of three seeds: 0 on the diagonal, each entry the line barrier before and after matching', async () => {
    const m = (await t.value('landscape.barriers', [{ runIds: ids, points: 11 }]))!;
    expect(m.before.map((row) => row.length)).toEqual([3, 3, 3]);
    for (let i = 0; i < 3; i++) {
      expect(m.before[i][i]).toBe(0);
      expect(m.after[i][i]).toBe(0);
    }
    const line = (await t.value('landscape.line', [{ runId: ids[1], toRunId: ids[2], align: true, points: 11 }]))!;
    expect(m.before[1][2]).toBeCloseTo(line.barrier!, 12);
    expect(m.after[1][2]).toBeCloseTo(line.alignedBarrier!, 12);
    expect([...line.permutation![0]].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(line).toMatchObject({ m: 90, validationM: 30 });
    expect(relative(line.cost[10], t.store.getRun(ids[2]).metrics!.finalCost)).toBeLessThan(1e-9);
  });

  it('a plane split over the landscape threads equals the one computed here, centred on the final J', async () => {
    const runner = threadLandscape(path.join(path.dirname(workerPath), 'landscape.js'), 2);
    const run = t.store.getRun(ids[0]);
    const weights = t.store.getWeights(ids[0]);
    const job = {
      kind: 'plane' as const,
      runId: ids[0],
      dataset: run.dataset,
      lambda: 1,
      sizes: weights.sizes,
      theta: weights.theta,
      grid: 7,
      span: 1,
      seed: 1,
    };
    const threaded = await runner.run(job, null, () => {});
    const here = await landscapeInCallingThread().run(job, null, () => {});
    if (threaded?.kind !== 'plane' || here?.kind !== 'plane') throw new Error('expected planes');
    expect(weights.sizes).toEqual([4, 5, 3]);
    expect(threaded.plane.cost).toEqual(here.plane.cost);
    expect(relative(here.plane.centerCost, run.metrics!.finalCost)).toBeLessThan(1e-9);
  });

  it('a line split over the landscape threads (each half of α in its own) equals the line computed here', async () => {
    const runner = threadLandscape(path.join(path.dirname(workerPath), 'landscape.js'), 2);
    const [a, b] = [t.store.getWeights(ids[0]), t.store.getWeights(ids[1])];
    const alphas = Array.from({ length: 41 }, (_, i) => -0.5 + i / 20);
    const job = {
      kind: 'line' as const,
      runId: ids[0],
      dataset: t.store.getRun(ids[0]).dataset,
      lambda: 1,
      sizes: a.sizes,
      thetaA: a.theta,
      thetaB: b.theta,
      alphas,
      align: true,
    };
    const threaded = await runner.run(job, null, () => {});
    const here = await landscapeInCallingThread().run(job, null, () => {});
    if (threaded?.kind !== 'line' || here?.kind !== 'line') throw new Error('expected lines');
    const [split, whole] = [threaded.line, here.line];
    expect(split.alphas).toEqual(alphas);
    expect(split.endpoints).toEqual(whole.endpoints);
    expect(split.permutation).toEqual(whole.permutation);
    for (const [x, y] of [
      [split.cost, whole.cost],
      [split.validationCost!, whole.validationCost!],
      [split.aligned!.cost, whole.aligned!.cost],
    ]) {
      expect(x).toHaveLength(41);
      x.forEach((v, i) => expect(relative(v, y[i])).toBeLessThan(1e-12));
    }
    expect(split.barrier).toBeCloseTo(whole.barrier, 12);
    expect(split.aligned!.barrier).toBeCloseTo(whole.aligned!.barrier, 12);
    expect(split.barrierRemoved!).toBeCloseTo(whole.barrierRemoved!, 10);
  });
});
