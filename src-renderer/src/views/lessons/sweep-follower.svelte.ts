/**
 * The state of a sweep lesson: the sweeps of one kind (newest first), the one shown (by default the
 * newest, so leaving and coming back resumes it), its runs and read-out from sweeps.get, and live
 * progress from run events. A lesson view creates one, calls start() for a new sweep and dispose()
 * when it goes away.
 */
import type { SweepStartRequest, SweepView } from '../../../../src-main/api/lab-schemas';
import type { SweepKind, SweepSummary } from '../../../../src-main/store/types';
import { api } from '../../lib/api';
import { onReconnect } from '../../lib/connection.svelte';
import { onEvents } from '../../lib/events';
import { humanMessage } from '../../lib/messages';
import { sweepProgress, type SweepProgress } from './sweep-view';

export class SweepFollower {
  sweeps = $state<SweepSummary[]>([]);
  selectedId = $state<number | null>(null);
  view = $state.raw<SweepView | null>(null);
  loading = $state(true);
  error = $state<string | null>(null);
  starting = $state(false);
  startError = $state<string | null>(null);
  /** Latest iteration of each running run of the shown sweep, from run.progress events. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole on each batch, never mutated: $state.raw tracks the assignment
  live = $state.raw(new Map<number, number>());

  readonly progress: SweepProgress | null = $derived(this.view ? sweepProgress(this.view.runs, this.live) : null);
  /** True while any run of the shown sweep is queued or running. */
  readonly active: boolean = $derived(
    !!this.view && this.view.runs.some((r) => r.status === 'queued' || r.status === 'running'),
  );

  private readonly stops: (() => void)[] = [];
  private reloadTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly kind: SweepKind) {
    void this.loadList(true);
    this.stops.push(
      onEvents((batch) => {
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup local to one event batch, not state
        const ids = new Set(this.view?.sweep.runIds ?? []);
        let reload = false;
        let live: Map<number, number> | null = null;
        for (const e of batch) {
          if (e.name === 'sweeps.changed') void this.loadList(false);
          else if (e.name === 'run.progress' && ids.has(e.payload.runId)) {
            // eslint-disable-next-line svelte/prefer-svelte-reactivity -- built here, then assigned whole to the $state.raw field
            live ??= new Map(this.live);
            live.set(e.payload.runId, e.payload.iteration);
          } else if ((e.name === 'run.status' || e.name === 'run.done') && ids.has(e.payload.runId)) reload = true;
          else if (e.name === 'runs.changed' && e.payload.runIds.some((id) => ids.has(id))) reload = true;
        }
        if (live) this.live = live;
        if (reload) this.scheduleReload();
      }),
      onReconnect(() => void this.loadList(false)),
    );
  }

  /** Shows another sweep of this kind. */
  select(id: number | null): void {
    this.selectedId = id;
    this.view = null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated: $state.raw tracks the assignment
    this.live = new Map();
    if (id !== null) void this.loadView(id);
  }

  /** Starts a sweep of this kind and shows it; returns its id and runs, or null if it was refused. */
  async start(request: Omit<SweepStartRequest, 'kind'>): Promise<{ sweepId: number; runIds: number[] } | null> {
    this.starting = true;
    this.startError = null;
    try {
      const started = await api.sweeps.start({ ...request, kind: this.kind } as SweepStartRequest);
      await this.loadList(false);
      this.select(started.sweepId);
      return started;
    } catch (e) {
      this.startError = humanMessage(e);
      return null;
    } finally {
      this.starting = false;
    }
  }

  /** Deletes a sweep (its runs stay as ordinary runs) and shows the newest one left. */
  async remove(id: number): Promise<void> {
    try {
      await api.sweeps.delete(id);
      await this.loadList(false);
      if (this.selectedId === id) this.select(this.sweeps[0]?.id ?? null);
    } catch (e) {
      this.error = humanMessage(e);
    }
  }

  dispose(): void {
    for (const stop of this.stops) stop();
    if (this.reloadTimer !== null) clearTimeout(this.reloadTimer);
  }

  private scheduleReload(): void {
    if (this.reloadTimer !== null || this.selectedId === null) return;
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = null;
      if (this.selectedId !== null) void this.loadView(this.selectedId);
    }, 150);
  }

  private async loadList(pickNewest: boolean): Promise<void> {
    try {
      const all = await api.sweeps.list();
      this.sweeps = all.filter((s) => s.kind === this.kind);
      this.error = null;
      const gone = this.selectedId !== null && !this.sweeps.some((s) => s.id === this.selectedId);
      if ((pickNewest && this.selectedId === null) || gone) this.select(this.sweeps[0]?.id ?? null);
    } catch (e) {
      this.error = humanMessage(e);
    } finally {
      this.loading = false;
    }
  }

  private async loadView(id: number): Promise<void> {
    try {
      const v = await api.sweeps.get(id);
      if (this.selectedId !== id) return;
      this.view = v;
      this.error = null;
      // The list's counts change as runs finish, which sweeps.changed does not announce.
      const { base: _base, runIds: _runIds, ...summary } = v.sweep;
      this.sweeps = this.sweeps.map((s) => (s.id === id ? summary : s));
    } catch (e) {
      if (this.selectedId === id) this.error = humanMessage(e);
    }
  }
}
