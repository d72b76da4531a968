/**
 * The stated convergence criterion of the lesson "Will the optimizer get stuck?" (and of the CLI's
 * `landscape` JSON): one pure function, so the browser, the CLI and the tests read the same rule.
 */

/** J fell by less than this share of itself over the last CONVERGED_WINDOW iterations: 0.1 %. */
export const CONVERGED_DROP = 0.001;
/** How many iterations back the fall of J is measured. */
export const CONVERGED_WINDOW = 50;

/** Whether one run converged, and the numbers that decided it. */
export interface Convergence {
  converged: boolean;
  /**
   * 'optimizer': it stopped before its budget (∇J ≈ 0 or no step lowers J); 'flat': J fell less than the
   * criterion; 'budget': it used its budget with J still falling; 'short': fewer iterations than the window.
   */
  reason: 'optimizer' | 'flat' | 'budget' | 'short';
  /** Relative fall of J over the last window, (J(t − w) − J(t)) / J(t − w); null when the curve is shorter than the window. */
  drop: number | null;
  lastIteration: number;
}

/**
 * Did a run converge? Yes when the optimizer stopped before its iteration budget, or when J fell by less
 * than CONVERGED_DROP (0.1 %) over its last CONVERGED_WINDOW (50) iterations. `history` is the run's cost
 * curve (iteration numbers and J, possibly thinned: the point at or before t − 50 is used);
 * `plannedIterations` is the budget the run was given.
 */
export function convergence(
  history: { iteration: readonly number[]; cost: readonly number[] },
  plannedIterations: number,
): Convergence {
  const n = history.iteration.length;
  const lastIteration = n ? history.iteration[n - 1] : 0;
  let drop: number | null = null;
  if (n > 0 && lastIteration >= CONVERGED_WINDOW) {
    const target = lastIteration - CONVERGED_WINDOW;
    let k = n - 1;
    while (k > 0 && history.iteration[k] > target) k--;
    const before = history.cost[k];
    drop = before > 0 ? (before - history.cost[n - 1]) / before : 0;
  }
  if (n > 0 && lastIteration < plannedIterations) return { converged: true, reason: 'optimizer', drop, lastIteration };
  if (drop === null) return { converged: false, reason: 'short', drop, lastIteration };
  return drop < CONVERGED_DROP
    ? { converged: true, reason: 'flat', drop, lastIteration }
    : { converged: false, reason: 'budget', drop, lastIteration };
}
