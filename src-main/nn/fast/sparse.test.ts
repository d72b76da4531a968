import { describe, expect, it } from 'vitest';
import { toBlockedColumns, toCsr } from './sparse';
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

describe('toBlockedColumns', () => {
  it('groups each block’s nonzeros by column, examples in order, with block-local example indices', () => {
    // rows: [0 2 0], [3 0 5], [0 7 0]; blocks of 2 rows: {0, 1} and {2}
    const blocked = toBlockedColumns(toCsr(Float64Array.of(0, 2, 0, 3, 0, 5, 0, 7, 0), 3, 3), 2);
    expect(blocked.blocks).toBe(2);
    expect(Array.from(blocked.blockColumnStart)).toEqual([0, 3, 4]);
    expect(Array.from(blocked.column)).toEqual([0, 1, 2, 1]);
    expect(Array.from(blocked.columnStart)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(blocked.example)).toEqual([1, 0, 1, 0]);
    expect(Array.from(blocked.value)).toEqual([3, 2, 5, 7]);
  });

  it('lists several examples of one column in example order', () => {
    const blocked = toBlockedColumns(toCsr(Float64Array.of(1, 2, 3, 4), 4, 1), 4);
    expect(Array.from(blocked.columnStart)).toEqual([0, 4]);
    expect(Array.from(blocked.example)).toEqual([0, 1, 2, 3]);
  });

  it('gives a block without nonzeros no columns', () => {
    const blocked = toBlockedColumns(toCsr(new Float64Array(6), 3, 2), 2);
    expect(Array.from(blocked.blockColumnStart)).toEqual([0, 0, 0]);
    expect(blocked.column.length).toBe(0);
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
