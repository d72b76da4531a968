/**
 * Runs followed as they train: each run's cost curve, status, pace and newest snapshot, fed by the
 * API's events. The curve starts from the stored history, so a run opened halfway shows everything
 * so far; events that arrive while that history loads are merged by iteration, never doubled.
 */
import type { ApiEvent } from '../../../../src-main/api/table';
import { api } from '../../lib/api';
import { onReconnect } from '../../lib/connection.svelte';
import { onEvents } from '../../lib/events';
import { LiveRun } from './live-run.svelte';

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
