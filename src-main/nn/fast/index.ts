/**
 * The `fast` implementation of Ng's regularized cost J(Θ) and its gradient: the same numbers as the
 * loop and vectorized implementations (float64 throughout), computed with
 * - the inputs stored once as sparse rows, 4 bytes per nonzero pixel, so layer 1 visits only nonzero
 *   pixels (packed.ts; sparse.ts for the JavaScript kernel), and regrouped by pixel within blocks of 64
 *   examples for the Δ(1) sums; or, for inputs with few zeros, densely (input-layout.ts picks by the
 *   measured density, and both layouts give the same bits);
 * - each Θ transposed and padded, so the loops over a layer's units are contiguous (layout.ts);
 * - a WebAssembly SIMD kernel with fdlibm's exp and log (kernel.wat), falling back to the same
 *   algorithm in JavaScript (kernel-js.ts) where WebAssembly SIMD or shared memory is missing;
 * - any ModelChoice (model.ts): cross-entropy or quadratic J, sigmoid, tanh or ReLU hidden units, chosen
 *   by two header words the kernel branches on once per layer (per unit in the backward step), so
 *   Ng's default keeps its bits and its speed;
 * - worker threads over one shared memory for large evaluations, while `evaluate` stays synchronous
 *   (thread-pool.ts): up to 8 jobs of at least 128 examples, cut the same way whatever the thread
 *   count, so the result has the same bits with any number of threads on any machine; smaller
 *   mini-batches are one job in the calling thread.
 */
import { availableParallelism } from 'node:os';
import type { Examples } from '../cost';
import type { LayerSizes } from '../shape';
import type { ModelChoice } from '../model';
import { checkExamples, checkModel } from './checks';
import { createJsCost } from './js-cost';
import { kernelInputs, type InputLayoutName } from './input-layout';
import { kernelLayout } from './layout';
import { toCsr } from './sparse';
import { BLOCK_EXAMPLES, createWasmCost, type FastCostFunction } from './wasm-cost';
import { wasmKernelSupported } from './wasm-kernel';

export { BLOCK_EXAMPLES, MAX_JOBS, MIN_EXAMPLES_PER_JOB, type FastCostFunction } from './wasm-cost';
export { chooseInputLayout, DENSE_FROM_DENSITY, inputDensity, type InputLayoutName } from './input-layout';

/** The most threads the fast cost uses by default (beyond this the 25-unit network is memory-bound). */
export const MAX_DEFAULT_THREADS = 8;

/**
 * Options of the fast cost function. They include the model (cost and hidden activation, default
 * Ng's cross-entropy with sigmoid units), so a ModelChoice is itself a valid options object:
 * `createFastCost(sizes, examples, λ, model)` and `createFastCost(sizes, examples, λ, { ...model, threads: 1 })`.
 */
export interface FastCostOptions extends Partial<ModelChoice> {
  /** Threads sharing the work, the calling thread included (default: the cores, at most 8; 1 = no workers). */
  threads?: number;
  /**
   * Which kernel runs the math; the bench and tests compare them. Default: 'wasm' where WebAssembly SIMD
   * and shared memory exist, else 'js', which is single-threaded and sparse.
   */
  kernel?: 'wasm' | 'js';
  /**
   * How the WebAssembly kernel stores the inputs (input-layout.ts). Default 'auto': by the share of
   * nonzero inputs. 'sparse' needs ≤ 65,536 inputs and distinct values (images always qualify);
   * inputs beyond that are stored dense whatever was asked.
   */
  layout?: InputLayoutName | 'auto';
}

/** The number of threads used when the caller does not say: one per core, at most MAX_DEFAULT_THREADS. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, availableParallelism()));
}

/**
 * Builds J(Θ) and ∂J/∂Θ for this network shape, these examples, this λ and the options' model:
 * J = (1/m)·Σᵢ Σₖ [−y·log(h) − (1−y)·log(1−h)] + λ/(2m)·Σ Θ² over the non-bias weights (or the quadratic
 * cost's (1/2m)·Σᵢ ‖h − y‖² in place of the first sum); the gradient by backprop, D = Δ/m for the bias
 * column and Δ/m + (λ/m)·Θ elsewhere. Call dispose() when done (it stops the worker threads; a
 * forgotten one does not keep the process alive).
 */
export function createFastCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  options: FastCostOptions = {},
): FastCostFunction {
  checkExamples(sizes, examples, lambda);
  const model = checkModel(options);
  const threads = options.threads ?? defaultThreads();
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new Error(`fast cost: threads must be a whole number from 1 to 64, got ${threads}`);
  }
  const kernel = options.kernel;
  if (kernel !== undefined && kernel !== 'wasm' && kernel !== 'js')
    throw new Error(`fast cost: kernel must be 'wasm' or 'js', got ${String(kernel)}`);
  const inputLayout = options.layout ?? 'auto';
  if (inputLayout !== 'auto' && inputLayout !== 'sparse' && inputLayout !== 'dense')
    throw new Error(`fast cost: layout must be 'auto', 'sparse' or 'dense', got ${String(inputLayout)}`);
  const frozenSizes = Object.freeze([...sizes]);
  const layout = kernelLayout(frozenSizes);
  const labels = Uint8Array.from(examples.y);
  if (kernel !== 'js' && (kernel === 'wasm' || wasmKernelSupported())) {
    const inputs = kernelInputs(examples.X, examples.m, examples.n, inputLayout, BLOCK_EXAMPLES);
    return createWasmCost(frozenSizes, layout, inputs, labels, lambda, threads, model);
  }
  return createJsCost(frozenSizes, layout, toCsr(examples.X, examples.m, examples.n), labels, lambda, model);
}
