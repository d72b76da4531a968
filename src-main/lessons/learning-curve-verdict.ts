/**
 * "Would more data help?" answered from a learning curve's own points, as in Ng's exercise 5: at the
 * largest training set m, split the validation error E_cv into the error the network makes even on
 * its training examples, E_train, and the gap E_cv − E_train that it fails to carry over to new ones.
 *
 *   high variance ⇔ gap ≥ E_train (the gap is at least half of E_cv); high bias otherwise.
 *   still falling ⇔ over the last (up to) SLOPE_POINTS points, E_cv falls by at least
 *                   FALLING_PER_DOUBLING per doubling of m (least-squares slope against log₂ m).
 *
 * Errors are fractions misclassified (1 − accuracy), the curve the lesson draws; ex5 draws J, which
 * tells the same story. Why per doubling: the lesson's sizes grow roughly geometrically (50 … 5,000),
 * and what a learner can buy is "twice the data", not "1,000 more examples".
 */

/** Points at the large end of the curve the slope is fitted over. */
export const SLOPE_POINTS = 3;
/** The smallest fall of E_cv per doubling of m, as a fraction (0.01 = 1 percentage point), that counts as still falling. */
export const FALLING_PER_DOUBLING = 0.01;

/** One point of a learning curve: training-set size m, mean training and validation error over its seeds. */
export interface LearningCurvePoint {
  readonly x: number;
  readonly trainError: number;
  readonly validationError: number | null;
}

export interface LearningCurveVerdict {
  /** 'high-variance': the gap is at least E_train; 'high-bias': E_train is most of E_cv. */
  readonly diagnosis: 'high-variance' | 'high-bias';
  /** Whether E_cv still falls by FALLING_PER_DOUBLING or more per doubling of m at the large end. */
  readonly stillFalling: boolean;
  /** The answer: 'yes' (variance, still falling), 'little' (variance but flat, or bias but falling), 'no' (bias, flat). */
  readonly moreDataHelps: 'yes' | 'little' | 'no';
  /** The largest m and E_train, E_cv and their gap there. */
  readonly largestM: number;
  readonly trainError: number;
  readonly validationError: number;
  readonly gap: number;
  /** Least-squares slope of E_cv against log₂ m over the last `slopePoints` points: change per doubling (negative: falling). */
  readonly slopePerDoubling: number;
  readonly slopePoints: number;
}

/**
 * Judges a learning curve by the rules above, from its points in any order. Null while fewer than two
 * distinct m have a validation error (no slope yet).
 */
export function learningCurveVerdict(points: readonly LearningCurvePoint[]): LearningCurveVerdict | null {
  const usable = points
    .filter((p): p is LearningCurvePoint & { validationError: number } => p.validationError !== null && p.x > 0)
    .sort((a, b) => a.x - b.x);
  if (usable.length < 2) return null;
  const last = usable.slice(-SLOPE_POINTS);
  const slopePerDoubling = slope(
    last.map((p) => Math.log2(p.x)),
    last.map((p) => p.validationError),
  );
  const end = usable[usable.length - 1];
  const gap = end.validationError - end.trainError;
  const diagnosis = gap >= end.trainError ? 'high-variance' : 'high-bias';
  const stillFalling = -slopePerDoubling >= FALLING_PER_DOUBLING;
  const moreDataHelps =
    diagnosis === 'high-variance' ? (stillFalling ? 'yes' : 'little') : stillFalling ? 'little' : 'no';
  return {
    diagnosis,
    stillFalling,
    moreDataHelps,
    largestM: end.x,
    trainError: end.trainError,
    validationError: end.validationError,
    gap,
    slopePerDoubling,
    slopePoints: last.length,
  };
}

/** Least-squares slope of y against x (x not all equal). */
function slope(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  return sxy / sxx;
}
