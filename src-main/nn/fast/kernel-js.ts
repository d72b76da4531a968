/**
 * The fast kernel in plain JavaScript: backprop over a range of examples, sparse first layer,
 * transposed Θ, no allocation inside the loop. It sums the unregularized cost and Δ(l) = Σ δ(l+1)·a(l)ᵀ
 * without dividing by m; the caller finishes J and the gradient (see layout.ts). The WebAssembly
 * kernel (kernel.wat) does exactly the same arithmetic in SIMD; this one is the fallback when
 * WebAssembly SIMD is unavailable, and the baseline that shows what the WebAssembly version buys.
 */
import type { CsrMatrix } from './sparse';
import type { KernelLayout } from './layout';

/** Scratch space for one thread: a(l) and δ(l) of one example for every non-input layer. */
export interface JsScratch {
  readonly activation: Float64Array[];
  readonly delta: Float64Array[];
}

/** Allocates the per-thread scratch vectors for this layout. */
export function createJsScratch(layout: KernelLayout): JsScratch {
  const activation = layout.padded.map((p) => new Float64Array(p));
  const delta = layout.padded.map((p) => new Float64Array(p));
  return { activation, delta };
}

/**
 * Adds the cost terms and Δ of examples `order[from…to)` (or `from…to` when `order` is null) to
 * `deltaSum` (kernel layout) and returns their summed cost −Σ[y·log h + (1−y)·log(1−h)].
 */
export function accumulateJs(
  csr: CsrMatrix,
  y: Uint8Array,
  layout: KernelLayout,
  params: Float64Array,
  deltaSum: Float64Array,
  scratch: JsScratch,
  order: Uint32Array | null,
  from: number,
  to: number,
): number {
  const { rowStart, colIndex, value } = csr;
  const { sizes, padded, offset } = layout;
  const last = sizes.length - 1;
  const { activation, delta } = scratch;
  let cost = 0;
  for (let t = from; t < to; t++) {
    const e = order === null ? t : order[t];
    const begin = rowStart[e];
    const end = rowStart[e + 1];

    // Forward, layer 1 → 2: only the nonzero pixels contribute to z(2).
    const width1 = padded[1];
    const z1 = activation[1];
    const base1 = offset[0];
    for (let u = 0; u < width1; u++) z1[u] = params[base1 + u];
    for (let p = begin; p < end; p++) {
      const x = value[p];
      const row = base1 + (colIndex[p] + 1) * width1;
      for (let u = 0; u < width1; u++) z1[u] += x * params[row + u];
    }
    for (let u = 0; u < sizes[1]; u++) z1[u] = 1 / (1 + Math.exp(-z1[u]));

    // Forward through the remaining (dense) layers.
    for (let l = 1; l < last; l++) {
      const a = activation[l];
      const z = activation[l + 1];
      const width = padded[l + 1];
      const base = offset[l];
      for (let u = 0; u < width; u++) z[u] = params[base + u];
      for (let j = 0; j < sizes[l]; j++) {
        const aj = a[j];
        const row = base + (j + 1) * width;
        for (let u = 0; u < width; u++) z[u] += aj * params[row + u];
      }
      for (let u = 0; u < sizes[l + 1]; u++) z[u] = 1 / (1 + Math.exp(-z[u]));
    }

    // Output: cost terms and δ(L) = a(L) − y; only the labelled class has y = 1.
    const h = activation[last];
    const dL = delta[last];
    const label = y[e];
    for (let k = 0; k < sizes[last]; k++) {
      if (k === label) {
        cost -= Math.log(h[k]);
        dL[k] = h[k] - 1;
      } else {
        cost -= Math.log(1 - h[k]);
        dL[k] = h[k];
      }
    }

    // Backward through the dense layers: Δ(l) += δ(l+1)·a(l)ᵀ, δ(l) = Θ(l)ᵀδ(l+1) ⊙ a(l)(1 − a(l)).
    for (let l = last - 1; l >= 1; l--) {
      const a = activation[l];
      const dNext = delta[l + 1];
      const d = delta[l];
      const width = padded[l + 1];
      const base = offset[l];
      for (let u = 0; u < width; u++) deltaSum[base + u] += dNext[u];
      for (let j = 0; j < sizes[l]; j++) {
        const aj = a[j];
        const row = base + (j + 1) * width;
        let back = 0;
        for (let u = 0; u < width; u++) {
          back += params[row + u] * dNext[u];
          deltaSum[row + u] += aj * dNext[u];
        }
        d[j] = back * aj * (1 - aj);
      }
    }

    // Backward into layer 1: Δ(1) += δ(2)·xᵀ over the nonzero pixels only.
    const d2 = delta[1];
    for (let u = 0; u < width1; u++) deltaSum[base1 + u] += d2[u];
    for (let p = begin; p < end; p++) {
      const x = value[p];
      const row = base1 + (colIndex[p] + 1) * width1;
      for (let u = 0; u < width1; u++) deltaSum[row + u] += x * d2[u];
    }
  }
  return cost;
}
