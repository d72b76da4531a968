/**
 * Input checks for the fast cost function. The kernels trust their inputs (they run without bounds
 * checks inside one WebAssembly memory), so everything that could make them read or write out of
 * place is checked here first. The messages are the shared ones of ../validate.ts, so a learner sees
 * the same words whichever implementation they chose.
 */
import { validateExamples, validateLambda, validateRows, validateThetaLength } from '../validate';
import type { LayerSizes } from '../shape';
import type { Examples } from '../cost';

/** Throws unless λ ≥ 0 and the examples fit the network: m ≥ 1, X is m×n with n inputs, finite, labels 0…K−1. */
export function checkExamples(sizes: LayerSizes, examples: Examples, lambda: number): void {
  validateLambda(lambda);
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error('the fast cost needs at least 1 example, got m = 0');
}

/** Throws unless Θ and the gradient buffer have one entry per parameter and `rows` names real examples. */
export function checkEvaluateArguments(
  sizes: LayerSizes,
  m: number,
  theta: Float64Array,
  grad: Float64Array,
  rows: Uint32Array | undefined,
): void {
  validateThetaLength(sizes, theta, grad);
  if (
    grad.buffer === theta.buffer &&
    grad.byteOffset < theta.byteOffset + theta.byteLength &&
    theta.byteOffset < grad.byteOffset + grad.byteLength
  ) {
    throw new Error('the gradient buffer must not overlap θ');
  }
  if (rows !== undefined) validateRows(rows, m);
}
