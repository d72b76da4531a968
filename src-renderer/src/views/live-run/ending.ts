/**
 * The line under a watched run's title once training stopped, in the words of how it stopped: a
 * cancelled or failed run is not "over" the way a finished one is.
 */
import type { RunStatus } from '../../../../src-main/api/table';
import { formatCount } from '../../lib/format';

/** What the line needs of each run. */
export interface EndedRun {
  readonly status: RunStatus;
  /** Iterations (epochs for sgd) done and asked for. */
  readonly lastIteration: number;
  readonly total: number;
  /** Whether it ever left the queue (a run cancelled while queued never trained). */
  readonly started: boolean;
}

const ORDER: RunStatus[] = ['finished', 'cancelled', 'failed', 'interrupted', 'running', 'queued'];

/** "Training finished.", "Cancelled at iteration 120 of 4,000.", "2 finished, 1 cancelled." … */
export function endingText(runs: readonly EndedRun[], unit: 'iteration' | 'epoch' = 'iteration'): string {
  if (runs.length === 1) {
    const [r] = runs;
    const at = `${unit} ${formatCount(r.lastIteration)} of ${formatCount(r.total)}`;
    if (!r.started && r.status !== 'finished') {
      if (r.status === 'cancelled') return 'Cancelled while queued: it never started training.';
      if (r.status === 'failed') return 'Failed before training started.';
      if (r.status === 'interrupted') return 'Interrupted while queued: it never started training.';
    }
    switch (r.status) {
      case 'finished':
        return 'Training finished.';
      case 'cancelled':
        return `Cancelled at ${at}: training was stopped before the end.`;
      case 'failed':
        return `Training failed at ${at}.`;
      case 'interrupted':
        return `Interrupted at ${at}: the process training it stopped before the run ended.`;
      default:
        return 'Training…';
    }
  }
  const counts = new Map<RunStatus, number>();
  for (const r of runs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  if (counts.size === 1) {
    const [status] = counts.keys();
    return `${runs.length === 2 ? 'Both' : `All ${runs.length}`} runs ${status}.`;
  }
  const parts = ORDER.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${s}`);
  return `${parts.join(', ')}.`;
}
