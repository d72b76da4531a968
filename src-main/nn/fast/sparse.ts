/**
 * Inputs as compressed sparse rows (CSR). About 80% of MNIST pixels are exactly 0, and a zero pixel
 * adds nothing to z(2) = Θ(1)·a(1) nor to Δ(1) = δ(2)·a(1)ᵀ, so the first layer only needs to visit
 * the nonzero pixels of each example. We build this once, when the cost function is created.
 */

/** An m×n matrix keeping only its nonzero entries, row by row. */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** Row i's entries are at positions rowStart[i] … rowStart[i+1]−1 of colIndex and value. */
  readonly rowStart: Uint32Array;
  readonly colIndex: Uint32Array;
  readonly value: Float64Array;
}

/** Compresses a row-major m×n matrix X (one example per row) into CSR, dropping exact zeros. */
export function toCsr(X: Float64Array, m: number, n: number): CsrMatrix {
  if (X.length !== m * n) throw new Error(`X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  let nonzeros = 0;
  for (let i = 0; i < X.length; i++) if (X[i] !== 0) nonzeros++;
  const rowStart = new Uint32Array(m + 1);
  const colIndex = new Uint32Array(nonzeros);
  const value = new Float64Array(nonzeros);
  let p = 0;
  for (let i = 0; i < m; i++) {
    rowStart[i] = p;
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const x = X[base + j];
      if (x !== 0) {
        colIndex[p] = j;
        value[p] = x;
        p++;
      }
    }
  }
  rowStart[m] = p;
  return { rows: m, cols: n, rowStart, colIndex, value };
}

/**
 * The same nonzeros regrouped by input column inside blocks of consecutive examples. Backprop adds
 * x·δ(2) of every example to the Δ(1) row of each of its nonzero inputs; done example by example
 * that row is loaded and stored once per example, and stores are what limit the speed. Grouped by
 * column within a block, the row stays in registers while all the block's examples that have that
 * input are added, then is stored once.
 */
export interface BlockedColumns {
  readonly blockSize: number;
  readonly blocks: number;
  /** Block b's columns are entries blockColumnStart[b] … blockColumnStart[b+1]−1 of column and columnStart. */
  readonly blockColumnStart: Uint32Array;
  /** The input column (pixel) of each group. */
  readonly column: Uint32Array;
  /** Group g's nonzeros are entries columnStart[g] … columnStart[g+1]−1 of example and value. */
  readonly columnStart: Uint32Array;
  /** Index of the example inside its block (0 … blockSize−1). */
  readonly example: Uint32Array;
  readonly value: Float64Array;
}

/** Regroups a CSR matrix by column within blocks of `blockSize` consecutive rows (examples in order). */
export function toBlockedColumns(csr: CsrMatrix, blockSize: number): BlockedColumns {
  const { rows, rowStart, colIndex, value } = csr;
  const blocks = Math.ceil(rows / blockSize);
  const nonzeros = rowStart[rows];
  const blockColumnStart = new Uint32Array(blocks + 1);
  const columnStart: number[] = [];
  const column: number[] = [];
  const example = new Uint32Array(nonzeros);
  const blockValue = new Float64Array(nonzeros);
  const count = new Uint32Array(csr.cols);
  const next = new Uint32Array(csr.cols);
  let written = 0;
  for (let b = 0; b < blocks; b++) {
    blockColumnStart[b] = column.length;
    const first = b * blockSize;
    const end = Math.min(rows, first + blockSize);
    const touched: number[] = [];
    for (let p = rowStart[first]; p < rowStart[end]; p++) {
      if (count[colIndex[p]]++ === 0) touched.push(colIndex[p]);
    }
    touched.sort((a, c) => a - c);
    for (const col of touched) {
      column.push(col);
      columnStart.push(written);
      next[col] = written;
      written += count[col];
      count[col] = 0;
    }
    // Rows in order, so each column's entries list its examples in order and Δ sums in example order.
    for (let i = first; i < end; i++) {
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const at = next[colIndex[p]]++;
        example[at] = i - first;
        blockValue[at] = value[p];
      }
    }
  }
  blockColumnStart[blocks] = column.length;
  columnStart.push(written);
  return {
    blockSize,
    blocks,
    blockColumnStart,
    column: Uint32Array.from(column),
    columnStart: Uint32Array.from(columnStart),
    example,
    value: blockValue,
  };
}
