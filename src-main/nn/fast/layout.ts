/**
 * How the fast kernel stores Θ: each Θ(l) transposed, so that the weights leaving one unit of layer l
 * toward every unit of layer l+1 are contiguous. Forward, a unit with activation a adds a·(that row)
 * to z(l+1); backward, it adds a·δ(l+1) to the same row of Δ(l). Both are one contiguous loop over
 * the next layer's units, which is what SIMD wants. Row 0 holds the bias weights.
 *
 * Each row is padded to an even number of units (two f64 per 128-bit SIMD lane pair); the padding
 * weights are always 0, and the kernel zeroes the padded activations and δ, so padding never reaches
 * J or the gradient.
 */
import { thetaLayout, type LayerSizes, type ThetaBlock } from '../shape';

/** Where the transposed, padded Θ(l) of every layer sits in the kernel's parameter vector. */
export interface KernelLayout {
  readonly sizes: LayerSizes;
  /** Ng's layout of the unrolled Θ, for converting in and out. */
  readonly blocks: readonly ThetaBlock[];
  /** padded[l]: units of layer l rounded up to even (index 0, the input layer, is unpadded). */
  readonly padded: readonly number[];
  /** offset[l]: index of transposed Θ(l+1)'s bias row; its row j+1 serves input unit j. */
  readonly offset: readonly number[];
  /** Length of the kernel's parameter (and Δ) vector. */
  readonly length: number;
}

/** Rounds a unit count up to an even number, the width of the kernel's rows. */
export function padToEven(units: number): number {
  return units + (units & 1);
}

/** Computes the kernel layout for a network with these layer sizes. */
export function kernelLayout(sizes: LayerSizes): KernelLayout {
  const blocks = thetaLayout(sizes);
  const padded = sizes.map((s, l) => (l === 0 ? s : padToEven(s)));
  const offset: number[] = [];
  let length = 0;
  for (let l = 0; l < blocks.length; l++) {
    offset.push(length);
    length += (sizes[l] + 1) * padded[l + 1];
  }
  return { sizes, blocks, padded, offset, length };
}

/**
 * Copies Ng's unrolled Θ into the kernel's transposed, padded layout (`out` has `layout.length`).
 * Padding entries are never written, so they keep the 0 they were created with.
 */
export function toKernelLayout(theta: Float64Array, layout: KernelLayout, out: Float64Array): void {
  const { blocks, padded, offset: kernelOffset } = layout;
  for (let l = 0; l < blocks.length; l++) {
    const { rows, cols, offset } = blocks[l];
    const width = padded[l + 1];
    const base = kernelOffset[l];
    for (let r = 0; r < rows; r++) {
      const from = offset + r * cols;
      let to = base + r;
      for (let c = 0; c < cols; c++, to += width) out[to] = theta[from + c];
    }
  }
}

/**
 * Turns the kernel's summed Δ(l) into Ng's gradient: D = Δ/m for the bias column and Δ/m + (λ/m)·Θ
 * for the other weights. Returns the regularization term λ/(2m)·Σ Θ² over the non-bias weights.
 */
export function gradientFromKernel(
  delta: Float64Array,
  theta: Float64Array,
  layout: KernelLayout,
  m: number,
  lambda: number,
  grad: Float64Array,
): number {
  const invM = 1 / m;
  const lambdaOverM = lambda / m;
  const { blocks, padded, offset: kernelOffset } = layout;
  let squares = 0;
  for (let l = 0; l < blocks.length; l++) {
    const { rows, cols, offset } = blocks[l];
    const width = padded[l + 1];
    const base = kernelOffset[l];
    for (let r = 0; r < rows; r++) {
      const at = offset + r * cols;
      let from = base + r;
      grad[at] = delta[from] * invM;
      for (let c = 1; c < cols; c++) {
        from += width;
        const t = theta[at + c];
        squares += t * t;
        grad[at + c] = delta[from] * invM + lambdaOverM * t;
      }
    }
  }
  return (lambda / (2 * m)) * squares;
}
