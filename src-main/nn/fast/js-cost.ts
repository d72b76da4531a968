/**
 * The fast cost function on the plain JavaScript kernel, in the calling thread only: the fallback
 * where WebAssembly SIMD or shared memory is unavailable, and the bench's measure of what the
 * WebAssembly kernel and the threads add.
 */
import type { ModelChoice } from '../model';
import type { LayerSizes } from '../shape';
import { checkEvaluateArguments } from './checks';
import { accumulateJs, createJsScratch } from './kernel-js';
import { gradientFromKernel, toKernelLayout, type KernelLayout } from './layout';
import type { CsrMatrix } from './sparse';
import type { FastCostFunction } from './wasm-cost';

/** Builds the single-threaded JavaScript cost function of `model` over inputs already in CSR form. */
export function createJsCost(
  sizes: LayerSizes,
  layout: KernelLayout,
  csr: CsrMatrix,
  labels: Uint8Array,
  lambda: number,
  model: ModelChoice,
): FastCostFunction {
  const m = csr.rows;
  const params = new Float64Array(layout.length);
  const deltaSum = new Float64Array(layout.length);
  const scratch = createJsScratch(layout);
  let disposed = false;
  return {
    sizes,
    lambda,
    m,
    lastJobs: 1,
    kernel: 'js',
    threads: 1,
    layout: 'sparse',
    evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
      if (disposed) throw new Error('fast cost: evaluate was called after dispose()');
      checkEvaluateArguments(sizes, m, theta, grad, rows);
      toKernelLayout(theta, layout, params);
      deltaSum.fill(0);
      const count = rows === undefined ? m : rows.length;
      const cost = accumulateJs(csr, labels, layout, params, deltaSum, scratch, rows ?? null, 0, count, model);
      return cost / count + gradientFromKernel(deltaSum, theta, layout, count, lambda, grad);
    },
    dispose(): void {
      disposed = true;
    },
  };
}
