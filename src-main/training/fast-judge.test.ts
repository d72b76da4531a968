/**
 * The fast judge gives the reference judge's J_cv and accuracy (judge.ts) on real digits, for a
 * trained Θ, an overconfident one (h rounds to exactly 1, J_cv must stay finite) and a deeper network,
 * and predicts the reference classes.
 *
 * (Here, not in nn/fast/: it loads real digits, and nn/ may not import data/.)
 */
import { describe, expect, it } from 'vitest';
import { loadBundledDigits } from '../data/mnist';
import { subset } from '../data/subset';
import { initialTheta } from '../nn/init';
import { createJudge } from '../nn/judge';
import { minimizeSync } from '../nn/optimize/minimize';
import { predict } from '../nn/predict';
import { createFastCost } from '../nn/fast';
import { createFastJudge } from '../nn/fast/judge';
import { makeTheta } from '../nn/fast/test-data';

describe('createFastJudge', () => {
  const digits = loadBundledDigits();
  const train = subset(
    digits,
    Array.from({ length: 1500 }, (_, i) => (i * 7) % digits.m),
  );
  const validation = subset(
    digits,
    Array.from({ length: 700 }, (_, i) => (i * 13 + 5) % digits.m),
  );
  const sizes = [784, 25, 10];

  function agrees(s: readonly number[], theta: Float64Array) {
    const expected = createJudge(s, validation)(theta);
    const fast = createFastJudge(s, validation);
    try {
      const got = fast.judge(theta);
      expect(Number.isFinite(got.cost)).toBe(true);
      expect(Math.abs(got.cost - expected.cost) / expected.cost).toBeLessThanOrEqual(1e-12);
      expect(got.accuracy).toBe(expected.accuracy);
      expect(Array.from(fast.predict(theta))).toEqual(Array.from(predict(theta, s, validation.X, validation.m)));
      return got;
    } finally {
      fast.dispose();
    }
  }

  it('gives J_cv and accuracy of the reference judge for a trained Θ', () => {
    const f = createFastCost(sizes, train, 1);
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const { theta } = minimizeSync(f, theta0, {
      optimizer: 'cg',
      iterations: 20,
      batchSize: 1,
      learningRate: 1,
      momentum: 0,
      seed: 1,
    });
    f.dispose();
    const judged = agrees(sizes, theta);
    // Trained for real on other digits: well above chance, well below 100%.
    expect(judged.accuracy).toBeGreaterThan(0.7);
    expect(judged.accuracy).toBeLessThan(1);
  });

  it('stays finite and equal for an overconfident Θ, and on a deeper network', () => {
    const loud = makeTheta(sizes, 0.12, 3).map((t) => t * 400);
    const judged = agrees(sizes, loud);
    expect(judged.cost).toBeGreaterThan(20);
    agrees([784, 16, 12, 10], makeTheta([784, 16, 12, 10], 0.3, 9));
  });

  it('refuses no examples, like the reference judge', () => {
    expect(() => createFastJudge(sizes, { X: new Float64Array(0), y: new Uint8Array(0), m: 0, n: 784 })).toThrow(
      'judging needs at least 1 example, got m = 0',
    );
  });
});
