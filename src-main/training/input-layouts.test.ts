/**
 * The two input layouts of the WebAssembly kernel: the chooser picks by density, and sparse and dense
 * give the same J and gradient (the same bits, as the zeros the sparse layout skips add exactly 0) for
 * every thread count, full evaluations and mini-batches alike, on real digits.
 *
 * (Here, not in nn/fast/: it loads real digits, and nn/ may not import data/.)
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundledDigits } from '../data/mnist';
import { subset } from '../data/subset';
import { createLoopCost } from '../nn/loop';
import { predict } from '../nn/predict';
import type { Examples } from '../nn/cost';
import { createFastCost, type FastCostFunction } from '../nn/fast';
import { chooseInputLayout, DENSE_FROM_DENSITY, inputDensity } from '../nn/fast/input-layout';
import { predictFast } from '../nn/fast/predict';
import { firstMismatch, makeExamples, makeTheta } from '../nn/fast/test-data';

const matrix = (values: number[]): Examples => ({
  X: Float64Array.from(values),
  y: new Uint8Array(values.length / 4),
  m: values.length / 4,
  n: 4,
});

describe('chooseInputLayout', () => {
  it('measures the share of nonzero inputs (−0 is zero)', () => {
    expect(inputDensity(Float64Array.of(0, 0.5, 0, -0, 1, 0, 0, 0))).toBe(0.25);
    expect(inputDensity(Float64Array.of(1, 2, 3))).toBe(1);
    expect(inputDensity(new Float64Array(5))).toBe(0);
    expect(inputDensity(new Float64Array(0))).toBe(1);
  });

  it('stores sparse below the measured crossover and dense from it on', () => {
    expect(DENSE_FROM_DENSITY).toBe(0.75);
    expect(chooseInputLayout(0.19)).toBe('sparse'); // MNIST digits
    expect(chooseInputLayout(0.5)).toBe('sparse'); // Fashion-MNIST photos
    expect(chooseInputLayout(0.7)).toBe('sparse');
    expect(chooseInputLayout(0.75)).toBe('dense');
    expect(chooseInputLayout(0.81)).toBe('dense'); // the negatives below
    expect(chooseInputLayout(1)).toBe('dense');
    expect(() => chooseInputLayout(1.5)).toThrow('density must be a share from 0 to 1, got 1.5');
    expect(() => chooseInputLayout(NaN)).toThrow('density must be a share from 0 to 1, got NaN');
  });

  it('picks the expected layout for small matrices of known density', () => {
    const sizes = [4, 2, 2];
    const cases: [number[], string][] = [
      [[0, 0, 0, 0.5, 0, 0, 0.25, 0], 'sparse'], // 2 of 8 nonzero
      [[1, 0, 1, 0, 1, 1, 0, 1], 'sparse'], // 5 of 8
      [[1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], 'dense'], // 18 of 20 = 0.9
      [[1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 0], 'dense'], // 15 of 20 = 0.75
      [[1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 0, 1, 0, 0, 1, 0, 1, 0], 'sparse'], // 14 of 20 = 0.7
      [[0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8], 'dense'], // all 8
      [[1, 1, 1, 1, 1, 1, 0, 1], 'dense'], // 7 of 8 = 0.875
    ];
    for (const [values, expected] of cases) {
      const f = createFastCost(sizes, matrix(values), 0, { kernel: 'wasm', threads: 1 });
      expect(f.layout).toBe(expected);
      f.dispose();
    }
    // Asked for, either layout is used whatever the density.
    const forced = createFastCost(sizes, matrix([0, 0, 0, 1, 0, 0, 0, 0]), 0, { kernel: 'wasm', layout: 'dense' });
    expect(forced.layout).toBe('dense');
    forced.dispose();
    expect(() => createFastCost(sizes, matrix([1, 1, 1, 1]), 0, { layout: 'packed' as 'dense' })).toThrow(
      "fast cost: layout must be 'auto', 'sparse' or 'dense', got packed",
    );
  });
});

describe('sparse and dense layouts on real digits', () => {
  const digits = loadBundledDigits();
  // 1,000 digits of every class: 16 blocks of 64, so a full evaluation is cut into 8 jobs.
  const some = subset(
    digits,
    Array.from({ length: 1000 }, (_, i) => (i * 7919) % digits.m),
  );
  // The same digits as negatives (1 − x): 81% of the inputs nonzero, like a light background.
  const negatives = { ...some, X: some.X.map((x) => 1 - x) };
  const sizes = [784, 25, 10];
  const theta = makeTheta(sizes, 0.12, 5);
  const made: FastCostFunction[] = [];
  afterAll(() => made.forEach((f) => f.dispose()));
  const cost = (examples: Examples, layout: 'sparse' | 'dense', threads: number) => {
    const f = createFastCost(sizes, examples, 1, { kernel: 'wasm', layout, threads });
    made.push(f);
    expect(f.layout).toBe(layout);
    return f;
  };
  const evaluate = (f: FastCostFunction, rows?: Uint32Array) => {
    const grad = new Float64Array(theta.length);
    return { J: f.evaluate(theta, grad, rows), grad };
  };

  it.each([
    ['digits (19% nonzero)', () => some],
    ['negatives (81% nonzero)', () => negatives],
  ])('%s: both layouts, 1 or 3 threads, give the same bits, within 1e-12 of the loop', (_, data) => {
    const examples = data();
    const reference = new Float64Array(theta.length);
    const J = createLoopCost(sizes, examples, 1).evaluate(theta, reference);
    const sparse1 = evaluate(cost(examples, 'sparse', 1));
    expect(Math.abs(sparse1.J - J) / J).toBeLessThanOrEqual(1e-12);
    expect(firstMismatch(sparse1.grad, reference, 1e-12)).toBe(-1);
    for (const [layout, threads] of [
      ['dense', 1],
      ['sparse', 3],
      ['dense', 3],
    ] as const) {
      const f = cost(examples, layout, threads);
      const other = evaluate(f);
      expect(f.lastJobs).toBe(8);
      expect(other.J).toBe(sparse1.J);
      expect(Array.from(other.grad)).toEqual(Array.from(sparse1.grad));
    }
  });

  it('gives the same bits with an odd number of inputs and a last block of odd size', () => {
    // 25 inputs (the dense kernel takes inputs and examples two at a time) and 333 = 5·64 + 13 examples.
    const odd = [25, 5, 3];
    const examples = makeExamples(odd, 333, 'sparse', 3);
    const t = makeTheta(odd, 0.7, 2);
    const results = (['sparse', 'dense'] as const).flatMap((layout) =>
      [1, 3].map((threads) => {
        const f = createFastCost(odd, examples, 0.5, { kernel: 'wasm', layout, threads });
        made.push(f);
        const grad = new Float64Array(t.length);
        return { J: f.evaluate(t, grad), grad: Array.from(grad) };
      }),
    );
    const reference = new Float64Array(t.length);
    const J = createLoopCost(odd, examples, 0.5).evaluate(t, reference);
    expect(Math.abs(results[0].J - J) / J).toBeLessThanOrEqual(1e-12);
    expect(firstMismatch(Float64Array.from(results[0].grad), reference, 1e-12)).toBe(-1);
    for (const r of results.slice(1)) expect(r).toEqual(results[0]);
  });

  it('gives the same bits on a mini-batch (rows in any order, repeats allowed)', () => {
    const rows = Uint32Array.from({ length: 300 }, (_, i) => (i * 37) % some.m);
    const sparse = evaluate(cost(negatives, 'sparse', 3), rows);
    const dense = evaluate(cost(negatives, 'dense', 3), rows);
    const reference = new Float64Array(theta.length);
    const J = createLoopCost(sizes, negatives, 1).evaluate(theta, reference, rows);
    expect(Math.abs(dense.J - J) / J).toBeLessThanOrEqual(1e-12);
    expect(firstMismatch(dense.grad, reference, 1e-12)).toBe(-1);
    expect(dense.J).toBe(sparse.J);
    expect(Array.from(dense.grad)).toEqual(Array.from(sparse.grad));
  });

  it('predicts the classes of the reference forward pass in either layout', () => {
    const expected = Array.from(predict(theta, sizes, negatives.X, negatives.m));
    expect(new Set(expected).size).toBeGreaterThan(1);
    expect(Array.from(cost(negatives, 'dense', 1).predict!(theta))).toEqual(expected);
    expect(Array.from(cost(negatives, 'sparse', 1).predict!(theta))).toEqual(expected);
    expect(Array.from(predictFast(theta, sizes, negatives))).toEqual(expected);
  });
});
