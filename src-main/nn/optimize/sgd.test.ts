import { describe, expect, test } from 'vitest';
import { createLoopCost } from '../loop';
import { seededRandom, shuffledIndices } from '../random';
import { minimizeSync } from './minimize';
import { lineFit, poisoned, type CountingCost } from './test-problems';
import type { OptimizerSettings } from './types';

const SGD: OptimizerSettings = {
  optimizer: 'sgd',
  iterations: 1,
  batchSize: 1,
  learningRate: 0.1,
  momentum: 0,
  seed: 7,
};

/** Wraps f to keep a copy of the rows of every call (null for a full-data call). */
function recording(f: CountingCost) {
  const calls: (number[] | null)[] = [];
  const g: CountingCost = {
    ...f,
    evaluate(theta, grad, rows) {
      calls.push(rows ? Array.from(rows) : null);
      return f.evaluate(theta, grad, rows);
    },
  };
  return { f: g, calls };
}

describe('sgd, hand-computed steps on the line fit J = 1/(2m)·Σ(θ₀ + θ₁x − y)²', () => {
  // Examples (0, 2), (1, 5), (2, 8) lie on y = 2 + 3x. At θ = (0, 0): errors −2, −5, −8, ∇J = (−5, −7).
  test('one full-batch epoch without momentum: θ = (0.5, 0.7), J = 53.9/6', () => {
    const r = minimizeSync(lineFit([0, 1, 2], [2, 5, 8]), new Float64Array(2), { ...SGD, batchSize: 3 });
    expect(r.theta[0]).toBeCloseTo(0.5, 15);
    expect(r.theta[1]).toBeCloseTo(0.7, 15);
    expect(r.costHistory).toHaveLength(1);
    expect(r.costHistory[0]).toBeCloseTo(8.983333333333333, 14);
    expect(r.evaluations).toBe(2); // one batch, one full-data cost
  });

  test('two full-batch epochs with momentum μ = 0.5: v₂ = 0.5·v₁ − 0.1·∇J(θ₁) gives θ = (1.13, 1.58333…)', () => {
    // ∇J(0.5, 0.7) = (−3.8, −16/3), so v₂ = (0.25 + 0.38, 0.35 + 0.5333…).
    const r = minimizeSync(lineFit([0, 1, 2], [2, 5, 8]), new Float64Array(2), {
      ...SGD,
      batchSize: 3,
      momentum: 0.5,
      iterations: 2,
    });
    expect(r.theta[0]).toBeCloseTo(1.13, 14);
    expect(r.theta[1]).toBeCloseTo(1.5833333333333333, 14);
    expect(r.costHistory[0]).toBeCloseTo(8.983333333333333, 14);
    expect(r.costHistory[1]).toBeCloseTo(3.2834037037037036, 14);
  });

  test('one example (m = 1) and a batch size larger than m: one batch of that example per epoch', () => {
    // (1, 3) from θ = (0, 0) with α = 0.25: error −3, ∇J = (−3, −3), θ = (0.75, 0.75), J = 1.5²/2.
    const { f, calls } = recording(lineFit([1], [3]));
    const r = minimizeSync(f, new Float64Array(2), { ...SGD, batchSize: 100, learningRate: 0.25 });
    expect(Array.from(r.theta)).toEqual([0.75, 0.75]);
    expect(r.costHistory).toEqual([1.125]);
    expect(calls).toEqual([[0], null]);
  });

  test('no examples (m = 0) is refused before any evaluation', () => {
    const f = lineFit([], []);
    expect(() => minimizeSync(f, new Float64Array(2), SGD)).toThrow(
      'sgd: the cost function has 0 examples; need at least 1',
    );
    expect(f.calls).toBe(0);
  });
});

