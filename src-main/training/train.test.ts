import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { loadDataSplit } from '../data/load';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { accuracy, predict } from '../nn/predict';
import { rollThetas } from '../nn/shape';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec, type Hyperparameters } from '../run/hyperparameters';
import { train, type TrainStartInfo } from './train';
import type { SnapshotInput } from '../run/record';

const MNIST_300: DatasetSpec = { source: 'mnist', trainSize: 300, validationSize: 100, testSize: 100, dataSeed: 1 };
const hp = (o: Partial<Hyperparameters> = {}): Hyperparameters => ({
  ...DEFAULT_HYPERPARAMETERS,
  impl: 'vectorized',
  ...o,
});

// Six 2×2 digits: small enough to check pixels by hand.
let dir: string;
let tiny: DatasetSpec;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'backprop-lab-train-'));
  const file = join(dir, 'tiny.csv');
  writeFileSync(file, 'label,p0,p1,p2,p3\n0,1,0,0,1\n1,0,1,1,0\n0,1,0,0,0.5\n1,0,0.5,1,0\n0,0.9,0,0,1\n1,0,1,0.8,0\n');
  tiny = { source: 'csv', file, trainSize: 4, validationSize: 1, testSize: 1, dataSeed: 3 };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train', () => {
  it('takes a snapshot at 0, at ⌈k·N/20⌉ for k = 1…19 and at N, and reports every iteration', async () => {
    const infos: TrainStartInfo[] = [];
    const snaps: SnapshotInput[] = [];
    const progress: number[] = [];
    const outcome = await train(
      { hyperparameters: hp({ iterations: 50, impl: 'fast' }), dataset: MNIST_300 },
      {
        onStart: (i) => infos.push(i),
        onSnapshot: (s) => snaps.push(s),
        onProgress: (p) => progress.push(p.iteration),
      },
    );
    expect(infos).toEqual([
      {
        sizes: [784, 25, 10],
        width: 28,
        height: 28,
        trainSize: 300,
        validationSize: 100,
        testSize: 100,
        data: {
          classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
          featureNames: null,
          standardization: null,
        },
      },
    ]);
    expect(snaps.map((s) => s.iteration)).toEqual([
      0, 3, 5, 8, 10, 13, 15, 18, 20, 23, 25, 28, 30, 33, 35, 38, 40, 43, 45, 48, 50,
    ]);
    expect(snaps.map((s) => s.index)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    expect(progress).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(outcome.costHistory.map((p) => p.iteration)).toEqual(progress);
    expect(outcome.status).toBe('finished');
    expect(outcome.sizes).toEqual([784, 25, 10]);
    expect(outcome.metrics!.finalCost).toBe(outcome.costHistory[50].cost);
    expect(decode(snaps[20].gridPng).width).toBe(146);
  }, 120_000);

  it('starts the curve at J(Θ₀) and judges the final Θ on each part of the split', async () => {
    const h = hp({ iterations: 5, seed: 7 });
    const outcome = await train({ hyperparameters: h, dataset: MNIST_300 });
    const data = loadDataSplit(MNIST_300);
    const sizes = [784, 25, 10];
    const f = createCostFunction('vectorized', sizes, data.train, h.lambda);
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 7 });
    expect(outcome.costHistory[0]).toEqual({
      iteration: 0,
      cost: f.evaluate(theta0, new Float64Array(theta0.length)),
      elapsedMs: 0,
    });
    f.dispose();
    expect(outcome.initialTheta).toEqual(theta0); // Θ₀ comes back with the outcome, to be stored

    const m = outcome.metrics!;
    const acc = (d: typeof data.train) => accuracy(predict(outcome.theta, sizes, d.X, d.m), d.y);
    expect([m.trainAccuracy, m.validationAccuracy, m.testAccuracy]).toEqual([
      acc(data.train),
      acc(data.validation),
      acc(data.test),
    ]);
    expect(outcome.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(100);
    expect(outcome.confusion!.map((row, k) => row[k]).reduce((a, b) => a + b, 0)).toBe(
      Math.round(m.testAccuracy! * 100),
    );
    expect(m.durationMs).toBe(outcome.timing.trainMs);
    expect(m.costEvaluations).toBeGreaterThanOrEqual(6);
  }, 60_000);

  it.each([
    { cost: 'cross-entropy', activation: 'tanh', epsilon: 'per-layer' },
    { cost: 'quadratic', activation: 'relu', epsilon: 'he' },
  ] as const)(
    'trains $cost with $activation units on fast as vectorized does, judged with that model',
    async (o) => {
      const run = (impl: 'fast' | 'vectorized') =>
        train({ hyperparameters: hp({ ...o, impl, iterations: 5, seed: 3 }), dataset: MNIST_300 }, { snapshots: 1 });
      const [fast, vectorized] = [await run('fast'), await run('vectorized')];
      const model = { cost: o.cost, activation: o.activation };
      expect(Math.abs(fast.costHistory[0].cost - vectorized.costHistory[0].cost)).toBeLessThan(1e-12);
      expect(fast.costHistory.at(-1)!.cost).toBeLessThan(fast.costHistory[0].cost);
      expect(fast.costHistory.at(-1)!.cost).toBeCloseTo(vectorized.costHistory.at(-1)!.cost, 8);
      const data = loadDataSplit(MNIST_300);
      const acc = (d: typeof data.train) => accuracy(predict(fast.theta, [784, 25, 10], d.X, d.m, model), d.y);
      const m = fast.metrics!;
      expect([m.trainAccuracy, m.validationAccuracy, m.testAccuracy]).toEqual([
        acc(data.train),
        acc(data.validation),
        acc(data.test),
      ]);
    },
    60_000,
  );

  it('gives the same Θ for init "file" as for the init it was taken from', async () => {
    const sizes = [4, 2, 10];
    const thetas = rollThetas(initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 5 }), sizes);
    const fromFile = await train({
      hyperparameters: hp({ hiddenLayers: [2], init: 'file', iterations: 8 }),
      dataset: tiny,
      initialThetas: thetas,
    });
    const direct = await train({ hyperparameters: hp({ hiddenLayers: [2], seed: 5, iterations: 8 }), dataset: tiny });
    expect(fromFile.theta).toEqual(direct.theta);
    expect(fromFile.costHistory.map((p) => p.cost)).toEqual(direct.costHistory.map((p) => p.cost));
  });

  it('with all-zero Θ₀ starts at J = 10·ln 2 and keeps every hidden unit identical (symmetry is never broken)', async () => {
    const snaps: SnapshotInput[] = [];
    const outcome = await train(
      // λ = 1 keeps Θ bounded: on these 4 separable examples λ = 0 lets CG drive h to exactly 0 or 1 and J to ∞.
      // The penalty of Θ = 0 is 0, so J(Θ₀) is still 10·ln 2.
      { hyperparameters: hp({ hiddenLayers: [2], init: 'zeros', lambda: 1, iterations: 10 }), dataset: tiny },
      { onSnapshot: (s) => snaps.push(s) },
    );
    // Every output is sigmoid(0) = ½, so each of the 10 output units costs ln 2 per example.
    expect(outcome.costHistory[0].cost).toBeCloseTo(10 * Math.LN2, 12);
    // At iteration 0 both units are all-zero: uniform mid-grey inside black borders.
    // prettier-ignore
    expect(Array.from(decode(snaps[0].gridPng).data)).toEqual([
      0, 0, 0, 0, 0, 0, 0,
      0, 128, 128, 0, 128, 128, 0,
      0, 128, 128, 0, 128, 128, 0,
      0, 0, 0, 0, 0, 0, 0,
    ]);
    const last = snaps[snaps.length - 1];
    expect(last.iteration).toBe(outcome.costHistory[outcome.costHistory.length - 1].iteration);
    expect(last.unitPngs[0]).toEqual(last.unitPngs[1]);
    // The one validation digit at Θ₀: ten outputs of ½ cost 10·ln 2, and the tie goes to class 0, its label.
    const validation = loadDataSplit(tiny).validation;
    expect(Array.from(validation.y)).toEqual([0]);
    expect(snaps[0].validationCost).toBeCloseTo(10 * Math.LN2, 12);
    expect(snaps[0].validationAccuracy).toBe(1);
    // At the end: J_cv is the λ = 0 cost of the final Θ on it, and the accuracy is the run's.
    const jcv = createCostFunction('loop', outcome.sizes, validation, 0);
    expect(last.validationCost).toBeCloseTo(jcv.evaluate(outcome.theta, new Float64Array(outcome.theta.length)), 12);
    expect(last.validationAccuracy).toBe(outcome.metrics!.validationAccuracy);
    const [theta1] = rollThetas(outcome.theta, outcome.sizes);
    expect(theta1[0]).toEqual(theta1[1]);
  });

  it('reports null accuracies and an all-zero confusion matrix when there is no validation or test set', async () => {
    const snaps: SnapshotInput[] = [];
    const outcome = await train(
      {
        hyperparameters: hp({ hiddenLayers: [2], iterations: 3 }),
        dataset: { ...tiny, validationSize: 0, testSize: 0 },
      },
      { onSnapshot: (s) => snaps.push(s) },
    );
    expect(snaps.map((s) => [s.validationCost, s.validationAccuracy])).toEqual(snaps.map(() => [null, null]));
    expect(outcome.metrics!.validationAccuracy).toBeNull();
    expect(outcome.metrics!.testAccuracy).toBeNull();
    expect(outcome.confusion).toEqual(Array.from({ length: 10 }, () => new Array(10).fill(0)));
  });

  it('snapshots every iteration when there are fewer iterations than snapshots (1 and 3 iterations)', async () => {
    for (const [iterations, expected] of [
      [1, [0, 1]],
      [3, [0, 1, 2, 3]],
    ] as const) {
      const seen: number[] = [];
      await train(
        { hyperparameters: hp({ hiddenLayers: [2], iterations }), dataset: tiny },
        { onSnapshot: (s) => seen.push(s.iteration) },
      );
      expect(seen).toEqual(expected);
    }
  });

  it('stops after the iteration in progress when the signal aborts, keeping the history so far', async () => {
    const abort = new AbortController();
    const outcome = await train(
      { hyperparameters: hp({ iterations: 1000 }), dataset: MNIST_300 },
      { signal: abort.signal, onProgress: (p) => p.iteration === 3 && abort.abort() },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.costHistory.map((p) => p.iteration)).toEqual([0, 1, 2, 3]);
    expect([outcome.metrics, outcome.confusion]).toEqual([null, null]);
  }, 60_000);

  it('does not optimize at all when cancelled before it starts', async () => {
    const abort = new AbortController();
    abort.abort();
    const outcome = await train(
      { hyperparameters: hp({ hiddenLayers: [2], seed: 9 }), dataset: tiny },
      { signal: abort.signal },
    );
    expect(outcome.status).toBe('cancelled');
    expect(outcome.costHistory.map((p) => p.iteration)).toEqual([0]);
    expect(outcome.theta).toEqual(initialTheta([4, 2, 10], { init: 'uniform', epsilon: 0.12, seed: 9 }));
  });

  it('fails with a message naming what is wrong', async () => {
    const missing = join(dir, 'missing.csv');
    await expect(train({ hyperparameters: hp(), dataset: { ...tiny, file: missing } })).rejects.toThrow(
      `${missing}: file not found`,
    );
    await expect(
      train({
        hyperparameters: hp({ hiddenLayers: [2], init: 'file' }),
        dataset: tiny,
        initialThetas: [[[0, 0, 0, 0, 0]], []],
      }),
    ).rejects.toThrow('initial weights do not fit the network 4-2-10: Θ1 must have 2 rows, got 1');
    await expect(train({ hyperparameters: hp({ init: 'file' }), dataset: tiny })).rejects.toThrow(
      "init is 'file' but no initial weights were given",
    );
    await expect(train({ hyperparameters: hp(), dataset: tiny, initialThetas: [] })).rejects.toThrow(
      "initial weights were given but init is 'uniform', not 'file'",
    );
    await expect(train({ hyperparameters: hp(), dataset: tiny }, { snapshots: 0 })).rejects.toThrow(
      'snapshots must be a whole number ≥ 1, got 0',
    );
  });
});
