import { describe, expect, it } from 'vitest';
import { loadBundledDigits } from '../data/mnist';
import type { Examples } from '../nn/cost';
import { initialTheta } from '../nn/init';
import { createLoopCost } from '../nn/loop';
import { minimizeSync } from '../nn/optimize/minimize';
import { unrollThetas } from '../nn/shape';
import { createVectorizedCost } from '../nn/vectorized';
import { hiddenUnitsIdentical } from './symmetry';

describe('hiddenUnitsIdentical on hand-made Θ', () => {
  const theta2 = [
    [0, 1, 1, 1],
    [0, -1, -1, -1],
  ]; // Θ(2): 2 outputs × (3 hidden + bias)

  it('finds one distinct unit when every row of Θ(1) is the same', () => {
    const theta = unrollThetas(
      [
        [
          [0.1, 0.2, 0.3],
          [0.1, 0.2, 0.3],
          [0.1, 0.2, 0.3],
        ],
        theta2,
      ],
      [2, 3, 2],
    );
    expect(hiddenUnitsIdentical(theta, [2, 3, 2])).toEqual({
      layer: 2,
      units: 3,
      distinctUnits: 1,
      identical: true,
      groups: [[0, 1, 2]],
      largestDifference: 0,
    });
  });

  it('counts the bias weight too, and groups within tol', () => {
    const theta = unrollThetas(
      [
        [
          [0.1, 0.2, 0.3],
          [0.5, 0.2, 0.3],
          [0.1, 0.2, 0.3005],
        ],
        theta2,
      ],
      [2, 3, 2],
    );
    const exact = hiddenUnitsIdentical(theta, [2, 3, 2]);
    expect(exact.distinctUnits).toBe(3);
    expect(exact.identical).toBe(false);
    expect(exact.groups).toEqual([[0], [1], [2]]);
    expect(exact.largestDifference).toBeCloseTo(0.4, 15);
    expect(hiddenUnitsIdentical(theta, [2, 3, 2], 1e-3).groups).toEqual([[0, 2], [1]]);
  });

  it('examines a deeper hidden layer when asked (layer 3 is fed by Θ(2))', () => {
    const theta = unrollThetas(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [0, 7, 7],
          [0, 7, 7],
          [1, 7, 7],
        ],
        [[0, 0, 0, 0]],
      ],
      [1, 2, 3, 1],
    );
    expect(hiddenUnitsIdentical(theta, [1, 2, 3, 1]).distinctUnits).toBe(2);
    const third = hiddenUnitsIdentical(theta, [1, 2, 3, 1], 0, 3);
    expect(third.layer).toBe(3);
    expect(third.groups).toEqual([[0, 1], [2]]);
  });

  it('treats a single hidden unit as trivially identical', () => {
    expect(hiddenUnitsIdentical(new Float64Array(3 + 2), [2, 1, 1]).identical).toBe(true);
  });

  it('rejects networks without a hidden layer, wrong Θ and bad options', () => {
    expect(() => hiddenUnitsIdentical(new Float64Array(6), [2, 2])).toThrow(
      'symmetry: the network 2-2 has no hidden layer',
    );
    expect(() => hiddenUnitsIdentical(new Float64Array(17), [2, 3, 2], 0, 3)).toThrow(
      'symmetry: layer must be a hidden layer, 2…2 for 2-3-2, got 3',
    );
    expect(() => hiddenUnitsIdentical(new Float64Array(16), [2, 3, 2])).toThrow(
      'θ must hold 17 parameters for layers 2-3-2, got 16',
    );
    expect(() => hiddenUnitsIdentical(new Float64Array(17), [2, 3, 2], -1)).toThrow(
      'symmetry: tol must be a finite number ≥ 0, got -1',
    );
  });
});

describe('hiddenUnitsIdentical after real training on MNIST digits', () => {
  // 100 bundled digits, every 100th, so all ten classes appear
  const digits = loadBundledDigits();
  const m = 100;
  const X = new Float64Array(m * 784);
  const y = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    X.set(digits.X.subarray(i * 100 * 784, (i * 100 + 1) * 784), i * 784);
    y[i] = digits.y[i * 100];
  }
  const examples: Examples = { X, y, m, n: 784 };
  const sizes = [784, 25, 10];
  const settings = { optimizer: 'cg', iterations: 8, batchSize: m, learningRate: 1, momentum: 0, seed: 1 } as const;

  it('from zero Θ, conjugate gradient moves the weights but keeps all 25 units one unit', () => {
    const f = createLoopCost(sizes, examples, 1);
    const result = minimizeSync(f, initialTheta(sizes, { init: 'zeros', seed: 1 }), settings);
    const s = hiddenUnitsIdentical(result.theta, sizes);
    expect(s.units).toBe(25);
    expect(s.distinctUnits).toBe(1);
    expect(s.identical).toBe(true);
    expect(s.largestDifference).toBe(0); // the same arithmetic on the same numbers: equal to the last bit
    expect(Math.max(...result.theta.subarray(0, 25 * 785).map(Math.abs))).toBeGreaterThan(1e-3); // Θ(1) did learn
    expect(result.costHistory.at(-1)!).toBeLessThan(10 * Math.LN2); // J(0) = K·log 2
  });

  it('from zero Θ, plain gradient descent (full batch, no momentum) keeps 1 unit too', () => {
    const f = createVectorizedCost(sizes, examples, 0);
    const gd = { ...settings, optimizer: 'sgd', iterations: 5 } as const;
    const result = minimizeSync(f, initialTheta(sizes, { init: 'zeros', seed: 1 }), gd);
    expect(hiddenUnitsIdentical(result.theta, sizes).distinctUnits).toBe(1);
    expect(Math.max(...result.theta.subarray(0, 25 * 785).map(Math.abs))).toBeGreaterThan(1e-4);
  });

  it('from random Θ (ε = 0.12), the 25 units start and stay 25 different units', () => {
    const start = initialTheta(sizes, { init: 'uniform', seed: 1 });
    expect(hiddenUnitsIdentical(start, sizes).distinctUnits).toBe(25);
    const result = minimizeSync(createLoopCost(sizes, examples, 1), start, settings);
    const s = hiddenUnitsIdentical(result.theta, sizes);
    expect(s.distinctUnits).toBe(25);
    expect(s.identical).toBe(false);
    expect(s.largestDifference).toBeGreaterThan(0.1);
  });
});
