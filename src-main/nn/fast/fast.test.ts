/**
 * The fast cost against the loop and vectorized implementations (which follow Ng's formulas
 * literally) and against hand-computed values, for every kernel and thread count.
 */
import { describe, expect, it } from 'vitest';
import { createFastCost, type FastCostOptions } from './index';
import { evaluateFast, firstMismatch, makeExamples, makeTheta, type InputKind } from './test-data';
import { createLoopCost } from '../loop';
import { createVectorizedCost } from '../vectorized';
import { debugNetwork } from '../debug-network';
import { parameterCount, type LayerSizes } from '../shape';
import type { Examples } from '../cost';

const variants: { name: string; options: FastCostOptions }[] = [
  { name: 'js kernel', options: { kernel: 'js', threads: 1 } },
  { name: 'wasm kernel, 1 thread', options: { kernel: 'wasm', threads: 1 } },
  { name: 'wasm kernel, 3 threads', options: { kernel: 'wasm', threads: 3 } },
];

function references(sizes: LayerSizes, examples: Examples, lambda: number, theta: Float64Array, rows?: Uint32Array) {
  return [createLoopCost, createVectorizedCost].map((create) => {
    const grad = new Float64Array(theta.length);
    return { cost: create(sizes, examples, lambda).evaluate(theta, grad, rows), grad };
  });
}

