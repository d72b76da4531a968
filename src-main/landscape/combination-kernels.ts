/**
 * The arithmetic under combination-cost.ts, per example: z(2) of several Θ vectors in one pass over the
 * inputs, their Gram matrix for the weight decay, the layers above the first (transposed so the sums
 * stay in registers), the hidden activations, and the cost of one example (cross-entropy as softplus, or
 * quadratic). Pure.
 */
import type { Examples } from '../nn/cost';
import type { HiddenActivation } from '../nn/model';
import type { ThetaBlock } from '../nn/shape';

/**
 * out = b + Θ·a over `width` inputs, Θ transposed (weights[j·rows + r] = Θ[r][1 + j]). Eight outputs (then four,
 * two, one) are summed at a time in local variables: independent chains of adds that stay in registers, about
 * twice as fast in V8 as one sum per output or one array slot per output.
 *
 * The unrolled runs here and in firstLayerZ are written out on purpose, not a loop over an array of sums
 * or a shared helper: V8 keeps only named locals in registers. Each output's sum starts at its bias and
 * adds the inputs in input order, and that order fixes its bits: the line and plane are compared bit for
 * bit with the vectors' own J (models.test.ts, fast-path.test.ts), so a rewrite must keep every sum's order.
 */
export function affine(
  a: Float64Array,
  width: number,
  bias: Float64Array,
  weights: Float64Array,
  rows: number,
  out: Float64Array,
): void {
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    let s0 = bias[r];
    let s1 = bias[r + 1];
    let s2 = bias[r + 2];
    let s3 = bias[r + 3];
    let s4 = bias[r + 4];
    let s5 = bias[r + 5];
    let s6 = bias[r + 6];
    let s7 = bias[r + 7];
    for (let j = 0, w = r; j < width; j++, w += rows) {
      const aj = a[j];
      s0 += aj * weights[w];
      s1 += aj * weights[w + 1];
      s2 += aj * weights[w + 2];
      s3 += aj * weights[w + 3];
      s4 += aj * weights[w + 4];
      s5 += aj * weights[w + 5];
      s6 += aj * weights[w + 6];
      s7 += aj * weights[w + 7];
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
    out[r + 4] = s4;
    out[r + 5] = s5;
    out[r + 6] = s6;
    out[r + 7] = s7;
  }
  for (; r + 4 <= rows; r += 4) {
    let s0 = bias[r];
    let s1 = bias[r + 1];
    let s2 = bias[r + 2];
    let s3 = bias[r + 3];
    for (let j = 0, w = r; j < width; j++, w += rows) {
      const aj = a[j];
      s0 += aj * weights[w];
      s1 += aj * weights[w + 1];
      s2 += aj * weights[w + 2];
      s3 += aj * weights[w + 3];
    }
    out[r] = s0;
    out[r + 1] = s1;
    out[r + 2] = s2;
    out[r + 3] = s3;
  }
  if (r + 2 <= rows) {
    let s0 = bias[r];
    let s1 = bias[r + 1];
    for (let j = 0, w = r; j < width; j++, w += rows) {
      const aj = a[j];
      s0 += aj * weights[w];
      s1 += aj * weights[w + 1];
    }
    out[r] = s0;
    out[r + 1] = s1;
    r += 2;
  }
  if (r < rows) {
    let s = bias[r];
    for (let j = 0, w = r; j < width; j++, w += rows) s += a[j] * weights[w];
    out[r] = s;
  }
}

/** a = g(z) for the first `count` values of v, in place: g the hidden units' sigmoid, tanh or max(0, z). */
export function activateInPlace(v: Float64Array, count: number, activation: HiddenActivation): void {
  if (activation === 'sigmoid') {
    for (let r = 0; r < count; r++) v[r] = 1 / (1 + Math.exp(-v[r]));
  } else if (activation === 'tanh') {
    for (let r = 0; r < count; r++) v[r] = Math.tanh(v[r]);
  } else {
    for (let r = 0; r < count; r++) v[r] = v[r] > 0 ? v[r] : 0;
  }
}

/**
 * One example's cross-entropy over K classes, Σₖ softplus(tₖ) with tₖ = ∓zₖ: Σₖ max(tₖ, 0) + log Πₖ
 * (1 + e^(−|tₖ|)). Each factor is in (1, 2], so the product over the lab's ≤ 100 classes stays below
 * 2¹⁰⁰, and one log per example replaces K (log1p's extra precision for tiny e^(−|t|) is far below 1e-12
 * of J).
 */
export function softplusSum(out: Float64Array, K: number, label: number): number {
  let linear = 0;
  let product = 1;
  for (let k = 0; k < K; k++) {
    const t = k === label ? -out[k] : out[k];
    if (t > 0) linear += t;
    product *= 1 + Math.exp(-Math.abs(t));
  }
  return linear + Math.log(product);
}

/**
 * One example's quadratic cost over K sigmoid outputs, Σₖ ½(hₖ − yₖ)² with hₖ = 1/(1 + e^(−zₖ)) and
 * yₖ = 1 for the example's class, else 0 (J is its mean over the examples).
 */
export function quadraticSum(out: Float64Array, K: number, label: number): number {
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const h = 1 / (1 + Math.exp(-out[k]));
    const error = k === label ? h - 1 : h;
    sum += 0.5 * error * error;
  }
  return sum;
}

