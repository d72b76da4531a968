/**
 * Input checks for the fast cost function. The kernels trust their inputs (they run without bounds
 * checks inside one WebAssembly memory), so everything that could make them read or write out of
 * place is checked here first. The messages are the shared ones of ../validate.ts, so a learner sees
 * the same words whichever implementation they chose.
 */
import { validateExamples, validateLambda, validateRows, validateThetaLength } from '../validate';
import type { LayerSizes } from '../shape';
import type { Examples } from '../cost';
import { ACTIVATIONS, COSTS, NG_MODEL, type ModelChoice } from '../model';

/**
 * The model a fast cost computes, from its options: Ng's cost and activation where they are left out.
 * Throws, naming the option and the choices, on a cost or activation that isn't one.
 */
export function checkModel(options: Partial<ModelChoice>): ModelChoice {
  const cost = options.cost ?? NG_MODEL.cost;
  const activation = options.activation ?? NG_MODEL.activation;
  if (!(COSTS as readonly string[]).includes(cost)) {
    throw new Error(`fast cost: unknown cost '${String(cost)}': expected ${COSTS.join(' or ')}`);
  }
  if (!(ACTIVATIONS as readonly string[]).includes(activation)) {
    throw new Error(`fast cost: unknown hidden activation '${String(activation)}': expected ${ACTIVATIONS.join(', ')}`);
  }
  return cost === NG_MODEL.cost && activation === NG_MODEL.activation ? NG_MODEL : { cost, activation };
}

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
