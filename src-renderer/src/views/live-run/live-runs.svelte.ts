/**
 * Runs followed as they train: each run's cost curve, status, pace and newest snapshot, fed by the
 * API's events. The curve starts from the stored history, so a run opened halfway shows everything
 * so far; events that arrive while that history loads are merged by iteration, never doubled.
 */
import type { ApiEvent, RunDetail, RunMetrics, RunStatus } from '../../../../src-main/api/table';
import { api } from '../../lib/api';
import { seriesColor } from '../../lib/chart';
import { onReconnect } from '../../lib/connection.svelte';
import { onEvents } from '../../lib/events';
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
    const early = this.validation.splice(0, this.validation.length);
    for (const s of detail.snapshots) this.addValidation(s.iteration, s.validationCost, s.validationAccuracy);
    for (const p of early) this.addValidation(p.x, p.y, this.validationAccuracy);
    if (history) {
      // History first, then whatever events arrived meanwhile (already in points) stay after it.
      const early = this.points.splice(0, this.points.length);
      for (let i = 0; i < history.iteration.length; i++)
        this.addPoint(history.iteration[i], history.cost[i], history.elapsedMs[i]);
      for (const p of early) this.addPoint(p.x, p.y, this.elapsedMs);
    }
    this.version++;
  }
}

/** A set of runs followed together (one start of `count` runs, or one run). */
export class LiveRuns {
  runs = $state<LiveRun[]>([]);
  loading = $state(true);
  error = $state<string | null>(null);
  private readonly unsubscribe: () => void;
  private readonly unsubscribeReconnect: () => void;

  constructor(readonly ids: readonly number[]) {
    this.runs = ids.map((id, k) => new LiveRun(id, k));
    this.unsubscribe = onEvents((batch) => this.apply(batch));
    // Points sent while the stream was down are in the store; the reload merges them in.
    this.unsubscribeReconnect = onReconnect(() => void this.refresh());
    void this.refresh();
  }

  get byId(): Map<number, LiveRun> {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a fresh lookup per call, derived from the reactive runs; not state itself
    return new Map(this.runs.map((r) => [r.id, r]));
  }

  get allDone(): boolean {
    return this.runs.length > 0 && this.runs.every((r) => !r.active && r.detail !== null);
  }

  /** Loads (or reloads) every run's detail and stored history. */
  async refresh(): Promise<void> {
    try {
      const [details, histories] = await Promise.all([
        Promise.all(this.ids.map((id) => api.runs.get(id))),
        api.runs.histories([...this.ids]),
      ]);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to one refresh, not state
      const historyOf = new Map(histories.map((h) => [h.runId, h]));
      details.forEach((d, k) => this.runs[k].load(d, historyOf.get(d.id)));
      this.error = null;
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.loading = false;
    }
  }

  /** Cancels every run still queued or running. */
  async cancelAll(): Promise<void> {
    await Promise.all(this.runs.filter((r) => r.active).map((r) => api.training.cancel(r.id).catch(() => undefined)));
  }

  dispose(): void {
    this.unsubscribe();
    this.unsubscribeReconnect();
  }

  private apply(batch: ApiEvent[]): void {
    const runs = this.byId;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a set local to one event batch, not state
    const grew = new Set<LiveRun>();
    let reload = false;
    for (const event of batch) {
      if (!('runId' in event.payload)) continue;
      const run = runs.get(event.payload.runId);
      if (!run) continue;
      switch (event.name) {
        case 'run.progress': {
          const p = event.payload;
          if (run.addPoint(p.iteration, p.cost, p.elapsedMs)) grew.add(run);
          if (run.status === 'queued') {
            run.status = 'running';
            if (!run.detail?.startedAt) reload = true;
          }
          break;
        }
        case 'run.status':
          run.status = event.payload.status;
          run.failureReason = event.payload.failureReason;
          // The elapsed clock counts from the start the store recorded: read it once the run starts.
          if (event.payload.status === 'running' && !run.detail?.startedAt) reload = true;
          break;
        case 'run.snapshot':
          if (!run.snapshot || event.payload.index > run.snapshot.index) {
            run.snapshot = { index: event.payload.index, iteration: event.payload.iteration };
          }
          if (
            run.addValidation(event.payload.iteration, event.payload.validationCost, event.payload.validationAccuracy)
          )
            grew.add(run);
          // The first snapshot comes after the worker stored what the data means (feature names of a
          // table, whose units are drawn over them): read the detail again once.
          if (event.payload.index === 0 && run.detail && run.detail.dataset.source !== 'mnist') reload = true;
          break;
        case 'run.done':
          run.status = event.payload.status;
          run.failureReason = event.payload.failureReason;
          if (event.payload.metrics) run.metrics = event.payload.metrics;
          // The final detail (confusion matrix, last snapshot) is in the store now.
          reload = true;
          break;
      }
    }
    for (const run of grew) run.version++;
    if (reload) void this.refresh();
  }
}
