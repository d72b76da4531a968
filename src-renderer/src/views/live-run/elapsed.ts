/**
 * The "Elapsed" of a run being watched: wall time since the store marked it running, until it ended.
 * It used to be two clocks glued together: before the first cost point it counted from `startedAt`
 * (loading the data included), then it switched to the worker's `elapsedMs`, which is the optimizer's
 * time alone (from 0 at J(Θ₀), snapshots left out), so at the first point it fell back (2.5 s → 2.3 s)
 * and again after each snapshot. Now it is one clock, and a reading never goes below the last one
 * (a late status or a tick racing the final event cannot make it step back).
 */
import type { RunStatus } from '../../../../src-main/api/table';

/** What the clock needs to know of a run: its status and the store's times (ms since the epoch). */
export interface ElapsedRun {
  readonly status: RunStatus;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

/**
 * Wall time the run has taken at `now`: `now − startedAt` while running, `finishedAt − startedAt` once
 * it ended, 0 while queued; null when that is not known yet (it ended but the end time has not arrived).
 */
export function wallElapsedMs(run: ElapsedRun, now: number): number | null {
  if (run.status === 'queued') return 0;
  if (run.startedAt === null) return run.status === 'running' ? 0 : null;
  if (run.status === 'running') return Math.max(0, now - run.startedAt);
  return run.finishedAt === null ? null : Math.max(0, run.finishedAt - run.startedAt);
}

/** Readings of one run's elapsed time that never decrease. */
export class ElapsedClock {
  private shown = 0;

  /** The elapsed ms to show at `now`: the run's wall time, or the last reading if that was larger. */
  read(run: ElapsedRun, now: number): number {
    const ms = wallElapsedMs(run, now);
    if (ms !== null && ms > this.shown) this.shown = ms;
    return this.shown;
  }
}
