/**
 * Ng's weight decay, shared by every cost implementation so they regularize identically:
 * the cost gains λ/(2m)·Σ Θ(l)[r][c]² over all non-bias weights (c ≥ 1), and the gradient becomes
 * Δ/m in the bias column and Δ/m + (λ/m)·Θ elsewhere. Bias weights are never penalized: shrinking
 * them would not make the hypothesis any smoother, only shift it.
 */
import type { ThetaBlock } from './shape';

/** λ/(2m) times the sum of squares of every non-bias weight in θ. */
export function regularizationCost(
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  lambda: number,
  m: number,
): number {
  if (lambda === 0) return 0;
  let sumOfSquares = 0;
  for (const { rows, cols, offset } of layout) {
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      for (let c = 1; c < cols; c++) sumOfSquares += theta[row + c] * theta[row + c];
    }
  }
  return (lambda / (2 * m)) * sumOfSquares;
}

/**
 * Turns the accumulated Δ (held in `grad`) into ∂J/∂Θ in place: D = Δ/m for the bias column,
 * D = Δ/m + (λ/m)·Θ for every other column.
 */
export function regularizeGradient(
  grad: Float64Array,
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  lambda: number,
  m: number,
): void {
  const decay = lambda / m;
  for (const { rows, cols, offset } of layout) {
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      grad[row] = grad[row] / m;
      for (let c = 1; c < cols; c++) grad[row + c] = grad[row + c] / m + decay * theta[row + c];
    }
  }
}
