import { describe, expect, it } from 'vitest';
import { createFastCost, type FastCostOptions } from './index';
import { denseReferenceCost } from './dense-reference';
import { firstMismatch, makeExamples, makeTheta, type InputKind } from './test-data';
import { parameterCount, type LayerSizes } from '../shape';
import type { Examples } from '../cost';

const variants: { name: string; options: FastCostOptions }[] = [
  { name: 'js kernel', options: { kernel: 'js', threads: 1 } },
  { name: 'wasm kernel, 1 thread', options: { kernel: 'wasm', threads: 1 } },
  { name: 'wasm kernel, 3 threads', options: { kernel: 'wasm', threads: 3 } },
];

function evaluate(sizes: LayerSizes, examples: Examples, lambda: number, theta: Float64Array, options: FastCostOptions, rows?: Uint32Array) {
  const cost = createFastCost(sizes, examples, lambda, options);
  try {
    const grad = new Float64Array(theta.length);
    return { cost: cost.evaluate(theta, grad, rows), grad };
  } finally {
    cost.dispose();
  }
}

describe.each(variants)('createFastCost ($name)', ({ options }) => {
  it('gives the hand-computed J and gradient of a 1-1-1 network on one example', () => {
    // x = 0, Θ1 = [0 1], Θ2 = [0 1], one class so y = 1: a2 = g(0) = 0.5, h = g(0.5), J = −log(h).
    const examples = { X: new Float64Array([0]), y: new Uint8Array([0]), m: 1, n: 1 };
    const { cost, grad } = evaluate([1, 1, 1], examples, 0, new Float64Array([0, 1, 0, 1]), options);
    expect(cost).toBeCloseTo(0.47407698418010663, 15);
    // δ3 = h − 1; D2 = [δ3, δ3·0.5]; δ2 = 1·δ3·0.5·(1 − 0.5); D1 = [δ2, δ2·x = 0].
    const expected = [-0.09438516719953635, 0, -0.3775406687981454, -0.1887703343990727];
    expect(Array.from(grad)).toEqual(expected.map((v) => expect.closeTo(v, 15)));
  });

  it('gives J = K·log 2 and the label-mean gradient when Θ = 0', () => {
    const sizes = [20, 5, 4];
    const examples = makeExamples(sizes, 9, 'sparse');
    const theta = new Float64Array(parameterCount(sizes));
    const { cost, grad } = evaluate(sizes, examples, 3, theta, options);
    expect(cost).toBeCloseTo(4 * Math.LN2, 14);
    // Every h = 0.5 and every hidden a = 0.5, so D2[k] = [mean(0.5 − y_k), 0.5·mean(0.5 − y_k) …]; δ2 = Θ2ᵀδ3 = 0, so D1 = 0.
    const offset2 = 5 * 21;
    for (let k = 0; k < 4; k++) {
      let count = 0;
      for (let i = 0; i < 9; i++) if (examples.y[i] === k) count++;
      const mean = 0.5 - count / 9;
      expect(grad[offset2 + k * 6]).toBeCloseTo(mean, 15);
      for (let c = 1; c < 6; c++) expect(grad[offset2 + k * 6 + c]).toBeCloseTo(0.5 * mean, 15);
    }
    expect(grad.subarray(0, offset2).every((v) => v === 0)).toBe(true);
  });

  const shapes: { sizes: LayerSizes; m: number }[] = [
    { sizes: [4, 3, 2], m: 1 },
    { sizes: [7, 3, 2], m: 13 },
    { sizes: [9, 5, 4, 3], m: 11 },
    { sizes: [12, 7, 6, 5, 4], m: 17 },
    { sizes: [30, 25, 10], m: 40 },
  ];
  const kinds: InputKind[] = ['sparse', 'dense', 'zeros'];
  for (const { sizes, m } of shapes) {
    for (const kind of kinds) {
      for (const lambda of [0, 1.5]) {
        it(`matches the dense reference on ${sizes.join('-')}, m = ${m}, ${kind} inputs, λ = ${lambda}`, () => {
          const examples = makeExamples(sizes, m, kind);
          const theta = makeTheta(sizes);
          const expected = denseReferenceCost(sizes, examples, lambda, theta);
          const { cost, grad } = evaluate(sizes, examples, lambda, theta, options);
          expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
          expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
        });
      }
    }
  }

  it('uses only the given rows, with m = rows.length, including a single row and a repeated row', () => {
    const sizes = [9, 5, 4, 3];
    const examples = makeExamples(sizes, 23, 'sparse');
    const theta = makeTheta(sizes);
    const fast = createFastCost(sizes, examples, 0.7, options);
    try {
      for (const rows of [[5], [22, 0], [3, 3, 17, 9, 11], Array.from({ length: 23 }, (_, i) => 22 - i)]) {
        const subset = Uint32Array.from(rows);
        const expected = denseReferenceCost(sizes, examples, 0.7, theta, subset);
        const grad = new Float64Array(theta.length);
        const cost = fast.evaluate(theta, grad, subset);
        expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
        expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
      }
    } finally {
      fast.dispose();
    }
  });

  it('gives the same answer on repeated calls and overwrites the gradient buffer', () => {
    const sizes = [7, 3, 2];
    const examples = makeExamples(sizes, 13, 'sparse');
    const theta = makeTheta(sizes);
    const fast = createFastCost(sizes, examples, 1, options);
    try {
      const first = new Float64Array(theta.length);
      const j1 = fast.evaluate(theta, first);
      const second = new Float64Array(theta.length).fill(123);
      const j2 = fast.evaluate(theta, second);
      expect(j2).toBe(j1);
      expect(Array.from(second)).toEqual(Array.from(first));
    } finally {
      fast.dispose();
    }
  });

  it('passes gradient checking: backprop agrees with central differences of J', () => {
    const sizes = [6, 4, 3, 3];
    const examples = makeExamples(sizes, 8, 'sparse');
    const theta = makeTheta(sizes, 1);
    const fast = createFastCost(sizes, examples, 2, options);
    try {
      const grad = new Float64Array(theta.length);
      fast.evaluate(theta, grad);
      const scratch = new Float64Array(theta.length);
      const numeric = new Float64Array(theta.length);
      const e = 1e-5;
      for (let i = 0; i < theta.length; i++) {
        const t = theta.slice();
        t[i] += e;
        const plus = fast.evaluate(t, scratch);
        t[i] -= 2 * e;
        const minus = fast.evaluate(t, scratch);
        numeric[i] = (plus - minus) / (2 * e);
      }
      let diff = 0;
      let sum = 0;
      for (let i = 0; i < theta.length; i++) {
        diff += (numeric[i] - grad[i]) ** 2;
        sum += (numeric[i] + grad[i]) ** 2;
      }
      // Ng's check: ‖numeric − backprop‖ / ‖numeric + backprop‖ below 1e-9.
      expect(Math.sqrt(diff) / Math.sqrt(sum)).toBeLessThan(1e-9);
    } finally {
      fast.dispose();
    }
  });

  it('can be disposed twice, and refuses to evaluate afterwards', () => {
    const sizes = [7, 3, 2];
    const fast = createFastCost(sizes, makeExamples(sizes, 5, 'sparse'), 1, options);
    fast.dispose();
    fast.dispose();
    const theta = makeTheta(sizes);
    expect(() => fast.evaluate(theta, new Float64Array(theta.length))).toThrow(/after dispose/);
  });
});

