/**
 * The shape of a fully connected network and where each Θ lives in the unrolled parameter vector.
 *
 * Ng's convention: Θ(l) maps layer l to layer l+1 and has s(l+1) rows and s(l)+1 columns; column 0
 * multiplies the bias unit. All Θ are unrolled row-major, one after another, into one Float64Array.
 */

/** Sizes of every layer, input first, output last, e.g. [784, 25, 10]. */
export type LayerSizes = readonly number[];

/** Where one Θ(l) sits inside the unrolled vector. */
export interface ThetaBlock {
  /** Units in the layer this Θ feeds (rows of Θ). */
  readonly rows: number;
  /** Units in the layer it reads, plus the bias column (columns of Θ). */
  readonly cols: number;
  /** Index of Θ(l)[0][0] in the unrolled vector. */
  readonly offset: number;
}

/** The layout of every Θ for the given layer sizes. */
export function thetaLayout(sizes: LayerSizes): ThetaBlock[] {
  validateLayerSizes(sizes);
  const blocks: ThetaBlock[] = [];
  let offset = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const rows = sizes[l + 1];
    const cols = sizes[l] + 1;
    blocks.push({ rows, cols, offset });
    offset += rows * cols;
  }
  return blocks;
}

/** Total number of parameters (weights and biases) of a network with these layer sizes. */
export function parameterCount(sizes: LayerSizes): number {
  let n = 0;
  for (let l = 0; l + 1 < sizes.length; l++) n += sizes[l + 1] * (sizes[l] + 1);
  return n;
}

/** Throws a clear error unless the sizes describe a network with at least an input and an output layer. */
export function validateLayerSizes(sizes: LayerSizes): void {
  if (sizes.length < 2) throw new Error(`a network needs at least 2 layers, got ${sizes.length}`);
  sizes.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1) throw new Error(`layer ${i} must have a whole number of units ≥ 1, got ${s}`);
  });
}

/** Splits an unrolled parameter vector into Θ matrices as arrays of rows (bias in column 0). */
export function rollThetas(theta: Float64Array, sizes: LayerSizes): number[][][] {
  const layout = thetaLayout(sizes);
  if (theta.length !== parameterCount(sizes)) {
    throw new Error(`expected ${parameterCount(sizes)} parameters for layers ${sizes.join('-')}, got ${theta.length}`);
  }
  return layout.map(({ rows, cols, offset }) =>
    Array.from({ length: rows }, (_, r) => Array.from(theta.subarray(offset + r * cols, offset + (r + 1) * cols))),
  );
}

/** Unrolls Θ matrices (arrays of rows, bias in column 0) into one vector, checking each against the layer sizes. */
export function unrollThetas(thetas: readonly (readonly (readonly number[])[])[], sizes: LayerSizes): Float64Array {
  const layout = thetaLayout(sizes);
  if (thetas.length !== layout.length) {
    throw new Error(`expected ${layout.length} weight matrices for layers ${sizes.join('-')}, got ${thetas.length}`);
  }
  const theta = new Float64Array(parameterCount(sizes));
  layout.forEach(({ rows, cols, offset }, l) => {
    const m = thetas[l];
    if (m.length !== rows) throw new Error(`Θ${l + 1} must have ${rows} rows, got ${m.length}`);
    m.forEach((row, r) => {
      if (row.length !== cols) throw new Error(`Θ${l + 1} row ${r + 1} must have ${cols} columns, got ${row.length}`);
      row.forEach((v, c) => {
        if (typeof v !== 'number' || !Number.isFinite(v))
          throw new Error(`Θ${l + 1}[${r + 1}][${c + 1}] is not a finite number`);
        theta[offset + r * cols + c] = v;
      });
    });
  });
  return theta;
}
