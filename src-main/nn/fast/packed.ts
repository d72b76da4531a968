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

/** Slots of the value hash: a power of two, twice the most distinct values, so probes stay short. */
const HASH_SLOTS = PACKED_LIMIT * 2;

/**
 * Packs a row-major m×n matrix, or returns null when n or the number of distinct nonzero values exceeds 65,536.
 *
 * Speed matters here: every run packs its training set (a 60,000-image one is 47 M inputs), and final
 * predictions pack a set from scratch. One pass over X (reading 8 bytes an input is most of the cost:
 * a second pass only to count the nonzeros first cost a third of the time), the entries growing as
 * needed. A value equal to the previous nonzero (images have runs of one grey level) reuses its index;
 * others are looked up by their two 32-bit halves in an open-addressing table (a Map of doubles costs
 * several times more), so a value is found without ever leaving integers.
 */
export function packRows(X: Float64Array, m: number, n: number): PackedRows | null {
  if (X.length !== m * n) throw new Error(`X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  if (n > PACKED_LIMIT) return null;
  const halves = new Int32Array(X.buffer, X.byteOffset, X.length * 2);
  const rowStart = new Uint32Array(m + 1);
  // Room for the nonzeros the first rows' share predicts, and 5 % more; grown by half when a row may not fit.
  const sampled = Math.min(m, 256) * n;
  let seen = 0;
  for (let i = 0; i < sampled; i++) seen += X[i] !== 0 ? 1 : 0;
  let entry = new Uint32Array(n + Math.ceil(sampled === 0 ? 0 : (seen / sampled) * X.length * 1.05));
  const slotLow = new Int32Array(HASH_SLOTS);
  const slotHigh = new Int32Array(HASH_SLOTS);
  const slotIndex = new Int32Array(HASH_SLOTS).fill(-1);
  const values: number[] = [];
  let previous = NaN; // never equal to a value, NaN included: those take the table
  let previousIndex = 0;
  let p = 0;
  for (let i = 0; i < m; i++) {
    rowStart[i] = p;
    if (p + n > entry.length) {
      const grown = new Uint32Array(Math.max(p + n, Math.ceil(entry.length * 1.5)));
      grown.set(entry.subarray(0, p));
      entry = grown;
    }
    const base = i * n;
    for (let j = 0; j < n; j++) {
      const v = X[base + j];
      // +0 and −0 are both zero: nothing to add.
      if (v === 0) continue;
      // Only ±0 compare equal with other bits, and they never get here: the same value, the same index.
      if (v !== previous) {
        const h = 2 * (base + j);
        const low = halves[h];
        const high = halves[h + 1];
        let slot = (Math.imul(low ^ Math.imul(high, 0x85ebca6b), 0x9e3779b1) >>> 15) & (HASH_SLOTS - 1);
        let k: number;
        for (;;) {
          k = slotIndex[slot];
          if (k < 0 || (slotLow[slot] === low && slotHigh[slot] === high)) break;
          slot = (slot + 1) & (HASH_SLOTS - 1);
        }
        if (k < 0) {
          if (values.length === PACKED_LIMIT) return null;
          k = values.length;
          slotIndex[slot] = k;
          slotLow[slot] = low;
          slotHigh[slot] = high;
          values.push(v);
        }
        previous = v;
        previousIndex = k;
      }
      entry[p++] = (j | (previousIndex << 16)) >>> 0;
    }
  }
  rowStart[m] = p;
  // Exactly the nonzeros (a copy only when the spare room is large: the entries are kept for the whole run).
  const entries = entry.length - p > p >> 3 ? entry.slice(0, p) : entry.subarray(0, p);
  return { rows: m, cols: n, rowStart, entry: entries, values: Float64Array.from(values) };
}

/** Regroups packed rows by column within blocks of `blockSize` (≤ 65,536) consecutive examples. */
export function packBlocks(packed: PackedRows, blockSize: number): PackedBlocks {
  if (!Number.isInteger(blockSize) || blockSize < 1 || blockSize > PACKED_LIMIT) {
    throw new Error(`block size must be a whole number from 1 to ${PACKED_LIMIT}, got ${blockSize}`);
  }
  const { rows, rowStart, entry: rowEntry } = packed;
  const blocks = Math.ceil(rows / blockSize);
  const blockColumnStart = new Uint32Array(blocks + 1);
  // A block has at most min(cols, its nonzeros) column groups: bound the total without a second pass.
  const maxGroups = Math.min(rowEntry.length, blocks * packed.cols);
  const column = new Uint32Array(maxGroups);
  const columnStart = new Uint32Array(maxGroups + 1);
  const entry = new Uint32Array(rowEntry.length);
  const count = new Uint32Array(packed.cols);
  const next = new Uint32Array(packed.cols);
  let groups = 0;
  let written = 0;
  for (let b = 0; b < blocks; b++) {
    blockColumnStart[b] = groups;
    const first = b * blockSize;
    const end = Math.min(rows, first + blockSize);
    for (let p = rowStart[first]; p < rowStart[end]; p++) count[rowEntry[p] & 0xffff]++;
    // Columns in increasing order: a scan of the counts is cheaper than sorting the ones touched.
    for (let col = 0; col < packed.cols; col++) {
      if (count[col] === 0) continue;
      column[groups] = col;
      columnStart[groups++] = written;
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
  blockColumnStart[blocks] = groups;
  columnStart[groups] = written;
  return {
    blockSize,
    blocks,
    blockColumnStart,
    column: column.slice(0, groups),
    columnStart: columnStart.slice(0, groups + 1),
    entry,
  };
}
