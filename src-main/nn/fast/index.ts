/**
 * The `fast` implementation of Ng's regularized cost J(Θ) and its gradient: the same numbers as the
 * loop and vectorized implementations, computed with a sparse first layer and transposed Θ.
 */
import type { CostFunction, Examples } from '../cost';
import type { LayerSizes } from '../shape';
import { checkEvaluateArguments, checkExamples } from './checks';
import { accumulateJs, createJsScratch } from './kernel-js';
import { gradientFromKernel, kernelLayout, toKernelLayout } from './layout';
import { toCsr } from './sparse';

/** Options of the fast cost function. */
export interface FastCostOptions {
  /** Threads to split the examples between (1 = this thread only). */
  threads?: number;
  /** Which kernel runs the math; the bench and tests compare them. */
  kernel?: 'wasm' | 'js';
}

/**
 * Builds J(Θ) and ∂J/∂Θ for this network shape, these examples and this λ:
 * J = (1/m)Σᵢ Σₖ −y·log(h) − (1−y)·log(1−h) + λ/(2m)·Σ Θ² (non-bias weights), gradient by backprop.
 */
export function createFastCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  options: FastCostOptions = {},
): CostFunction {
  void options;
  checkExamples(sizes, examples, lambda);
  const frozenSizes = Object.freeze([...sizes]);
  const layout = kernelLayout(frozenSizes);
  const csr = toCsr(examples.X, examples.m, examples.n);
  const y = Uint8Array.from(examples.y);
  const params = new Float64Array(layout.length);
  const deltaSum = new Float64Array(layout.length);
  const scratch = createJsScratch(layout);
  const m = examples.m;
  let disposed = false;

  return {
    sizes: frozenSizes,
    lambda,
    m,
    evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
      if (disposed) throw new Error('fast cost: evaluate was called after dispose()');
      checkEvaluateArguments(frozenSizes, m, theta, grad, rows);
      toKernelLayout(theta, layout, params);
      deltaSum.fill(0);
      const count = rows === undefined ? m : rows.length;
      const cost = accumulateJs(csr, y, layout, params, deltaSum, scratch, rows ?? null, 0, count);
      const regularization = gradientFromKernel(deltaSum, theta, layout, count, lambda, grad);
      return cost / count + regularization;
    },
    dispose(): void {
      disposed = true;
    },
  };
}
