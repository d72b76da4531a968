import { describe, expect, it } from 'vitest';
import { createLoopCost } from './loop';
import { createVectorizedCost } from './vectorized';
import { debugNetwork } from './debug-network';
import { syntheticExamples } from './synthetic';
import type { CostFunction, Examples } from './cost';
import type { LayerSizes } from './shape';

// Both reference implementations must pass the same hand-computed cases and reject the same bad input.
const implementations: [string, (s: LayerSizes, e: Examples, l: number) => CostFunction][] = [
  ['loop', createLoopCost],
  ['vectorized', createVectorizedCost],
];

describe.each(implementations)('%s cost', (_name, create) => {
  it('computes a one-unit logistic regression by hand: θ = [0, 2], x = 1, class 0 of K = 1', () => {
    // h = g(2) = 0.8807970779778823; J = −log h; δ = h − 1; with λ = 1, m = 1: + ½·2² and + 1·2 on the weight.
    const examples = { X: Float64Array.of(1), y: Uint8Array.of(0), m: 1, n: 1 };
    const theta = Float64Array.of(0, 2);
    const grad = new Float64Array(2);
    expect(create([1, 1], examples, 0).evaluate(theta, grad)).toBeCloseTo(0.12692801104297263, 15);
    expect(grad[0]).toBeCloseTo(-0.11920292202211769, 15);
    expect(grad[1]).toBeCloseTo(-0.11920292202211769, 15);
    expect(create([1, 1], examples, 1).evaluate(theta, grad)).toBeCloseTo(2.1269280110429727, 14);
    expect(grad[0]).toBeCloseTo(-0.11920292202211769, 15); // bias: never regularized
    expect(grad[1]).toBeCloseTo(1.8807970779778822, 15);
  });

  it('gives J = K·log 2 with all-zero Θ (every output is exactly 0.5)', () => {
    const examples = syntheticExamples(4, 3, 2, 7);
    const f = create([3, 4, 2], examples, 5);
    expect(f.evaluate(new Float64Array(4 * 4 + 2 * 5), new Float64Array(26))).toBeCloseTo(2 * Math.LN2, 15);
  });

  it("pins the debug network's cost (values from an independent numpy script)", () => {
    // Obtained with NumPy 2.4 from a literal transcription of Ng's nnCostFunction.m
    // (a1 = [1 X], a2 = [1 g(a1·Θ1ᵀ)], h = g(a2·Θ2ᵀ), Y = eye(K)(y, :), J = sum(sum(−Y.*log h − (1−Y).*log(1−h)))/m
    // + λ/(2m)·(ΣΘ1(:,2:end)² + ΣΘ2(:,2:end)²)) on the weights of checkNNGradients (sin(1:n)/10, column-major).
    const { sizes, theta, examples } = debugNetwork();
    const grad = new Float64Array(theta.length);
    expect(create(sizes, examples, 0).evaluate(theta, grad)).toBeCloseTo(2.1009505699024653, 13);
    expect(grad[0]).toBeCloseTo(-0.009278252357988553, 15);
    expect(grad[1]).toBeCloseTo(-3.0497891351971495e-6, 15);
    expect(grad[grad.length - 1]).toBeCloseTo(0.046559718625936566, 15);
    expect(create(sizes, examples, 3).evaluate(theta, grad)).toBeCloseTo(2.1463598150243586, 13);
    expect(grad[0]).toBeCloseTo(-0.009278252357988553, 15);
    expect(grad[1]).toBeCloseTo(-0.016767979681070747, 15);
    expect(grad[grad.length - 1]).toBeCloseTo(0.0015004838196360018, 15);
  });

  it('overwrites whatever the gradient buffer held before', () => {
    const { sizes, theta, examples } = debugNetwork();
    const f = create(sizes, examples, 3);
    const clean = new Float64Array(theta.length);
    const dirty = new Float64Array(theta.length).fill(123);
    expect(f.evaluate(theta, dirty)).toBe(f.evaluate(theta, clean));
    expect(dirty).toEqual(clean);
  });

  it('with rows, is exactly the cost of the data set made of those rows (m = rows.length)', () => {
    const all = syntheticExamples(12, 5, 3, 11);
    const rows = Uint32Array.of(7, 2, 2, 10);
    const subset: Examples = {
      X: Float64Array.from(Array.from(rows).flatMap((r) => Array.from(all.X.subarray(r * 5, r * 5 + 5)))),
      y: Uint8Array.from(rows, (r) => all.y[r]),
      m: rows.length,
      n: 5,
    };
    const theta = Float64Array.from({ length: 4 * 6 + 3 * 5 }, (_, i) => Math.sin(i) / 2);
    const viaRows = new Float64Array(theta.length);
    const viaSubset = new Float64Array(theta.length);
    const Jrows = create([5, 4, 3], all, 2).evaluate(theta, viaRows, rows);
    const Jsubset = create([5, 4, 3], subset, 2).evaluate(theta, viaSubset);
    expect(Jrows).toBe(Jsubset);
    expect(viaRows).toEqual(viaSubset);
  });

  it('handles a network without hidden layers and one with three', () => {
    const grad2 = new Float64Array(3 * 5);
    expect(
      Number.isFinite(create([4, 3], syntheticExamples(6, 4, 3, 1), 1).evaluate(new Float64Array(15).fill(0.1), grad2)),
    ).toBe(true);
    const sizes = [5, 4, 4, 3, 2];
    const count = 4 * 6 + 4 * 5 + 3 * 5 + 2 * 4;
    const grad = new Float64Array(count);
    const J = create(sizes, syntheticExamples(6, 5, 2, 1), 1).evaluate(new Float64Array(count).fill(0.1), grad);
    expect(J).toBeGreaterThan(0);
    expect(grad.some((g) => g !== 0)).toBe(true);
  });

  describe('rejects bad input with a message saying what and where', () => {
    const good = (): Examples => ({ X: new Float64Array(6), y: Uint8Array.of(0, 1), m: 2, n: 3 });
    const sizes = [3, 2, 2];
    it('a label ≥ K', () => {
      expect(() => create(sizes, { ...good(), y: Uint8Array.of(0, 2) }, 0)).toThrow(
        'label of example 1 is 2, but the output layer has 2 classes (0…1)',
      );
    });
    it('X not m·n long', () => {
      expect(() => create(sizes, { ...good(), X: new Float64Array(5) }, 0)).toThrow(
        'examples.X must hold m·n = 2·3 = 6 values, got 5',
      );
    });
    it('n different from the input layer', () => {
      expect(() => create([4, 2, 2], good(), 0)).toThrow(
        'examples have 3 features (n) but the input layer has 4 units',
      );
    });
    it('y not m long', () => {
      expect(() => create(sizes, { ...good(), y: Uint8Array.of(0) }, 0)).toThrow(
        'examples.y must hold m = 2 labels, got 1',
      );
    });
    it('a non-finite pixel', () => {
      const X = new Float64Array(6);
      X[4] = NaN;
      expect(() => create(sizes, { ...good(), X }, 0)).toThrow('examples.X at example 1, feature 1 is NaN');
    });
    it('a negative or non-finite λ', () => {
      expect(() => create(sizes, good(), -1)).toThrow('λ (lambda) must be a finite number ≥ 0, got -1');
      expect(() => create(sizes, good(), NaN)).toThrow('λ (lambda) must be a finite number ≥ 0, got NaN');
    });
    it('m = 0', () => {
      expect(() => create(sizes, { X: new Float64Array(0), y: new Uint8Array(0), m: 0, n: 3 }, 0)).toThrow(
        'needs at least 1 example, got m = 0',
      );
    });
    it('θ or the gradient of the wrong length', () => {
      const f = create(sizes, good(), 0);
      expect(() => f.evaluate(new Float64Array(13), new Float64Array(14))).toThrow(
        'θ must hold 14 parameters for layers 3-2-2, got 13',
      );
      expect(() => f.evaluate(new Float64Array(14), new Float64Array(3))).toThrow(
        'the gradient buffer must hold 14 values',
      );
    });
    it('empty rows or a row index ≥ m', () => {
      const f = create(sizes, good(), 0);
      expect(() => f.evaluate(new Float64Array(14), new Float64Array(14), new Uint32Array(0))).toThrow('rows is empty');
      expect(() => f.evaluate(new Float64Array(14), new Float64Array(14), Uint32Array.of(0, 2))).toThrow(
        'rows[1] = 2 is not an example index (m = 2)',
      );
    });
  });
});
