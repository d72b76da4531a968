/**
 * Z-scores: z = (x − mean) / sd for each feature, with mean and sd measured on the training split
 * only (the validation and test sets must not leak into what the network is fitted on). A feature
 * that is constant in the training split has sd 0; it is divided by 1 instead (z = x − mean), and
 * its sd is stored as 1 so every consumer applies the same transform.
 */
import type { Digits } from './digits';

/** Per-feature mean and (population) standard deviation of the training split; sd 0 stored as 1. */
export interface Standardization {
  mean: number[];
  sd: number[];
}

/** Mean and sd (divided by m, like sklearn's StandardScaler) of each of the n features of `d`. */
export function fitStandardization(d: Digits): Standardization {
  const { m, n, X } = d;
  const mean = new Array<number>(n).fill(0);
  const sd = new Array<number>(n).fill(0);
  if (m === 0) return { mean, sd: sd.map(() => 1) };
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) mean[j] += X[i * n + j];
  for (let j = 0; j < n; j++) mean[j] /= m;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const d = X[i * n + j] - mean[j];
      sd[j] += d * d;
    }
  }
  for (let j = 0; j < n; j++) {
    const s = Math.sqrt(sd[j] / m);
    sd[j] = s > 0 ? s : 1;
  }
  return { mean, sd };
}

/** A copy of `d` with every feature z-scored by `s`. */
export function applyStandardization(d: Digits, s: Standardization): Digits {
  const { m, n, X } = d;
  if (s.mean.length !== n || s.sd.length !== n) {
    throw new Error(`standardization has ${s.mean.length} features but the data has ${n}`);
  }
  const Z = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) Z[i * n + j] = (X[i * n + j] - s.mean[j]) / s.sd[j];
  return { ...d, X: Z };
}

/**
 * Largest column range divided by the smallest non-zero one: above SCALE_RATIO_HINT New run suggests
 * standardizing (gradient descent on such features crawls along the wide ones). 1 for fewer than two columns.
 */
export function rangeRatio(X: Float64Array, m: number, n: number): number {
  let lo = Infinity;
  let hi = 0;
  for (let j = 0; j < n; j++) {
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < m; i++) {
      const v = X[i * n + j];
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const range = max - min;
    if (range > 0) {
      lo = Math.min(lo, range);
      hi = Math.max(hi, range);
    }
  }
  return lo === Infinity ? 1 : hi / lo;
}

/** The range ratio above which features count as "on very different scales". */
export const SCALE_RATIO_HINT = 100;
