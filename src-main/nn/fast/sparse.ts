/**
 * Inputs as compressed sparse rows (CSR). About 80% of MNIST pixels are exactly 0, and a zero pixel
 * adds nothing to z(2) = Θ(1)·a(1) nor to Δ(1) = δ(2)·a(1)ᵀ, so the first layer only needs to visit
 * the nonzero pixels of each example. We build this once, when the cost function is created. This is
 * the JavaScript kernel's format; the WebAssembly kernel packs the same nonzeros tighter (packed.ts).
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
