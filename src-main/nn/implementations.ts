/**
 * One place that turns an implementation's name into a cost function, so the worker, the CLI and
 * the lessons choose between `loop`, `vectorized` and `fast` the same way.
 */
import { IMPLEMENTATIONS, type CostFunction, type Examples, type Implementation } from './cost';
import { createFastCost } from './fast';
import { createLoopCost } from './loop';
import { NG_MODEL, type ModelChoice } from './model';
import { validateModel } from './model-math';
import type { LayerSizes } from './shape';
import { createVectorizedCost } from './vectorized';

/** Each implementation's constructor, keyed by its name: a name added to IMPLEMENTATIONS fails to typecheck here until it has one. */
const CONSTRUCTORS: Record<
  Implementation,
  (sizes: LayerSizes, examples: Examples, lambda: number, model: ModelChoice) => CostFunction
> = {
  loop: createLoopCost,
  vectorized: createVectorizedCost,
  // A ModelChoice is itself a valid FastCostOptions (threads and kernel stay at their defaults).
  fast: (sizes, examples, lambda, model) => createFastCost(sizes, examples, lambda, model),
};

/**
 * Regularized cost J(Θ) of `model` (default Ng's: cross-entropy, sigmoid) and its gradient over
 * `examples` with strength λ, computed by the named implementation.
 */
export function createCostFunction(
  impl: Implementation,
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  model: ModelChoice = NG_MODEL,
): CostFunction {
  // Object.hasOwn: a name from outside the type system ('toString') is refused, not looked up on the prototype.
  if (!Object.hasOwn(CONSTRUCTORS, impl)) {
    throw new Error(
      `unknown implementation '${String(impl)}': expected ${IMPLEMENTATIONS.slice(0, -1).join(', ')} or ${IMPLEMENTATIONS.at(-1)}`,
    );
  }
  validateModel(model);
  return CONSTRUCTORS[impl](sizes, examples, lambda, model);
}
