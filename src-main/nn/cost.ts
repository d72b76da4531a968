/**
 * The contract every cost+gradient implementation (loop, vectorized, fast) fulfils, so that the
 * optimizers, gradient checking and the training worker can use any of them interchangeably.
 */
import type { LayerSizes } from './shape';

/**
 * The implementations' names, listed here once: the hyperparameter schema, the CLI's --impl, the
 * implementations lesson (in this order: the lectures' loop first) and the bench all take them from here.
 */
export const IMPLEMENTATIONS = ['loop', 'vectorized', 'fast'] as const;
export type Implementation = (typeof IMPLEMENTATIONS)[number];

/** Examples for training: X is m×n row-major (one example per row), y holds class indices 0…K−1. */
export interface Examples {
  readonly X: Float64Array;
  readonly y: Uint8Array;
  readonly m: number;
  readonly n: number;
}

/**
 * Regularized cost J(Θ) and its gradient for a fixed network shape, data and λ.
 *
 * `evaluate` writes ∂J/∂Θ into `grad` (same length as `theta`) and returns J. With `rows`, J and the
 * gradient are over those examples only (m = rows.length), as mini-batch gradient descent needs.
 */
export interface CostFunction {
  readonly sizes: LayerSizes;
  readonly lambda: number;
  readonly m: number;
  evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number;
  /** Frees threads or memory the implementation holds; safe to call twice. */
  dispose(): void;
}
