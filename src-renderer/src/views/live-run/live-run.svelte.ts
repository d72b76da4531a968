/**
 * One run followed as it trains: its cost curve, J_cv, status, pace and newest snapshot. The curve starts
 * from the stored history, so a run opened halfway shows everything so far; events that arrive while that
 * history loads are merged by iteration, never doubled (live-runs.svelte.ts feeds it the API's events).
 */
import type { RunDetail, RunMetrics, RunStatus } from '../../../../src-main/api/table';
import { seriesColor } from '../../lib/chart';
import { estimateRemainingMs } from '../../lib/format';
import { ElapsedClock } from './elapsed';

export class LiveRun {
  detail = $state<RunDetail | null>(null);
  status = $state<RunStatus>('queued');
  failureReason = $state<string | null>(null);
  lastIteration = $state(0);
  lastCost = $state<number | null>(null);
  /** ms since the run started, at the last cost point. */
  elapsedMs = $state(0);
  metrics = $state<RunMetrics | null>(null);
  snapshot = $state<{ index: number; iteration: number } | null>(null);
  /** Bumped when points were appended; the chart redraws on it. */
  version = $state(0);
  /**
   * The cost curve as chart points. Deliberately not $state: a deep proxy over thousands of points
   * would cost more than the drawing; `version` tells readers when it changed.
   */
  readonly points: { x: number; y: number }[] = [];
  /** J_cv at each snapshot so far (iteration, cost), drawn beside the training curve; same rules as `points`. */
  readonly validation: { x: number; y: number }[] = [];
  /** Validation accuracy at the newest snapshot, null before one (or without a validation set). */
  validationAccuracy = $state<number | null>(null);
  readonly color: string;
  private readonly clock = new ElapsedClock();

  constructor(
    readonly id: number,
    position: number,
  ) {
    this.color = seriesColor(position);
  }

  get name(): string {
    return this.detail?.name ?? `Run ${this.id}`;
  }

  /** Whether the run ever left the queue. */
  get started(): boolean {
    return this.status === 'running' || (this.detail?.startedAt ?? null) !== null;
  }

  get active(): boolean {
    return this.status === 'queued' || this.status === 'running';
  }

  /** Iterations (epochs for sgd) the run was asked for. */
  get total(): number {
    return this.detail?.iterations ?? 0;
  }

  /** Fraction done in [0, 1]; 1 once finished (cg may stop early when it converges). */
  get fraction(): number {
    if (this.status === 'finished') return 1;
    return this.total > 0 ? Math.min(1, this.lastIteration / this.total) : 0;
  }

  /**
   * Wall time since the run started (data loading and snapshots included), never less than the last
   * reading; see elapsed.ts for why it is not the optimizer's own `elapsedMs`.
   */
  elapsedAt(now: number): number {
    return this.clock.read(
      { status: this.status, startedAt: this.detail?.startedAt ?? null, finishedAt: this.detail?.finishedAt ?? null },
      now,
    );
  }

  /** Estimated ms left, from the pace so far; null before the first iteration or once stopped. */
  remainingMs(): number | null {
    if (!this.active) return null;
    return estimateRemainingMs(this.elapsedMs, this.lastIteration, this.total);
  }

  /** Appends one cost point unless the curve already has it (history and events overlap). */
  addPoint(iteration: number, cost: number, elapsedMs: number): boolean {
    const last = this.points[this.points.length - 1];
    if (last && iteration <= last.x) return false;
    this.points.push({ x: iteration, y: cost });
    this.lastIteration = iteration;
    this.lastCost = cost;
    this.elapsedMs = elapsedMs;
    return true;
  }

  /** Appends J_cv of a snapshot unless the curve already has that iteration. */
  addValidation(iteration: number, cost: number | null, accuracy: number | null): boolean {
    const last = this.validation[this.validation.length - 1];
    if (cost === null || (last && iteration <= last.x)) return false;
    this.validation.push({ x: iteration, y: cost });
    this.validationAccuracy = accuracy;
    return true;
  }

  /** Takes the stored state of the run (detail and history). */
  load(detail: RunDetail, history: { iteration: number[]; cost: number[]; elapsedMs: number[] } | undefined): void {
    this.detail = detail;
    this.status = detail.status;
    this.failureReason = detail.failureReason;
    this.metrics = detail.metrics;
    const last = detail.snapshots[detail.snapshots.length - 1];
    if (last && (!this.snapshot || last.index > this.snapshot.index))
      this.snapshot = { index: last.index, iteration: last.iteration };
    // The stored snapshots first, then the J_cv points events brought meanwhile; the newest event's
    // accuracy (and below, its elapsed time) is kept when its point is newer than everything stored.
    const early = this.validation.splice(0, this.validation.length);
    const earlyAccuracy = this.validationAccuracy;
    for (const s of detail.snapshots) this.addValidation(s.iteration, s.validationCost, s.validationAccuracy);
    for (const p of early) this.addValidation(p.x, p.y, earlyAccuracy);
    if (history) {
      // History first, then whatever events arrived meanwhile (already in points) stay after it.
      const early = this.points.splice(0, this.points.length);
      const earlyElapsedMs = this.elapsedMs;
      for (let i = 0; i < history.iteration.length; i++)
        this.addPoint(history.iteration[i], history.cost[i], history.elapsedMs[i]);
      for (const p of early) this.addPoint(p.x, p.y, earlyElapsedMs);
    }
    this.version++;
  }
}
