/**
 * One place that turns an implementation's name into a cost function, so the worker, the CLI and
 * the lessons choose between `loop`, `vectorized` and `fast` the same way.
 */
import type { CostFunction, Examples, Implementation } from './cost';
import { createFastCost } from './fast';
import { createLoopCost } from './loop';
import type { LayerSizes } from './shape';
import { createVectorizedCost } from './vectorized';

/** Regularized cost J(Θ) and its gradient over `examples` with strength λ, computed by the named implementation. */
export function createCostFunction(
  impl: Implementation,
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
): CostFunction {
  switch (impl) {
    case 'loop':
      return createLoopCost(sizes, examples, lambda);
    case 'vectorized':
      return createVectorizedCost(sizes, examples, lambda);
    case 'fast':
      return createFastCost(sizes, examples, lambda);
    default:
      throw new Error(`unknown implementation '${String(impl)}': expected loop, vectorized or fast`);
  }
}