describe('createFastCost input checks', () => {
  const sizes = [7, 3, 2];
  const examples = makeExamples(sizes, 5, 'sparse');

  it('names the problem with the examples', () => {
    expect(() => createFastCost([6, 3, 2], examples, 1)).toThrow('examples have 7 inputs but layer 0 has 6 units');
    expect(() => createFastCost(sizes, { ...examples, m: 0, X: new Float64Array(0), y: new Uint8Array(0) }, 1)).toThrow('m must be a whole number of examples ≥ 1, got 0');
    expect(() => createFastCost(sizes, { ...examples, X: examples.X.subarray(1) }, 1)).toThrow('X must hold m×n = 5×7 = 35 values, got 34');
    expect(() => createFastCost(sizes, { ...examples, y: new Uint8Array([0, 1, 2, 0, 1]) }, 1)).toThrow('label of example 2 is 2, but the output layer has only 2 classes (0…1)');
    const X = examples.X.slice();
    X[3 * 7 + 4] = NaN;
    expect(() => createFastCost(sizes, { ...examples, X }, 1)).toThrow('X[3][4] (example 3, input 4) is not a finite number');
    expect(() => createFastCost(sizes, examples, -1)).toThrow('λ must be a finite number ≥ 0, got -1');
    expect(() => createFastCost([7], examples, 1)).toThrow('a network needs at least 2 layers, got 1');
  });

  it('names the problem with the arguments of evaluate', () => {
    const fast = createFastCost(sizes, examples, 1);
    try {
      const theta = makeTheta(sizes);
      const grad = new Float64Array(theta.length);
      expect(() => fast.evaluate(theta.subarray(1), grad)).toThrow('Θ must have 32 parameters for layers 7-3-2, got 31');
      expect(() => fast.evaluate(theta, grad.subarray(1))).toThrow('the gradient buffer must have 32 entries for layers 7-3-2, got 31');
      expect(() => fast.evaluate(theta, grad, new Uint32Array(0))).toThrow('rows must name at least one example');
      expect(() => fast.evaluate(theta, grad, Uint32Array.from([1, 5]))).toThrow('rows[1] = 5 is not an example (m = 5)');
    } finally {
      fast.dispose();
    }
  });
});
