/**
 * The forward pass of nn/forward.ts (forwardInto) that skips the inputs that are 0, for computing the
 * hidden activations of every training example: digits are four-fifths black, so z(2) = Θ(1)·[1; x]
 * over the nonzero inputs only is a fifth of the work. It gives forwardInto's bits exactly: each skipped
 * term θ·0 is ±0, and adding ±0 to a sum leaves it as it is (at most the sign of a zero sum changes,
 * and g(+0) = g(−0) = ½); the other terms are added in the same order. That needs Θ(1) finite (∞·0 is
 * NaN): `canSkipZeros` says when it is.
 */
import { sigmoid } from '../nn/activation';
import type { ThetaBlock } from '../nn/shape';

/** Whether Θ(1), the first block of `layout`, is finite, so that skipping zero inputs changes no bit. */
export function canSkipZeros(theta: Float64Array, layout: readonly ThetaBlock[]): boolean {
  const { offset, rows, cols } = layout[0];
  for (let i = offset; i < offset + rows * cols; i++) if (!Number.isFinite(theta[i])) return false;
  return true;
}

/**
 * forwardInto for the example of `X` at `xOffset`, its first layer over the nonzero inputs only;
 * `nonzero` is scratch for n input indices; `hidden` is the hidden units' g (outputs stay sigmoid).
 * Θ(1) must be finite (canSkipZeros).
 */
export function forwardSkippingZeros(
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  X: Float64Array,
  xOffset: number,
  activations: Float64Array[],
  nonzero: Uint32Array,
  hidden: (z: number) => number = sigmoid,
): void {
  const input = activations[0];
  const last = layout.length - 1;
  let count = 0;
  for (let c = 0; c < input.length; c++) {
    const v = X[xOffset + c];
    input[c] = v;
    if (v !== 0) nonzero[count++] = c;
  }
  for (let l = 0; l < layout.length; l++) {
    const { rows, cols, offset } = layout[l];
    const a = activations[l];
    const next = activations[l + 1];
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      let z = theta[row]; // Θ(l)[r][0] times the bias unit, which is always 1
      if (l === 0) {
        for (let k = 0; k < count; k++) z += theta[row + 1 + nonzero[k]] * a[nonzero[k]];
      } else {
        for (let c = 1; c < cols; c++) z += theta[row + c] * a[c - 1];
      }
      next[r] = l === last ? sigmoid(z) : hidden(z);
    }
  }
}