describe('sgd on a convex problem', () => {
  const xs = [-1, -0.5, 0, 0.5, 1, 1.5];
  const ys = xs.map((x) => 2 + 3 * x);

  test('full-batch gradient descent with momentum converges to the exact line (2, 3)', () => {
    const r = minimizeSync(lineFit(xs, ys), new Float64Array(2), {
      ...SGD,
      batchSize: 6,
      learningRate: 0.5,
      momentum: 0.5,
      iterations: 5000,
    });
    expect(r.stoppedBy).toBe('converged');
    expect(r.theta[0]).toBeCloseTo(2, 9);
    expect(r.theta[1]).toBeCloseTo(3, 9);
  });

  test('online learning (batch size 1) converges too, the data being exactly on the line', () => {
    const r = minimizeSync(lineFit(xs, ys), new Float64Array(2), { ...SGD, learningRate: 0.2, iterations: 5000 });
    expect(r.stoppedBy).toBe('converged');
    expect(r.theta[0]).toBeCloseTo(2, 9);
    expect(r.theta[1]).toBeCloseTo(3, 9);
    for (let i = 1; i < r.costHistory.length; i++) expect(r.costHistory[i]).toBeLessThan(r.costHistory[i - 1] + 1e-12);
  });
});

describe('sgd batches and shuffling', () => {
  test('each epoch visits the rows in shuffledIndices order (one seeded stream), in batches of 2, 2 and 1 leftover', () => {
    const { f, calls } = recording(lineFit([0, 1, 2, 3, 4], [1, 2, 3, 4, 5]));
    const r = minimizeSync(f, new Float64Array(2), { ...SGD, batchSize: 2, iterations: 3 });
    const random = seededRandom(7);
    const expected: (number[] | null)[] = [];
    for (let epoch = 0; epoch < 3; epoch++) {
      const order = Array.from(shuffledIndices(5, random));
      expected.push(order.slice(0, 2), order.slice(2, 4), order.slice(4), null);
    }
    expect(calls).toEqual(expected);
    expect(r.evaluations).toBe(12); // 3 epochs × (3 batches + 1 full-data cost)
    expect(expected[0]).not.toEqual(expected[4]); // a new order every epoch
  });

  test('the same seed gives the same run bit for bit; another seed another run', () => {
    const settings = { ...SGD, iterations: 3 };
    const run = (seed: number) =>
      minimizeSync(lineFit([0, 1, 2, 3], [1, 3, 2, 5]), new Float64Array(2), { ...settings, seed });
    expect(run(7)).toEqual(run(7));
    expect(Array.from(run(8).theta)).not.toEqual(Array.from(run(7).theta));
  });

  test('full-batch sgd without momentum on Ng’s network is one gradient step θ₀ − α∇J(θ₀) per epoch', () => {
    const m = 10;
    const X = new Float64Array(m * 3).map((_, k) => Math.sin(k + 1));
    const y = new Uint8Array(m).map((_, i) => i % 2);
    const f = createLoopCost([3, 4, 2], { X, y, m, n: 3 }, 1);
    const theta0 = new Float64Array(4 * 4 + 2 * 5).map((_, k) => Math.cos(k + 1) / 4);
    const grad = new Float64Array(theta0.length);
    f.evaluate(theta0, grad);
    const r = minimizeSync(f, theta0, { ...SGD, batchSize: m, learningRate: 0.3 });
    const expected = theta0.map((t, i) => t - 0.3 * grad[i]);
    expect(Array.from(r.theta)).toEqual(Array.from(expected));
    expect(r.costHistory[0]).toBe(f.evaluate(expected, grad));
  });
});

describe('sgd failures', () => {
  test('a NaN cost names the epoch and evaluation and suggests a smaller learning rate', () => {
    // 3 batches + 1 full cost per epoch: call 6 is the second batch of epoch 2.
    const f = poisoned(lineFit([0, 1, 2], [2, 5, 8]), 6);
    expect(() => minimizeSync(f, new Float64Array(2), { ...SGD, iterations: 5 })).toThrow(
      'sgd: the cost became NaN in epoch 2, evaluation 6 (a smaller learningRate usually helps)',
    );
  });

  test('a learning rate far too large diverges to a non-finite cost and stops with the error', () => {
    expect(() =>
      minimizeSync(lineFit([0, 1, 2], [2, 5, 8]), new Float64Array(2), { ...SGD, learningRate: 50, iterations: 1000 }),
    ).toThrow(
      /^sgd: the cost became (Infinity|NaN) in epoch \d+, evaluation \d+ \(a smaller learningRate usually helps\)$/,
    );
  });
});
