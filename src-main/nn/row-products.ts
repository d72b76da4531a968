/**
 * The three matrix products of vectorized backpropagation, written over ml-matrix's row storage
 * (`rowsOf(M)[i]`, its `data` field, is row i, a Float64Array) instead of its generic `mmul`, which reads every element
 * through `get(i, j)`. Each product walks rows in memory order and works on a tile of 4×2 or 4×4 at a
 * time, so every number loaded from memory is used four times: the same trick, in miniature, that BLAS
 * uses to make Octave's and numpy's `A * B` fast. The results are written into a preallocated matrix;
 * nothing big is allocated per call.
 */
import type { Matrix } from 'ml-matrix';

/**
 * The rows of M: ml-matrix keeps a Matrix as one Float64Array per row in its `data` field (declared
 * in its source, left out of its .d.ts).
 */
export function rowsOf(M: Matrix): Float64Array[] {
  return (M as unknown as { data: Float64Array[] }).data;
}

/**
 * C(:, from:end) = A·Bᵀ, for A m×k and B n×k (each row of C is a row of A dotted with every row of B).
 * With `from` = 1 it fills [· A·Bᵀ] beside a bias column that the caller owns.
 */
export function timesTransposed(A: Matrix, B: Matrix, C: Matrix, from = 0): void {
  const m = A.rows;
  const n = B.rows;
  const k = A.columns;
  if (B.columns !== k || C.rows !== m || C.columns !== n + from)
    throw new Error(`A·Bᵀ: A is ${m}×${k}, B is ${n}×${B.columns}, C is ${C.rows}×${C.columns} (from column ${from})`);
  const a = rowsOf(A);
  const b = rowsOf(B);
  const c = rowsOf(C);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = a[i];
    const a1 = a[i + 1];
    const a2 = a[i + 2];
    const a3 = a[i + 3];
    let j = 0;
    for (; j + 2 <= n; j += 2) {
      const b0 = b[j];
      const b1 = b[j + 1];
      let s00 = 0,
        s01 = 0,
        s10 = 0,
        s11 = 0,
        s20 = 0,
        s21 = 0,
        s30 = 0,
        s31 = 0;
      for (let t = 0; t < k; t++) {
        const x0 = b0[t];
        const x1 = b1[t];
        const y0 = a0[t];
        const y1 = a1[t];
        const y2 = a2[t];
        const y3 = a3[t];
        s00 += y0 * x0;
        s01 += y0 * x1;
        s10 += y1 * x0;
        s11 += y1 * x1;
        s20 += y2 * x0;
        s21 += y2 * x1;
        s30 += y3 * x0;
        s31 += y3 * x1;
      }
      c[i][from + j] = s00;
      c[i][from + j + 1] = s01;
      c[i + 1][from + j] = s10;
      c[i + 1][from + j + 1] = s11;
      c[i + 2][from + j] = s20;
      c[i + 2][from + j + 1] = s21;
      c[i + 3][from + j] = s30;
      c[i + 3][from + j + 1] = s31;
    }
    for (; j < n; j++) {
      const bj = b[j];
      let s0 = 0,
        s1 = 0,
        s2 = 0,
        s3 = 0;
      for (let t = 0; t < k; t++) {
        const x = bj[t];
        s0 += a0[t] * x;
        s1 += a1[t] * x;
        s2 += a2[t] * x;
        s3 += a3[t] * x;
      }
      c[i][from + j] = s0;
      c[i + 1][from + j] = s1;
      c[i + 2][from + j] = s2;
      c[i + 3][from + j] = s3;
    }
  }
  for (; i < m; i++) {
    const ai = a[i];
    for (let j = 0; j < n; j++) {
      const bj = b[j];
      let s = 0;
      for (let t = 0; t < k; t++) s += ai[t] * bj[t];
      c[i][from + j] = s;
    }
  }
}

