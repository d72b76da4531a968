import { describe, expect, it } from 'vitest';
import { toCsr } from './sparse';
import { packBlocks, packRows } from './packed';
import { gradientFromKernel, kernelLayout, toKernelLayout } from './layout';

describe('toCsr', () => {
  it('keeps the nonzeros of each row in column order', () => {
    const csr = toCsr(Float64Array.of(0, 2, 0, 3, 0, 0, 0, 0, 4), 3, 3);
    expect(Array.from(csr.rowStart)).toEqual([0, 1, 2, 3]);
    expect(Array.from(csr.colIndex)).toEqual([1, 0, 2]);
    expect(Array.from(csr.value)).toEqual([2, 3, 4]);
  });

  it('handles 0 rows, an all-zero row and a fully dense row', () => {
    const empty = toCsr(new Float64Array(0), 0, 4);
    expect(Array.from(empty.rowStart)).toEqual([0]);
    const csr = toCsr(Float64Array.of(0, 0, 1, -1), 2, 2);
    expect(Array.from(csr.rowStart)).toEqual([0, 0, 2]);
    expect(Array.from(csr.value)).toEqual([1, -1]);
  });

  it('names a size mismatch', () => {
    expect(() => toCsr(new Float64Array(5), 2, 3)).toThrow('X must hold m×n = 2×3 = 6 values, got 5');
  });
});

describe('packRows', () => {
  it('packs each nonzero as column | value index << 16, with the distinct values in a table', () => {
    const packed = packRows(Float64Array.of(0, 0.5, 0, 0.25, 0, 0.5, 0, 0.25, 0), 3, 3)!;
    expect(Array.from(packed.rowStart)).toEqual([0, 1, 3, 4]);
    expect(Array.from(packed.values)).toEqual([0.5, 0.25]);
    expect(Array.from(packed.entry)).toEqual([1, 0 | (1 << 16), 2, 1 | (1 << 16)]);
  });

  it('grows its entries past what the first 256 rows predict, reuses a repeated value, skips −0 and keeps NaN', () => {
    // 256 zero rows predict no nonzeros: room for one row (2), outgrown from row 256 on.
    // Row 256 is [1 2], rows 257…298 [2 2], row 299 [−0 NaN]; indices 1 → 0, 2 → 1, NaN → 2.
    const X = new Float64Array(300 * 2);
    X.set([1, 2], 512);
    for (let i = 257; i < 299; i++) X.set([2, 2], 2 * i);
    X.set([-0, NaN], 598);
    const packed = packRows(X, 300, 2)!;
    expect(Array.from(packed.rowStart.subarray(255, 259))).toEqual([0, 0, 2, 4]);
    expect(Array.from(packed.rowStart.subarray(298))).toEqual([84, 86, 87]);
    expect(Array.from(packed.values)).toEqual([1, 2, NaN]);
    expect(packed.entry.length).toBe(87);
    expect(Array.from(packed.entry.subarray(0, 4))).toEqual([0, 65537, 65536, 65537]);
    expect(Array.from(packed.entry.subarray(84))).toEqual([65536, 65537, 131073]);
  });

  it('handles 0 rows and all-zero rows', () => {
    expect(Array.from(packRows(new Float64Array(0), 0, 5)!.rowStart)).toEqual([0]);
    const packed = packRows(new Float64Array(6), 2, 3)!;
    expect(Array.from(packed.rowStart)).toEqual([0, 0, 0]);
    expect(packed.entry.length).toBe(0);
  });

  it('gives up (null) beyond 65,536 inputs or 65,536 distinct values', () => {
    expect(packRows(new Float64Array(65537), 1, 65537)).toBeNull();
    expect(packRows(new Float64Array(65536), 1, 65536)).not.toBeNull();
    const distinct = Float64Array.from({ length: 65537 }, (_, i) => i + 1);
    expect(packRows(distinct, 65537, 1)).toBeNull();
    expect(packRows(distinct.subarray(1), 65536, 1)!.values.length).toBe(65536);
  });
});

describe('packBlocks', () => {
  it('groups each block’s nonzeros by column, examples in order, as example-in-block | value index << 16', () => {
    // rows: [0 2 0], [3 0 5], [0 7 0]; blocks of 2 rows: {0, 1} and {2}; values 2, 3, 5, 7 get indices 0…3
    const blocked = packBlocks(packRows(Float64Array.of(0, 2, 0, 3, 0, 5, 0, 7, 0), 3, 3)!, 2);
    expect(blocked.blocks).toBe(2);
    expect(Array.from(blocked.blockColumnStart)).toEqual([0, 3, 4]);
    expect(Array.from(blocked.column)).toEqual([0, 1, 2, 1]);
    expect(Array.from(blocked.columnStart)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(blocked.entry)).toEqual([1 | (1 << 16), 0, 1 | (2 << 16), 0 | (3 << 16)]);
  });

  it('lists several examples of one column in example order', () => {
    const blocked = packBlocks(packRows(Float64Array.of(1, 2, 3, 4), 4, 1)!, 4);
    expect(Array.from(blocked.columnStart)).toEqual([0, 4]);
    expect(Array.from(blocked.entry, (e) => e & 0xffff)).toEqual([0, 1, 2, 3]);
  });

  it('gives a block without nonzeros no columns, and names a bad block size', () => {
    const packed = packRows(new Float64Array(6), 3, 2)!;
    expect(Array.from(packBlocks(packed, 2).blockColumnStart)).toEqual([0, 0, 0]);
    expect(() => packBlocks(packed, 0)).toThrow('block size must be a whole number from 1 to 65536, got 0');
  });
});

describe('kernel layout', () => {
  it('stores each Θ transposed with rows padded to an even width, and converts Δ back with 1/m and λ/m', () => {
    // 2-3-1: Θ1 is 3×3 (rows r, columns bias, x1, x2), Θ2 is 1×4.
    const layout = kernelLayout([2, 3, 1]);
    expect(layout.padded).toEqual([2, 4, 2]);
    expect(layout.offset).toEqual([0, 12]);
    expect(layout.length).toBe(12 + 8);
    const theta = Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13);
    const kernel = new Float64Array(layout.length);
    toKernelLayout(theta, layout, kernel);
    // row c of the transposed Θ1 = column c of Θ1, then a 0 pad; Θ2ᵀ rows are [Θ2[0][c], pad]
    expect(Array.from(kernel)).toEqual([1, 4, 7, 0, 2, 5, 8, 0, 3, 6, 9, 0, 10, 0, 11, 0, 12, 0, 13, 0]);
    const grad = new Float64Array(theta.length);
    const regularization = gradientFromKernel(kernel, theta, layout, 2, 4, grad);
    // bias column: Δ/m; others: Δ/m + (λ/m)Θ = Θ/2 + 2Θ; λ/(2m)·ΣΘ² over non-bias weights
    expect(Array.from(grad)).toEqual([0.5, 5, 7.5, 2, 12.5, 15, 3.5, 20, 22.5, 5, 27.5, 30, 32.5]);
    const squares = [2, 3, 5, 6, 8, 9, 11, 12, 13].reduce((s, v) => s + v * v, 0);
    expect(regularization).toBe(squares);
  });
});
