/**
 * The digits half of "Why this cost?": two runs from the same Θ₀, one per cost, measured on their own
 * cost curves. J of the two costs is on different scales (cross-entropy sums −log over ten units, the
 * quadratic ½‖a − y‖²), so they are compared by what each did to its own J: the share of its starting
 * value left after k iterations and the iterations it took to halve it.
 */
import type { CostHistory } from '../../../../src-main/api/table';

/** One run's curve, measured. */
export interface CurveMeasure {
  /** J(Θ₀), the first point of the curve. */
  start: number;
  /** The iteration read at: the last recorded one at or before k (null without points). */
  iteration: number;
  cost: number;
  /** cost / start: the share of the starting J left. */
  remaining: number;
  /** The first iteration at which J was at most half its start; null if it never was. */
  halvedAt: number | null;
}

/** A cost curve measured at iteration k; null for a curve without points. */
export function measureCurve(history: Pick<CostHistory, 'iteration' | 'cost'>, k: number): CurveMeasure | null {
  const n = history.iteration.length;
  if (n === 0) return null;
  const start = history.cost[0];
  let at = 0;
  for (let i = 0; i < n && history.iteration[i] <= k; i++) at = i;
  const halved = history.cost.findIndex((c) => c <= start / 2);
  return {
    start,
    iteration: history.iteration[at],
    cost: history.cost[at],
    remaining: history.cost[at] / start,
    halvedAt: halved === -1 ? null : history.iteration[halved],
  };
}

/**
 * The validation accuracy of the last snapshot taken at or before iteration k: accuracy is the one
 * measure the two costs share a scale in. null when no snapshot by then has one.
 */
export function accuracyBy(
  snapshots: readonly { iteration: number; validationAccuracy: number | null }[],
  k: number,
): { iteration: number; accuracy: number } | null {
  let found: { iteration: number; accuracy: number } | null = null;
  for (const s of snapshots) {
    if (s.iteration <= k && s.validationAccuracy !== null && (!found || s.iteration >= found.iteration))
      found = { iteration: s.iteration, accuracy: s.validationAccuracy };
  }
  return found;
}
