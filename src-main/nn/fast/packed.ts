/**
 * The inputs as the WebAssembly kernel stores them: 4 bytes per nonzero instead of 12. Each nonzero
 * is one u32, its input column in the low 16 bits and the index of its value in a table of the
 * distinct values in the high 16 bits. Images have at most 256 grey levels, so the table is tiny
 * and stays in L1 cache, and the values read are exactly the original doubles. Sweeping the inputs
 * twice per evaluation (forward by example, backward by column) is then a third of the memory traffic,
 * which matters once the data outgrow the caches (60,000 examples are 36 MB instead of 108 MB).
 *
 * Inputs with more than 65,536 columns or distinct nonzero values cannot be packed; the fast cost
 * then uses its JavaScript kernel.
 */

/** Most columns, distinct values and examples per block that 16 bits can index. */
export const PACKED_LIMIT = 65536;

/** Nonzeros by example: row i's are entries rowStart[i] … rowStart[i+1]−1, each column | valueIndex << 16. */
export interface PackedRows {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Uint32Array;
  readonly entry: Uint32Array;
  /** The distinct nonzero values, in order of first appearance. */
  readonly values: Float64Array;
}

/**
 * The same nonzeros regrouped by input column inside blocks of consecutive examples. Backprop adds
 * x·δ(2) of every example to the Δ(1) row of each of its nonzero inputs; done example by example that
 * row is loaded and stored once per example, and stores are what limit the speed. Grouped by column
 * within a block, the row stays in registers while all the block's examples that have that input are
 * added (in example order, so the sums are the same as example by example), then is stored once.
 */
export interface PackedBlocks {
  readonly blockSize: number;
  readonly blocks: number;
  /** Block b's column groups are blockColumnStart[b] … blockColumnStart[b+1]−1. */
  readonly blockColumnStart: Uint32Array;
  /** The input column (pixel) of each group. */
  readonly column: Uint32Array;
  /** Group g's nonzeros are entries columnStart[g] … columnStart[g+1]−1. */
  readonly columnStart: Uint32Array;
  /** exampleInBlock | valueIndex << 16. */
  readonly entry: Uint32Array;
}

/** Packs a row-major m×n matrix, or returns null when n or the number of distinct nonzero values exceeds 65,536. */
export function packRows(X: Float64Array, m: number, n: number): PackedRows | null {
  if (X.length !== m * n) throw new Error(`X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  if (n > PACKED_LIMIT) return null;
  const rowStart = new Uint32Array(m + 1);
  let entry = new Uint32Array(Math.max(16, Math.ceil(X.length / 4)));
  const index = new Map<number, number>();
  const values: number[] = [];
  // Most inputs repeat the value just seen (runs of 0 are skipped anyway), so remember the last one.
  let lastValue = NaN;
  let lastIndex = 0;
  let p = 0;
  for (let i = 0; i < m; i++) {
    rowStart[i] = p;
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const x = X[base + j];
      if (x === 0) continue;
      let k = lastIndex;
      if (x !== lastValue) {
        const known = index.get(x);
        if (known === undefined) {
          if (values.length === PACKED_LIMIT) return null;
          k = values.length;
          index.set(x, k);
          values.push(x);
        } else {
          k = known;
        }
        lastValue = x;
        lastIndex = k;
      }
      if (p === entry.length) {
        const grown = new Uint32Array(entry.length * 2);
        grown.set(entry);
        entry = grown;
      }
      entry[p++] = (j | (k << 16)) >>> 0;
    }
  }
  rowStart[m] = p;
  return { rows: m, cols: n, rowStart, entry: entry.slice(0, p), values: Float64Array.from(values) };
}

/** Regroups packed rows by column within blocks of `blockSize` (≤ 65,536) consecutive examples. */
export function packBlocks(packed: PackedRows, blockSize: number): PackedBlocks {
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > PACKED_LIMIT) {
    throw new Error(`block size must be a whole number from 1 to ${PACKED_LIMIT}, got ${blockSize}`);
  }
  const { rows, rowStart, entry: rowEntry } = packed;
  const blocks = Math.ceil(rows / blockSize);
  const blockColumnStart = new Uint32Array(blocks + 1);
  const column: number[] = [];
  const columnStart: number[] = [];
  const entry = new Uint32Array(rowEntry.length);
  const count = new Uint32Array(packed.cols);
  const next = new Uint32Array(packed.cols);
  let written = 0;
  for (let b = 0; b < blocks; b++) {
    blockColumnStart[b] = column.length;
    const first = b * blockSize;
    const end = Math.min(rows, first + blockSize);
    const touched: number[] = [];
    for (let p = rowStart[first]; p < rowStart[end]; p++) {
      const col = rowEntry[p] & 0xffff;
      if (count[col]++ === 0) touched.push(col);
    }
    touched.sort((a, c) => a - c);
    for (const col of touched) {
      column.push(col);
      columnStart.push(written);
      next[col] = written;
      written += count[col];
      count[col] = 0;
    }
    for (let i = first; i < end; i++) {
      for (let p = rowStart[i]; p < rowStart[i + 1]; p++) {
        const e = rowEntry[p];
        entry[next[e & 0xffff]++] = ((i - first) | (e & 0xffff0000)) >>> 0;
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
    entry,
  };
}
