/**
 * The fast kernel in plain JavaScript: backprop over a range of examples, sparse first layer,
 * transposed Θ, no allocation inside the loop. It sums the unregularized cost and Δ(l) = Σ δ(l+1)·a(l)ᵀ
 * without dividing by m; the caller finishes J and the gradient (see layout.ts). The WebAssembly
 * kernel (kernel.wat) does exactly the same arithmetic in SIMD; this one is the fallback when
 * WebAssembly SIMD is unavailable, and the baseline that shows what the WebAssembly version buys.
 */
import type { HiddenActivation, ModelChoice } from '../model';
import { NG_MODEL } from '../model';
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
 * a = g(z) in place for the first `units` entries: the sigmoid for output units (and Ng's hidden
 * units), tanh, or ReLU max(0, z). kernel.wat's $activateInPlace does the same (its tanh is within
 * 2 ulp of Math.tanh).
 */
function activateInPlace(z: Float64Array, units: number, kind: HiddenActivation): void {
  if (kind === 'sigmoid') for (let u = 0; u < units; u++) z[u] = 1 / (1 + Math.exp(-z[u]));
  else if (kind === 'tanh') for (let u = 0; u < units; u++) z[u] = Math.tanh(z[u]);
  else for (let u = 0; u < units; u++) z[u] = z[u] > 0 ? z[u] : 0;
}

/**
 * g′(z) from a = g(z) for tanh (1 − a²) and ReLU (1 where a > 0, that is z > 0, else 0). The sigmoid's
 * a(1 − a) stays written out in the backward step, in the order of operations Ng's bits depend on.
 */
function slopeFromActivation(a: number, kind: HiddenActivation): number {
  return kind === 'tanh' ? 1 - a * a : a > 0 ? 1 : 0;
}

/**
 * Adds the cost terms and Δ of examples `order[from…to)` (or `from…to` when `order` is null) to
 * `deltaSum` (kernel layout) and returns their summed cost: −Σ[y·log h + (1−y)·log(1−h)] for
 * cross-entropy, Σ ½(h − y)² for the quadratic cost.
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
  model: ModelChoice = NG_MODEL,
): number {
  const { rowStart, colIndex, value } = csr;
  const hidden = model.activation;
  const quadratic = model.cost === 'quadratic';
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
    activateInPlace(z1, sizes[1], last === 1 ? 'sigmoid' : hidden);

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
      activateInPlace(z, sizes[l + 1], l + 1 === last ? 'sigmoid' : hidden);
    }

    // Output: cost terms and δ(L) = a(L) − y; only the labelled class has y = 1. The quadratic
    // cost's terms are ½(h − y)², its δ(L) = (h − y)·h(1 − h).
    const h = activation[last];
    const dL = delta[last];
    const label = y[e];
    for (let k = 0; k < sizes[last]; k++) {
      if (quadratic) {
        const error = k === label ? h[k] - 1 : h[k];
        cost += 0.5 * error * error;
        dL[k] = error * h[k] * (1 - h[k]);
      } else if (k === label) {
        cost -= Math.log(h[k]);
        dL[k] = h[k] - 1;
      } else {
        cost -= Math.log(1 - h[k]);
        dL[k] = h[k];
      }
    }

    // Backward through the dense layers: Δ(l) += δ(l+1)·a(l)ᵀ, δ(l) = Θ(l)ᵀδ(l+1) ⊙ g′(z(l)), g′ from
    // a(l): a(1 − a) for the sigmoid, 1 − a² for tanh, and for ReLU 1 where a > 0 (z > 0), else 0.
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
        if (hidden === 'sigmoid') d[j] = back * aj * (1 - aj);
        else d[j] = back * slopeFromActivation(aj, hidden);
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