/** A layer above the first, transposed: weights[j·rows + r] = Θ[r][1 + j], bias[r] = Θ[r][0]. */
export interface TransposedLayer {
  rows: number;
  bias: Float64Array;
  weights: Float64Array;
}

/** The layers above the first of Σₖ c[k]·vectors[k], transposed (the first layer is never combined). */
export function transposedUpperLayers(
  vectors: readonly Float64Array[],
  c: readonly number[],
  blocks: readonly ThetaBlock[],
): TransposedLayer[] {
  return blocks.map(({ rows, cols, offset }) => {
    const bias = new Float64Array(rows);
    const weights = new Float64Array(rows * (cols - 1));
    for (let k = 0; k < vectors.length; k++) {
      const ck = c[k];
      if (ck === 0) continue;
      const v = vectors[k];
      for (let r = 0; r < rows; r++) {
        const row = offset + r * cols;
        bias[r] += ck * v[row];
        for (let j = 1; j < cols; j++) weights[(j - 1) * rows + r] += ck * v[row + j];
      }
    }
    return { rows, bias, weights };
  });
}

/**
 * z(2) = [1 x]·Θ(1)ᵀ of every example for every vector (m × vectors × units, row-major), in one pass over
 * the inputs that skips zero inputs.
 */
export function firstLayerZ(examples: Examples, vectors: readonly Float64Array[], block: ThetaBlock): Float64Array {
  const { X, m, n } = examples;
  const { rows, cols, offset } = block;
  const V = vectors.length;
  const stride = V * rows;
  // Θ(1) of every vector transposed and side by side: input p's weights to every unit of every vector
  // in one contiguous run, so each nonzero input is one short multiply-add loop.
  const wt = new Float64Array(n * stride);
  const bias = new Float64Array(stride);
  vectors.forEach((theta, k) => {
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      bias[k * rows + r] = theta[row];
      for (let p = 0; p < n; p++) wt[p * stride + k * rows + r] = theta[row + 1 + p];
    }
  });
  const z = new Float64Array(m * stride);
  const at = new Int32Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    // The example's nonzero inputs, as offsets of their weight runs in wt and their values.
    let nonzero = 0;
    const row = i * n;
    for (let p = 0; p < n; p++) {
      const x = X[row + p];
      if (x === 0) continue;
      at[nonzero] = p * stride;
      value[nonzero++] = x;
    }
    const out = i * stride;
    let q = 0;
    // Eight sums at a time in local variables (see affine; eight is ~15 % faster here than four: each
    // nonzero input's index is read once for eight weights), then four, then one. Each sum still adds
    // the nonzero inputs in order, so z is the same bits however the units are grouped.
    for (; q + 8 <= stride; q += 8) {
      let s0 = bias[q];
      let s1 = bias[q + 1];
      let s2 = bias[q + 2];
      let s3 = bias[q + 3];
      let s4 = bias[q + 4];
      let s5 = bias[q + 5];
      let s6 = bias[q + 6];
      let s7 = bias[q + 7];
      for (let t = 0; t < nonzero; t++) {
        const x = value[t];
        const w = at[t] + q;
        s0 += x * wt[w];
        s1 += x * wt[w + 1];
        s2 += x * wt[w + 2];
        s3 += x * wt[w + 3];
        s4 += x * wt[w + 4];
        s5 += x * wt[w + 5];
        s6 += x * wt[w + 6];
        s7 += x * wt[w + 7];
      }
      z[out + q] = s0;
      z[out + q + 1] = s1;
      z[out + q + 2] = s2;
      z[out + q + 3] = s3;
      z[out + q + 4] = s4;
      z[out + q + 5] = s5;
      z[out + q + 6] = s6;
      z[out + q + 7] = s7;
    }
    for (; q + 4 <= stride; q += 4) {
      let s0 = bias[q];
      let s1 = bias[q + 1];
      let s2 = bias[q + 2];
      let s3 = bias[q + 3];
      for (let t = 0; t < nonzero; t++) {
        const x = value[t];
        const w = at[t] + q;
        s0 += x * wt[w];
        s1 += x * wt[w + 1];
        s2 += x * wt[w + 2];
        s3 += x * wt[w + 3];
      }
      z[out + q] = s0;
      z[out + q + 1] = s1;
      z[out + q + 2] = s2;
      z[out + q + 3] = s3;
    }
    for (; q < stride; q++) {
      let s = bias[q];
      for (let t = 0; t < nonzero; t++) s += value[t] * wt[at[t] + q];
      z[out + q] = s;
    }
  }
  return z;
}

/** G[k][q] = Σ vₖ·v_q over Θ(1)'s non-bias weights (vectors × vectors, row-major). */
export function firstLayerGram(vectors: readonly Float64Array[], { rows, cols, offset }: ThetaBlock): Float64Array {
  const V = vectors.length;
  const gram = new Float64Array(V * V);
  for (let k = 0; k < V; k++) {
    for (let q = k; q < V; q++) {
      let s = 0;
      for (let r = 0; r < rows; r++) {
        const row = offset + r * cols;
        for (let j = 1; j < cols; j++) s += vectors[k][row + j] * vectors[q][row + j];
      }
      gram[k * V + q] = s;
      gram[q * V + k] = s;
    }
  }
  return gram;
}