/**
 * C = Aᵀ·B for A m×p and B m×q (C is p×q): Σ over the m rows of the outer product A(i,:)ᵀ·B(i,:),
 * four examples by four rows of C at a time, so each row of C is read and written once per four
 * examples and each loaded B(i, t) feeds four rows.
 */
export function transposedTimes(A: Matrix, B: Matrix, C: Matrix): void {
  const m = A.rows;
  const p = A.columns;
  const q = B.columns;
  if (B.rows !== m || C.rows !== p || C.columns !== q)
    throw new Error(`Aᵀ·B: A is ${m}×${p}, B is ${B.rows}×${q}, C is ${C.rows}×${C.columns}`);
  const a = rowsOf(A);
  const b = rowsOf(B);
  const c = rowsOf(C);
  for (let r = 0; r < p; r++) c[r].fill(0);
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const [a0, a1, a2, a3] = [a[i], a[i + 1], a[i + 2], a[i + 3]];
    const [b0, b1, b2, b3] = [b[i], b[i + 1], b[i + 2], b[i + 3]];
    let r = 0;
    for (; r + 4 <= p; r += 4) {
      const [c0, c1, c2, c3] = [c[r], c[r + 1], c[r + 2], c[r + 3]];
      const [d00, d01, d02, d03] = [a0[r], a1[r], a2[r], a3[r]];
      const [d10, d11, d12, d13] = [a0[r + 1], a1[r + 1], a2[r + 1], a3[r + 1]];
      const [d20, d21, d22, d23] = [a0[r + 2], a1[r + 2], a2[r + 2], a3[r + 2]];
      const [d30, d31, d32, d33] = [a0[r + 3], a1[r + 3], a2[r + 3], a3[r + 3]];
      for (let t = 0; t < q; t++) {
        const x0 = b0[t];
        const x1 = b1[t];
        const x2 = b2[t];
        const x3 = b3[t];
        c0[t] += d00 * x0 + d01 * x1 + d02 * x2 + d03 * x3;
        c1[t] += d10 * x0 + d11 * x1 + d12 * x2 + d13 * x3;
        c2[t] += d20 * x0 + d21 * x1 + d22 * x2 + d23 * x3;
        c3[t] += d30 * x0 + d31 * x1 + d32 * x2 + d33 * x3;
      }
    }
    for (; r < p; r++) {
      const cr = c[r];
      const [d0, d1, d2, d3] = [a0[r], a1[r], a2[r], a3[r]];
      for (let t = 0; t < q; t++) cr[t] += d0 * b0[t] + d1 * b1[t] + d2 * b2[t] + d3 * b3[t];
    }
  }
  for (; i < m; i++) {
    const ai = a[i];
    const bi = b[i];
    for (let r = 0; r < p; r++) {
      const d = ai[r];
      const cr = c[r];
      for (let t = 0; t < q; t++) cr[t] += d * bi[t];
    }
  }
}

/**
 * C = A·B(:, from:end) for A m×p and B p×(from+q): each row of C is a sum of B's rows weighted by a
 * row of A. With `from` = 1 it multiplies by Θ without its bias column, as D(l+1)·Θ(l)(:, 2:end) needs.
 */
export function timesColumnsFrom(A: Matrix, B: Matrix, C: Matrix, from = 0): void {
  const m = A.rows;
  const p = A.columns;
  const q = B.columns - from;
  if (B.rows !== p || C.rows !== m || C.columns !== q)
    throw new Error(
      `A·B(:, ${from + 1}:end): A is ${m}×${p}, B is ${B.rows}×${B.columns}, C is ${C.rows}×${C.columns}`,
    );
  const a = rowsOf(A);
  const b = rowsOf(B);
  const c = rowsOf(C);
  for (let i = 0; i < m; i++) {
    const ai = a[i];
    const ci = c[i];
    ci.fill(0);
    for (let r = 0; r < p; r++) {
      const d = ai[r];
      const br = b[r];
      for (let t = 0; t < q; t++) ci[t] += d * br[from + t];
    }
  }
}
