/**
 * Final predictions with the fast kernel's forward pass: a run judges its network on the training,
 * validation and test sets, and the reference forward pass (predict.ts, dense, one example at a time)
 * took a quarter of a second on 10,000 digits, more than many short runs spend training.
 *
 * The kernel's memory and instance are built once per process and reused by every call (grown when
 * a call needs more): only the inputs, labels and Θ are written each time. The inputs pass through it
 * CHUNK_EXAMPLES at a time, each chunk copied dense (not packed: the dense forward pass skips zeros as
 * the sparse one does, and packing was three quarters of a call on 10,000 digits) and read by the
 * kernel while it is still in the core's cache. Copying all m first made the memory hold every input
 * (63 MB for 10,000 digits, 376 MB for 60,000 photos) and the kernel read them back from RAM: on
 * 10,000 digits the copy took 10 ms, reading them back 9 ms of the kernel's 19 ms.
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

/**
 * Examples per chunk of inputs: 64 × 784 inputs × 8 bytes is 392 KiB, well inside a core's L2 cache
 * (2 MiB on the Xeon we measure on, 1 MiB on a Zen 4) for images of MNIST's size; on 10,000 digits,
 * chunks of 16 to 256 took 22.2 to 23.6 ms, 64 the least.
 */
export const CHUNK_EXAMPLES = 64;

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
  // Forward passes only: no grouping by block, no worker threads, one scratch area, room for one chunk.
  const chunk = Math.min(m, CHUNK_EXAMPLES);
  const inputs = forwardInputs(X.subarray(0, chunk * n), chunk, n);
  const layout = kernelLayout(Object.freeze([...sizes]));
  // Block size 0: forward passes only, which skip the zero inputs (memory-plan.ts).
  const plan = planMemory(layout, inputs, 0, 1, 1);
  // The row list, last in the plan, holds m u32: room for the m class bytes the kernel writes there.
  const { memory, kernel } = memoryOfAtLeast(pagesFor(plan, m));
  // The header carries the hidden g (the cost field is unused by a forward pass); the first chunk goes in with it.
  writeStaticData(memory.buffer, plan, layout, inputs, 0, new Uint8Array(chunk), {
    cost: 'cross-entropy',
    activation,
  });
  toKernelLayout(theta, layout, new Float64Array(memory.buffer, plan.theta, layout.length));
  const chunkInputs = new Float64Array(memory.buffer, plan.denseInputs, chunk * n);
  for (let start = 0; start < m; start += chunk) {
    const count = Math.min(chunk, m - start);
    if (start > 0) chunkInputs.set(X.subarray(start * n, (start + count) * n));
    // Example e of the chunk is example start + e: its class byte goes to rows + start + e.
    kernel.predict(0, count, plan.rows + start, plan.scratch[0]);
  }
  return new Uint8Array(memory.buffer, plan.rows, m).slice();
}
