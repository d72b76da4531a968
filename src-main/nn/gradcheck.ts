/**
 * Gradient checking: compare backprop's ∂J/∂θ with central differences
 * (J(θ + e·u_i) − J(θ − e·u_i)) / 2e. If the implementation is right the two agree to about 1e-9
 * relative difference; a bug in δ or Δ usually shows up as 1e-1 or worse.
 */
import type { CostFunction } from './cost';

/**
 * Central-difference estimate of ∂J/∂θ_i for every i in `indices` (all parameters if omitted),
 * returned in the order of `indices`. Each θ_i is perturbed by ±e and restored before the next
 * one; the caller's θ is never modified (we perturb a private copy). Costs 2 evaluations per index.
 */
export function numericalGradient(f: CostFunction, theta: Float64Array, e = 1e-4, indices?: Uint32Array): Float64Array {
  if (!(Number.isFinite(e) && e > 0)) throw new Error(`the perturbation e must be a number > 0, got ${e}`);
  const which = indices ?? allIndices(theta.length);
  checkIndices(which, theta.length);
  const probe = Float64Array.from(theta);
  const scratch = new Float64Array(theta.length);
  const numeric = new Float64Array(which.length);
  for (let k = 0; k < which.length; k++) {
    const i = which[k];
    const original = probe[i];
    probe[i] = original - e;
    const below = f.evaluate(probe, scratch);
    probe[i] = original + e;
    const above = f.evaluate(probe, scratch);
    probe[i] = original; // restore exactly, not by subtracting e, so no rounding drift accumulates
    numeric[k] = (above - below) / (2 * e);
  }
  return numeric;
}

/**
 * ‖a − b‖ / ‖a + b‖ (Euclidean norms), Ng's measure of how far two gradients disagree.
 * Two all-zero vectors agree perfectly: 0.
 */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`cannot compare gradients of lengths ${a.length} and ${b.length}`);
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    sum += (a[i] + b[i]) ** 2;
  }
  if (diff === 0) return 0;
  return Math.sqrt(diff) / Math.sqrt(sum);
}

export interface GradientCheck {
  /** J(θ) at the unperturbed θ. */
  readonly cost: number;
  /** Central differences, one per checked index. */
  readonly numeric: Float64Array;
  /** Backprop's gradient at the same indices. */
  readonly analytic: Float64Array;
  /** relativeDifference(numeric, analytic). */
  readonly relativeDifference: number;
  /** The parameter indices that were checked. */
  readonly indices: Uint32Array;
}

/** Runs backprop once and central differences on `indices` (default all), and compares them. */
export function checkGradients(
  f: CostFunction,
  theta: Float64Array,
  options: { readonly indices?: Uint32Array; readonly e?: number } = {},
): GradientCheck {
  const indices = options.indices ?? allIndices(theta.length);
  checkIndices(indices, theta.length);
  const grad = new Float64Array(theta.length);
  const cost = f.evaluate(theta, grad);
  const analytic = Float64Array.from(indices, (i) => grad[i]);
  const numeric = numericalGradient(f, theta, options.e ?? 1e-4, indices);
  return { cost, numeric, analytic, relativeDifference: relativeDifference(numeric, analytic), indices };
}

function allIndices(count: number): Uint32Array {
  return Uint32Array.from({ length: count }, (_, i) => i);
}

function checkIndices(indices: Uint32Array, count: number): void {
  for (let k = 0; k < indices.length; k++) {
    if (indices[k] >= count) throw new Error(`indices[${k}] = ${indices[k]} is not a parameter index (θ has ${count})`);
  }
}
