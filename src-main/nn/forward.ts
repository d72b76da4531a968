/**
 * Forward propagation: from an example's pixels through every layer to the output h(x).
 * a(1) = x; z(l+1) = Θ(l)·[1; a(l)]; a(l+1) = g(z(l+1)), g the hidden activation in hidden layers
 * and the sigmoid at the output. Bias units are added on the fly and never stored, so a(l) here
 * always has exactly s(l) entries.
 */
import { sigmoid } from './activation';
import { NG_MODEL, type ModelChoice } from './model';
import { modelMath } from './model-math';
import { thetaLayout, type LayerSizes, type ThetaBlock } from './shape';
import { validateThetaLength } from './validate';

/** One zero-filled buffer per layer, a(1)…a(L), each s(l) long (no bias unit). */
export function activationBuffers(sizes: LayerSizes): Float64Array[] {
  return sizes.map((s) => new Float64Array(s));
}

/**
 * Forward pass of one example, the n values of `X` starting at `xOffset`, into preallocated
 * `activations` (from activationBuffers). No checks: the cost functions call this m times per
 * evaluation after validating once. With `zs` (also from activationBuffers; zs[0] stays unused) the
 * weighted inputs z(l) are kept too, for explaining an example. `hidden` is the hidden layers' g
 * (the output layer is always the sigmoid).
 */
export function forwardInto(
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  X: Float64Array,
  xOffset: number,
  activations: Float64Array[],
  zs?: Float64Array[],
  hidden: (z: number) => number = sigmoid,
): void {
  const input = activations[0];
  input.set(X.subarray(xOffset, xOffset + input.length));
  const last = layout.length - 1;
  for (let l = 0; l < layout.length; l++) {
    const { rows, cols, offset } = layout[l];
    const g = l === last ? sigmoid : hidden;
    const a = activations[l];
    const next = activations[l + 1];
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      let z = theta[row]; // Θ(l)[r][0] times the bias unit, which is always 1
      for (let c = 1; c < cols; c++) z += theta[row + c] * a[c - 1];
      if (zs !== undefined) zs[l + 1][r] = z;
      next[r] = g(z);
    }
  }
}

/**
 * Activations a(1)…a(L) of every layer for one example x (without bias units): a(1) is a copy of x,
 * a(L) is h(x), the network's K outputs. The drawing pad uses the hidden a(l) to light up units.
 */
export function feedForward(
  theta: Float64Array,
  sizes: LayerSizes,
  x: Float64Array,
  model: ModelChoice = NG_MODEL,
): Float64Array[] {
  const layout = thetaLayout(sizes);
  validateThetaLength(sizes, theta);
  if (x.length !== sizes[0]) throw new Error(`x must hold ${sizes[0]} input values, got ${x.length}`);
  const activations = activationBuffers(sizes);
  forwardInto(theta, layout, x, 0, activations, undefined, modelMath(model).hidden);
  return activations;
}
