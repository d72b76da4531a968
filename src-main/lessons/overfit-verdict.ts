/**
 * When does a cost chart say "overfitting"? One rule, written once, for every view that judges a run's
 * validation cost J_cv (no λ term) against its training cost J:
 *
 *   overfitting ⇔ J_cv ends at least OVERFIT_RISE (10 %) above its lowest value, and the training J
 *   at the end is lower than it was at the iteration where J_cv was lowest.
 *
 * Why 10 %: measured with the Overfit and Regularized presets (300 examples, Θ₀ in ±2, 400 iterations
 * of cg, seeds 1–3), λ = 0 ends 218–294 % above its lowest J_cv, λ = 1 at most 1.1 % above it; UCI's
 * wine table (standardized, L-BFGS 200 iterations) ends 0.2 % above (0.1708 → 0.1711), and the wine run
 * reported in issue 18 2.4 % above (0.167 → 0.171). A rise of a few percent is the optimizer wandering
 * along a flat valley of J_cv, not the network trading new examples for its training set.
 */

/** The smallest rise of J_cv above its lowest, as a fraction of that lowest value, that counts as overfitting. */
export const OVERFIT_RISE = 0.1;

/** A cost at an iteration: x the iteration, y J. */
export interface CostPoint {
  readonly x: number;
  readonly y: number;
}

export interface OverfitVerdict {
  /**
   * 'overfitting': J_cv rose clearly while the training J kept falling; 'no-clear-rise': J_cv ends
   * less than OVERFIT_RISE above its lowest; 'training-rose-too': J_cv rose clearly but so did the
   * training J, which is training going wrong (a step too large), not overfitting.
   */
  readonly kind: 'overfitting' | 'no-clear-rise' | 'training-rose-too';
  /** Iteration of the lowest J_cv, its value, and J_cv at the last snapshot. */
  readonly lowestIteration: number;
  readonly lowest: number;
  readonly last: number;
  /** (last − lowest) / lowest: 0 when J_cv is lowest at the end. */
  readonly relativeRise: number;
  /** Training J at the iteration of the lowest J_cv (the last point at or before it; null if none is) and at the end. */
  readonly trainingAtLowest: number | null;
  readonly trainingLast: number;
}

/**
 * Judges a run by the rule above from its J_cv at each snapshot (`validation`) and its training J
 * (`training`, any iterations). Null while there are fewer than two J_cv points or no training J to compare.
 */
export function overfitVerdict(
  validation: readonly CostPoint[],
  training: readonly CostPoint[],
): OverfitVerdict | null {
  if (validation.length < 2 || training.length === 0) return null;
  let lowestIndex = 0;
  validation.forEach((p, i) => {
    if (p.y < validation[lowestIndex].y) lowestIndex = i;
  });
  const { x: lowestIteration, y: lowest } = validation[lowestIndex];
  const last = validation[validation.length - 1].y;
  const relativeRise = lowest > 0 ? (last - lowest) / lowest : last > lowest ? Infinity : 0;
  const trainingAtLowest = trainingAt(training, lowestIteration);
  const trainingLast = training[training.length - 1].y;
  const rose = relativeRise >= OVERFIT_RISE;
  const trainingFell = trainingAtLowest !== null && trainingLast < trainingAtLowest;
  const kind = !rose ? 'no-clear-rise' : trainingFell ? 'overfitting' : 'training-rose-too';
  return { kind, lowestIteration, lowest, last, relativeRise, trainingAtLowest, trainingLast };
}

/** Training J at `iteration`: the last point at or before it (null when none is). */
function trainingAt(training: readonly CostPoint[], iteration: number): number | null {
  let found: number | null = null;
  for (const p of training) {
    if (p.x > iteration) break;
    found = p.y;
  }
  return found;
}
