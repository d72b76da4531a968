/**
 * The few vector operations the optimizers need, on Float64Arrays of equal length, written as
 * plain loops so that nothing allocates inside an iteration.
 */

/** a·b */
export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** y ← y + α·x */
export function addScaled(y: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < y.length; i++) y[i] += alpha * x[i];
}

/** out ← a + α·x (out may be a or x) */
export function setScaledSum(out: Float64Array, a: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = a[i] + alpha * x[i];
}

/** out ← α·x (out may be x) */
export function setScaled(out: Float64Array, alpha: number, x: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = alpha * x[i];
}

/** max |x_i|, 0 for an empty vector */
export function maxAbs(x: Float64Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const a = Math.abs(x[i]);
    if (a > m || a !== a) m = a; // NaN wins, so a broken gradient never looks converged
  }
  return m;
}