describe.each(variants)('createFastCost ($name)', ({ options }) => {
  it('gives the hand-computed J and gradient of a 1-1-1 network on one example', () => {
    // x = 0, Θ1 = [0 1], Θ2 = [0 1], one class so y = 1: a2 = g(0) = 0.5, h = g(0.5), J = −log(h).
    const examples = { X: new Float64Array([0]), y: new Uint8Array([0]), m: 1, n: 1 };
    const { J: cost, grad } = evaluateFast([1, 1, 1], examples, 0, new Float64Array([0, 1, 0, 1]), options);
    expect(cost).toBeCloseTo(0.47407698418010663, 15);
    // δ3 = h − 1; D2 = [δ3, δ3·0.5]; δ2 = 1·δ3·0.5·(1 − 0.5); D1 = [δ2, δ2·x = 0].
    const expected = [-0.09438516719953635, 0, -0.3775406687981454, -0.1887703343990727];
    expect(Array.from(grad)).toEqual(expected.map((v) => expect.closeTo(v, 15)));
  });

  it("gives Ng's checkNNGradients costs on the debug network (λ = 0 and λ = 3)", () => {
    const { sizes, theta, examples } = debugNetwork();
    expect(evaluateFast(sizes, examples, 0, theta, options).J).toBeCloseTo(2.1009505699024653, 14);
    expect(evaluateFast(sizes, examples, 3, theta, options).J).toBeCloseTo(2.1463598150243586, 14);
  });

  it('gives J = K·log 2 and the label-mean gradient when Θ = 0', () => {
    const sizes = [20, 5, 4];
    const examples = makeExamples(sizes, 9, 'sparse');
    const theta = new Float64Array(parameterCount(sizes));
    const { J: cost, grad } = evaluateFast(sizes, examples, 3, theta, options);
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
    { sizes: [5, 3], m: 6 },
    { sizes: [9, 5, 4, 3], m: 11 },
    { sizes: [12, 7, 6, 5, 4], m: 17 },
    { sizes: [30, 25, 10], m: 140 },
    { sizes: [60, 39, 12, 10], m: 70 },
  ];
  const kinds: InputKind[] = ['sparse', 'dense', 'zeros'];
  for (const { sizes, m } of shapes) {
    for (const kind of kinds) {
      for (const lambda of [0, 1.5]) {
        it(`matches loop and vectorized on ${sizes.join('-')}, m = ${m}, ${kind} inputs, λ = ${lambda}`, () => {
          const examples = makeExamples(sizes, m, kind);
          const theta = makeTheta(sizes);
          const { J: cost, grad } = evaluateFast(sizes, examples, lambda, theta, options);
          for (const expected of references(sizes, examples, lambda, theta)) {
            expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
            expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
          }
        });
      }
    }
  }

  it('uses only the given rows, with m = rows.length: a single row, a repeated row, all rows reversed', () => {
    const sizes = [9, 5, 4, 3];
    const examples = makeExamples(sizes, 23, 'sparse');
    const theta = makeTheta(sizes);
    const fast = createFastCost(sizes, examples, 0.7, options);
    try {
      for (const rows of [[5], [22, 0], [3, 3, 17, 9, 11], Array.from({ length: 23 }, (_, i) => 22 - i)]) {
        const subset = Uint32Array.from(rows);
        const grad = new Float64Array(theta.length);
        const cost = fast.evaluate(theta, grad, subset);
        for (const expected of references(sizes, examples, 0.7, theta, subset)) {
          expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
          expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
        }
      }
    } finally {
      fast.dispose();
    }
  });

  it('gives the same bits on repeated calls, overwriting the gradient buffer', () => {
    const sizes = [7, 3, 2];
    const examples = makeExamples(sizes, 13, 'sparse');
    const theta = makeTheta(sizes);
    const fast = createFastCost(sizes, examples, 1, options);
    try {
      const first = new Float64Array(theta.length);
      const j1 = fast.evaluate(theta, first);
      fast.evaluate(makeTheta(sizes, 1, 99), new Float64Array(theta.length), Uint32Array.of(4));
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
      let diff = 0;
      let sum = 0;
      for (let i = 0; i < theta.length; i++) {
        const t = theta.slice();
        t[i] += 1e-5;
        const plus = fast.evaluate(t, scratch);
        t[i] -= 2e-5;
        const numeric = (plus - fast.evaluate(t, scratch)) / 2e-5;
        diff += (numeric - grad[i]) ** 2;
        sum += (numeric + grad[i]) ** 2;
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
    expect(() => fast.evaluate(theta, new Float64Array(theta.length))).toThrow(
      'fast cost: evaluate was called after dispose()',
    );
  });
});

describe('createFastCost input checks', () => {
  const sizes = [7, 3, 2];
  const examples = makeExamples(sizes, 5, 'sparse');

  it('names the problem with the examples, λ or the options', () => {
    expect(() => createFastCost([6, 3, 2], examples, 1)).toThrow(
      'examples have 7 features (n) but the input layer has 6 units',
    );
    expect(() => createFastCost(sizes, { ...examples, m: 0, X: new Float64Array(0), y: new Uint8Array(0) }, 1)).toThrow(
      'the fast cost needs at least 1 example, got m = 0',
    );
    expect(() => createFastCost(sizes, { ...examples, X: examples.X.subarray(1) }, 1)).toThrow(
      'examples.X must hold m·n = 5·7 = 35 values, got 34',
    );
    expect(() => createFastCost(sizes, { ...examples, y: new Uint8Array([0, 1, 2, 0, 1]) }, 1)).toThrow(
      'label of example 2 is 2, but the output layer has 2 classes (0…1)',
    );
    const X = examples.X.slice();
    X[3 * 7 + 4] = NaN;
    expect(() => createFastCost(sizes, { ...examples, X }, 1)).toThrow(
      'examples.X at example 3, feature 4 is NaN, not a finite number',
    );
    expect(() => createFastCost(sizes, examples, -1)).toThrow('λ (lambda) must be a finite number ≥ 0, got -1');
    expect(() => createFastCost([7], examples, 1)).toThrow('a network needs at least 2 layers, got 1');
    expect(() => createFastCost(sizes, examples, 1, { threads: 0 })).toThrow(
      'fast cost: threads must be a whole number from 1 to 64, got 0',
    );
    expect(() => createFastCost(sizes, examples, 1, { threads: 1.5 })).toThrow(
      'threads must be a whole number from 1 to 64, got 1.5',
    );
  });

  it('names the problem with the arguments of evaluate', () => {
    const fast = createFastCost(sizes, examples, 1);
    try {
      const theta = makeTheta(sizes);
      const grad = new Float64Array(theta.length);
      expect(() => fast.evaluate(theta.subarray(1), grad)).toThrow(
        'θ must hold 32 parameters for layers 7-3-2, got 31',
      );
      expect(() => fast.evaluate(theta, grad.subarray(1))).toThrow(
        'the gradient buffer must hold 32 values for layers 7-3-2, got 31',
      );
      expect(() => fast.evaluate(theta, theta)).toThrow('the gradient buffer must not overlap θ');
      expect(() => fast.evaluate(theta, grad, new Uint32Array(0))).toThrow('rows is empty');
      expect(() => fast.evaluate(theta, grad, Uint32Array.from([1, 5]))).toThrow(
        'rows[1] = 5 is not an example index (m = 5)',
      );
    } finally {
      fast.dispose();
    }
  });

  it('stores inputs with more than 65,536 distinct values (which do not pack) dense, on the WebAssembly kernel', () => {
    const wide = [2, 3, 2];
    const many = {
      X: Float64Array.from({ length: 2 * 40_000 }, (_, i) => (i + 1) / 7),
      y: new Uint8Array(40_000),
      m: 40_000,
      n: 2,
    };
    // Even when sparse is asked for: it cannot index that many values.
    for (const layout of ['auto', 'sparse'] as const) {
      const fast = createFastCost(wide, many, 0, { layout });
      try {
        expect([fast.kernel, fast.layout]).toEqual(['wasm', 'dense']);
        const theta = makeTheta(wide);
        const grad = new Float64Array(theta.length);
        const expected = new Float64Array(theta.length);
        const rows = Uint32Array.of(0, 39_999);
        expect(fast.evaluate(theta, grad, rows)).toBeCloseTo(
          createLoopCost(wide, many, 0).evaluate(theta, expected, rows),
          14,
        );
        expect(firstMismatch(grad, expected, 1e-12)).toBe(-1);
      } finally {
        fast.dispose();
      }
    }
    const js = createFastCost(wide, many, 0, { kernel: 'js' });
    expect([js.kernel, js.layout]).toEqual(['js', 'sparse']);
    js.dispose();
    const greyLevels = createFastCost(wide, { ...many, X: many.X.map((_, i) => (i % 255) / 255) }, 0, {
      layout: 'sparse',
    });
    expect([greyLevels.kernel, greyLevels.layout]).toEqual(['wasm', 'sparse']);
    greyLevels.dispose();
  });

  it('refuses a network deeper than the WebAssembly kernel handles (16 layers)', () => {
    const deep = [3, ...Array.from({ length: 15 }, () => 2), 2];
    expect(() => createFastCost(deep, makeExamples(deep, 2, 'sparse'), 0, { kernel: 'wasm' })).toThrow(
      'fast cost: the WebAssembly kernel handles at most 16 layers, got 17',
    );
  });
});
