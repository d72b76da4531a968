/**
 * Pure read-outs for the sweep lessons: how far a sweep has come (counting the iterations of the runs
 * still training, so the bar moves between finished runs), and the log-ish axis a validation curve
 * needs, since its λ values run from 0 to 10 by factors of about 3 and 0 has no logarithm.
 */
import type { RunStatus } from '../../../../src-main/store/types';

export interface ProgressRun {
  id: number;
  status: RunStatus;
  iterations: number;
  lastIteration: number | null;
}

export interface SweepProgress {
  /** Runs that reached a final status (finished, failed, cancelled, interrupted). */
  done: number;
  finished: number;
  total: number;
  /** 0…1: done runs count whole, running ones by iteration / planned iterations. */
  fraction: number;
}

const FINAL: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'interrupted'];

/**
 * How far the runs of a sweep are. `live` holds newer iteration counts from run.progress events than
 * the summaries (by run id). An empty sweep is complete (fraction 1): there is nothing left to run.
 */
export function sweepProgress(
  runs: readonly ProgressRun[],
  live: ReadonlyMap<number, number> = new Map(),
): SweepProgress {
  let done = 0;
  let finished = 0;
  let sum = 0;
  for (const r of runs) {
    if (FINAL.includes(r.status)) {
      done++;
      if (r.status === 'finished') finished++;
      sum += 1;
    } else if (r.status === 'running') {
      const it = Math.max(live.get(r.id) ?? 0, r.lastIteration ?? 0);
      sum += r.iterations > 0 ? Math.min(1, it / r.iterations) : 0;
    }
  }
  return { done, finished, total: runs.length, fraction: runs.length === 0 ? 1 : sum / runs.length };
}

/**
 * Positions of λ values on a log-ish axis: log10 λ for λ > 0, and λ = 0 one decade left of the
 * smallest positive λ (or at 0 when there is none), so ex5's 0, 0.001, 0.003, … 10 spread evenly
 * by factors and 0 still gets its own place. Throws on a negative or non-finite λ.
 */
export function lambdaPositions(lambdas: readonly number[]): number[] {
  lambdas.forEach((l, i) => {
    if (!(Number.isFinite(l) && l >= 0)) throw new Error(`λ value ${i} is ${l}, not a finite number ≥ 0`);
  });
  const positive = lambdas.filter((l) => l > 0);
  const zeroAt = positive.length ? Math.log10(Math.min(...positive)) - 1 : 0;
  return lambdas.map((l) => (l > 0 ? Math.log10(l) : zeroAt));
}

/** A fraction as percent for a chart axis (0.0234 → 2.34), keeping null as a gap. */
export function asPercent(fraction: number | null): number | null {
  return fraction === null ? null : fraction * 100;
}

/**
 * Milliseconds per iteration of a run from its cost curve's clock: (elapsed at the last point −
 * elapsed at the first) / (iterations between them). Measured from J(Θ₀), so loading the data and
 * starting the process are left out, which would otherwise swamp a short run. null with fewer than
 * two points.
 */
export function msPerIteration(history: { iteration: readonly number[]; elapsedMs: readonly number[] }): number | null {
  const n = history.iteration.length;
  if (n < 2) return null;
  const span = history.iteration[n - 1] - history.iteration[0];
  return span > 0 ? (history.elapsedMs[n - 1] - history.elapsedMs[0]) / span : null;
}
