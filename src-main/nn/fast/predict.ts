/**
 * Final predictions with the fast kernel's forward pass: a run judges its network on the training,
 * validation and test sets, and the reference forward pass (predict.ts, dense, one example at a time)
 * took a quarter of a second on 10,000 digits, more than many short runs spend training.
 *
 * The kernel's memory and instance are built once per process and reused by every call (grown when
 * a call needs more): only the inputs, labels and Θ are written each time. The inputs are copied
 * dense, not packed: the dense forward pass skips zeros as the sparse one does, and packing was three
 * quarters of a call on 10,000 digits (2-core EPYC); making a fresh memory and instance each call was a
 * few ms of it.
 */
import type { Examples } from '../cost';
import type { HiddenActivation } from '../model';
import { predict } from '../predict';
import type { LayerSizes } from '../shape';
import { validateThetaLength } from '../validate';
import { forwardInputs } from './input-layout';
import { kernelLayout, toKernelLayout } from './layout';
import { pagesFor, planMemory, writeStaticData } from './memory-plan';
import { createSharedMemory, instantiateKernel, wasmKernelSupported, type KernelExports } from './wasm-kernel';

/** This process's prediction memory and the kernel instantiated on it (forward passes only, one thread). */
let reused: { memory: WebAssembly.Memory; kernel: KernelExports } | null = null;

function memoryOfAtLeast(pages: number): { memory: WebAssembly.Memory; kernel: KernelExports } {
  if (!reused) {
    const memory = createSharedMemory(pages);
    reused = { memory, kernel: instantiateKernel(memory) };
  } else {
    const have = reused.memory.buffer.byteLength / 65536;
    if (pages > have) reused.memory.grow(pages - have);
  }
  return reused;
}

/**
 * The class of each of the m examples under Θ, as predict() gives it (the forward pass is the same
 * arithmetic), computed on the WebAssembly kernel; predict() itself where the kernel can't run.
 * `activation` is the hidden units' g (the output units are sigmoid whatever it is).
 */
export function predictFast(
  theta: Float64Array,
  sizes: LayerSizes,
  examples: Examples,
  activation: HiddenActivation = 'sigmoid',
): Uint8Array {
  const { X, m, n } = examples;
  if (m === 0 || (activation === 'sigmoid' && !wasmKernelSupported())) return predict(theta, sizes, X, m);
  if (!wasmKernelSupported()) {
    throw new Error(`predicting with ${activation} hidden units needs WebAssembly SIMD, which this runtime lacks`);
  }
  validateThetaLength(sizes, theta);
  // Forward passes only: no grouping by block, no worker threads, one scratch area; X copied as it is.
  const inputs = forwardInputs(X, m, n);
  const layout = kernelLayout(Object.freeze([...sizes]));
  // Block size 0: forward passes only, which skip the zero inputs (memory-plan.ts).
  const plan = planMemory(layout, inputs, 0, 1, 1);
  // The row list, last in the plan, holds m u32: room for the m class bytes the kernel writes there.
  const { memory, kernel } = memoryOfAtLeast(pagesFor(plan, m));
  // The header carries the hidden g (the cost field is unused by a forward pass).
  writeStaticData(memory.buffer, plan, layout, inputs, 0, new Uint8Array(m), {
    cost: 'cross-entropy',
    activation,
  });
  toKernelLayout(theta, layout, new Float64Array(memory.buffer, plan.theta, layout.length));
  kernel.predict(0, m, plan.rows, plan.scratch[0]);
  return new Uint8Array(memory.buffer, plan.rows, m).slice();
}
