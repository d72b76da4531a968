/**
 * Final predictions with the fast kernel's forward pass: a run judges its network on the training,
 * validation and test sets, and the reference forward pass (predict.ts, dense, one example at a time)
 * took a quarter of a second on 10,000 digits, more than many short runs spend training.
 */
import type { Examples } from '../cost';
import { predict } from '../predict';
import type { LayerSizes } from '../shape';
import { kernelLayout } from './layout';
import { packRows } from './packed';
import { createWasmCost } from './wasm-cost';
import { wasmKernelSupported } from './wasm-kernel';

/**
 * The class of each of the m examples under Θ, as predict() gives it (the forward pass is the same
 * arithmetic), computed on the WebAssembly kernel over the nonzero inputs; predict() itself where the
 * kernel can't run or the inputs don't pack.
 */
export function predictFast(theta: Float64Array, sizes: LayerSizes, examples: Examples): Uint8Array {
  const { X, m, n } = examples;
  if (m === 0 || !wasmKernelSupported()) return predict(theta, sizes, X, m);
  const packed = packRows(X, m, n);
  if (!packed) return predict(theta, sizes, X, m);
  const f = createWasmCost(Object.freeze([...sizes]), kernelLayout(sizes), packed, new Uint8Array(m), 0, 1);
  try {
    return f.predict!(theta);
  } finally {
    f.dispose();
  }
}
