import fs from 'node:fs';
import path from 'node:path';
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { unitPixels } from '../units/hidden-units';
import { initialTheta } from '../nn/init';
import { accuracy, predict } from '../nn/predict';
import type { RunStore } from '../store/types';
import { untrainedMetrics, writeFinishedRun } from '../store/fixtures';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../run/hyperparameters';
import { RunActivationCache } from './run-activations';
import type { HiddenUnitJson } from './table';
import { openTestApi, type TestApi } from './testing/test-api';

let t: TestApi;
let store: RunStore;

beforeAll(() => {
  t = openTestApi('api-unit-');
  ({ store } = t);
});
afterAll(() => t.close());

const DIGITS: DatasetSpec = { ...DEFAULT_DATASET, trainSize: 300, validationSize: 0, testSize: 100 };

/**
 * A finished run written as the supervisor writes one, its train accuracy computed on the reloaded
 * split (as the worker computes it), unless `trainAccuracy` says otherwise.
 */
function finishedRun(hidden: number[], dataset: DatasetSpec = DIGITS, trainAccuracy?: number) {
  const train = loadDataSplit(dataset).train;
  const sizes = [train.n, ...hidden, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 3 });
  const id = writeFinishedRun(store, {
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: hidden },
    dataset,
    sizes,
    theta,
    metrics: untrainedMetrics(trainAccuracy ?? accuracy(predict(theta, sizes, train.X, train.m), train.y)),
    width: train.width,
    height: train.height,
  });
  return { id, theta, sizes, train };
}

