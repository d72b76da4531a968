/**
 * Final predictions with the fast kernel's forward pass: a run judges its network on the training,
 * validation and test sets, and the reference forward pass (predict.ts, dense, one example at a time)
 * took a quarter of a second on 10,000 digits, more than many short runs spend training.
 */
import type { Examples } from '../cost';
import type { HiddenActivation } from '../model';
import { predict } from '../predict';
import type { LayerSizes } from '../shape';
import { kernelInputs } from './input-layout';
import { kernelLayout } from './layout';
import { createWasmCost } from './wasm-cost';
import { wasmKernelSupported } from './wasm-kernel';

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
  // Forward passes only: no grouping by block, no worker threads.
  const inputs = kernelInputs(X, m, n, 'auto', 0);
  const model = { cost: 'cross-entropy', activation } as const;
  const f = createWasmCost(Object.freeze([...sizes]), kernelLayout(sizes), inputs, new Uint8Array(m), 0, 1, model);
  try {
    return f.predict!(theta);
  } finally {
    f.dispose();
  }
}
