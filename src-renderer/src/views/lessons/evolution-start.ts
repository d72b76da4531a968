/**
 * Which run the training evolution opens on: the run it was launched from (Run detail's "Replay
 * training"), else the best run trained so far, whose hidden units have formed the clearest features;
 * never simply the newest, which after a lesson is often a deliberately bad one (λ = 0, zero Θ₀).
 */
import type { RunSummary } from '../../../../src-main/api/table';

/** Why the lesson shows the run it shows, said in the view. */
export type StartReason = 'launched' | 'best' | 'latest';

export type StartCandidate = Pick<RunSummary, 'id' | 'status' | 'createdAt' | 'metrics'>;

/**
 * The run to open among `runs` and why: `launchedFrom` when it is among them; else the finished run
 * with the highest test accuracy (the highest training accuracy when none has a test set), ties to
 * the newer; else the newest run. null when there are no runs.
 */
export function evolutionStart(
  runs: readonly StartCandidate[],
  launchedFrom: number | null,
): { id: number; reason: StartReason } | null {
  if (runs.length === 0) return null;
  if (launchedFrom !== null && runs.some((r) => r.id === launchedFrom)) return { id: launchedFrom, reason: 'launched' };
  const finished = runs.filter((r) => r.status === 'finished' && r.metrics !== null);
  const anyTest = finished.some((r) => r.metrics!.testAccuracy !== null);
  const score = (r: StartCandidate) => (anyTest ? (r.metrics!.testAccuracy ?? -1) : r.metrics!.trainAccuracy);
  const newer = (a: StartCandidate, b: StartCandidate) =>
    a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id);
  let best: StartCandidate | null = null;
  for (const r of finished) {
    if (best === null || score(r) > score(best) || (score(r) === score(best) && newer(r, best))) best = r;
  }
  if (best) return { id: best.id, reason: 'best' };
  const latest = runs.reduce((a, b) => (newer(b, a) ? b : a));
  return { id: latest.id, reason: 'latest' };
}