describe('runs.hiddenUnit', () => {
  it("describes unit 3 of a 784-5-10 run over its 300 training digits, with the digits' images", async () => {
    const { id, theta, sizes, train } = finishedRun([5]);
    const u: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 2, 3]);
    expect([u.runId, u.layer, u.unit, u.m]).toEqual([id, 2, 3, 300]);
    expect(u.sizes).toEqual([784, 5, 10]);
    expect(u.input).toEqual({ width: 28, height: 28, image: true });
    expect(u.top).toHaveLength(9);
    expect(u.bottom).toHaveLength(9);
    expect(u.histogram.reduce((a, b) => a + b, 0)).toBe(300);
    expect(u.bias).toBe(theta[2 * 785]);
    expect(u.incoming).toEqual(Array.from(theta.subarray(2 * 785 + 1, 3 * 785)));
    expect(u.outgoing).toEqual(Array.from({ length: 10 }, (_, k) => theta[5 * 785 + k * 6 + 3]));
    expect(u.outgoingTo).toBe('classes');
    const weights = decode(Buffer.from(u.incomingPng!, 'base64'));
    expect(Array.from(weights.data)).toEqual(Array.from(unitPixels(theta, sizes, 28, 28, 2)));
    const predicted = predict(theta, sizes, train.X, train.m);
    for (const e of [...u.top, ...u.bottom]) {
      expect(e.label).toBe(train.y[e.index]);
      expect(e.predicted).toBe(predicted[e.index]);
      const png = decode(Buffer.from(e.imagePng, 'base64'));
      expect([png.width, png.height]).toEqual([28, 28]);
      expect(Array.from(png.data)).toEqual(
        Array.from(train.X.subarray(e.index * 784, (e.index + 1) * 784), (v) => Math.round(v * 255)),
      );
    }
    expect(u.top[0].activation).toBe(u.max);
    expect(u.bottom[0].activation).toBe(u.min);
    expect(u.timing.cached).toBe(false);
  });

  it('answers the next unit of the same run from its cached activations', async () => {
    const { id } = finishedRun([4]);
    const first: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 2, 1]);
    const next: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 2, 2]);
    expect(first.timing.cached).toBe(false);
    expect(next.timing).toMatchObject({ cached: true, loadMs: 0 });
  });

  it('opens both hidden layers of a 784-6-4-10 run: layer 2 over pixels, layer 3 over units and to classes', async () => {
    const { id, theta } = finishedRun([6, 4]);
    const deep: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 3, 4]);
    expect(deep.incoming).toEqual(Array.from(theta.subarray(6 * 785 + 3 * 7 + 1, 6 * 785 + 4 * 7)));
    expect(deep.incomingPng).toBeNull();
    expect(deep.outgoing).toHaveLength(10);
    expect(deep.outgoingTo).toBe('classes');
    const first: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 2, 6]);
    expect(first.outgoing).toHaveLength(4);
    expect(first.outgoingTo).toBe('units');
    expect(first.incomingPng).not.toBeNull();
  });

  it('draws non-image data (a 1×5 strip) as strips, not images', async () => {
    const file = path.join(t.dir, 'allowed', 'strip.csv');
    const rows = Array.from({ length: 40 }, (_, i) => `${i % 10},${(i % 7) / 7},${(i % 3) / 3},0.5,${(i % 5) / 5},0.1`);
    fs.writeFileSync(file, `label,a,b,c,d,e\n${rows.join('\n')}\n`);
    const { id } = finishedRun([3], {
      source: 'csv',
      file,
      trainSize: 30,
      validationSize: 0,
      testSize: 10,
      dataSeed: 1,
    });
    const u: HiddenUnitJson = await t.value('runs.hiddenUnit', [id, 2, 1]);
    expect(u.input).toEqual({ width: 5, height: 1, image: false });
    expect(u.incomingPng).toBeNull();
    expect(u.incoming).toHaveLength(5);
    const png = decode(Buffer.from(u.top[0].imagePng, 'base64'));
    expect([png.width, png.height]).toEqual([5, 1]);
  });

  it('refuses units and layers the run does not have, naming the range', async () => {
    const { id } = finishedRun([5]);
    expect(await t.failure('runs.hiddenUnit', [id, 3, 1])).toMatchObject({
      code: 'invalid-argument',
      message: `runs.hiddenUnit: layer: run ${id} (784-5-10) has hidden layers 2…2, got 3`,
      path: ['layer'],
    });
    expect(await t.failure('runs.hiddenUnit', [id, 2, 6])).toMatchObject({
      message: `runs.hiddenUnit: unit: layer 2 of run ${id} has units 1…5, got 6`,
      path: ['unit'],
    });
    expect((await t.failure('runs.hiddenUnit', [id, 2, 0])).path).toEqual(['unit']);
    expect((await t.failure('runs.hiddenUnit', [id, 1, 1])).path).toEqual(['layer']);
    expect((await t.failure('runs.hiddenUnit', [id, 2, 1.5])).path).toEqual(['unit']);
    expect((await t.failure('runs.hiddenUnit', [id, 2])).message).toMatch(/takes 3 arguments/);
    expect((await t.failure('runs.hiddenUnit', [999_999, 2, 1])).code).toBe('not-found');
  });

  it('says why when the run is unfinished or its data cannot be reloaded as it was', async () => {
    const queued = store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DIGITS,
      width: 28,
      height: 28,
    });
    expect(await t.failure('runs.hiddenUnit', [queued, 2, 1])).toMatchObject({
      code: 'invalid-state',
      message: `runs.hiddenUnit: run ${queued} is queued; only a finished run has final weights whose units can be opened`,
    });

    const file = path.join(t.dir, 'allowed', 'gone.csv');
    const rows = Array.from({ length: 20 }, (_, i) => `${i % 10},${(i % 7) / 7},${(i % 3) / 3},0.5,0.25`);
    fs.writeFileSync(file, rows.join('\n'));
    const { id: gone } = finishedRun([2], {
      source: 'csv',
      file,
      trainSize: 20,
      validationSize: 0,
      testSize: 0,
      dataSeed: 1,
    });
    fs.rmSync(file);
    const missing = await t.failure('runs.hiddenUnit', [gone, 2, 1]);
    expect(missing.code).toBe('unusable-file');
    expect(missing.message).toContain(`runs.hiddenUnit: run ${gone}'s training data cannot be reloaded (${file}`);

    const { id: changed } = finishedRun([2], DIGITS, 0.999);
    expect((await t.failure('runs.hiddenUnit', [changed, 2, 1])).message).toMatch(
      new RegExp(`run ${changed}'s training data has changed since it trained: .* 99\\.90% when it finished`),
    );
  });
});

describe('RunActivationCache', () => {
  it('keeps the most recently used runs within its byte budget, always the newest', () => {
    const a = finishedRun([3]).id;
    const b = finishedRun([3]).id;
    // One 300-digit run holds 300·784 + 300·3 doubles ≈ 1.9 MB: a 3 MB budget keeps one.
    const cache = new RunActivationCache(store, 3_000_000);
    cache.get(a, 'test');
    expect(cache.get(a, 'test').cached).toBe(true);
    cache.get(b, 'test');
    expect(cache.runIds()).toEqual([b]);
    expect(cache.get(a, 'test').cached).toBe(false);
    const tiny = new RunActivationCache(store, 1_000_000);
    expect(() => tiny.get(a, 'test')).toThrow(
      `test: run ${a}'s 300 training examples and 3 hidden units need 2 MB to browse, more than the 1 MB the unit view may hold`,
    );
    const roomy = new RunActivationCache(store, 10_000_000);
    roomy.get(a, 'test');
    roomy.get(b, 'test');
    roomy.get(a, 'test');
    expect(roomy.runIds()).toEqual([b, a]);
  });
});
