/**
 * One cost-surface computation as a view follows it: running with a progress bar (from
 * landscape.progress events carrying its request id), done with a result, failed with a message, or
 * cancelled. A grid of J takes seconds, so each gets an id the Cancel button can name.
 */
import { api } from './api';
import { onEvents } from './events';
import { humanMessage } from './messages';

let counter = 0;

export type TaskState = 'idle' | 'running' | 'done' | 'error' | 'cancelled';

export class LandscapeTask<T> {
  state = $state<TaskState>('idle');
  result = $state.raw<T | null>(null);
  error = $state<string | null>(null);
  /** Values of J evaluated so far of `total`, and the thread's time, from the progress events. */
  done = $state(0);
  total = $state(0);
  elapsedMs = $state(0);

  readonly fraction: number = $derived(this.total > 0 ? this.done / this.total : 0);

  private requestId: string | null = null;
  private readonly stop: () => void;

  constructor(private readonly name: string) {
    this.stop = onEvents((batch) => {
      for (const e of batch) {
        if (e.name !== 'landscape.progress' || e.payload.requestId === null) continue;
        if (e.payload.requestId !== this.requestId) continue;
        this.done = e.payload.done;
        this.total = e.payload.total;
        this.elapsedMs = e.payload.elapsedMs;
      }
    });
  }

  /**
   * Starts `call` with a fresh request id (a newer run() supersedes an older one, whose answer is
   * dropped); resolves when it has answered.
   */
  async run(call: (requestId: string) => Promise<T | null>): Promise<void> {
    const id = `${this.name}-${++counter}-${Date.now().toString(36)}`;
    if (this.requestId && this.state === 'running') void api.landscape.cancel(this.requestId).catch(() => {});
    this.requestId = id;
    this.state = 'running';
    this.error = null;
    this.done = 0;
    this.total = 0;
    this.elapsedMs = 0;
    try {
      const value = await call(id);
      if (this.requestId !== id) return;
      if (value === null) this.state = 'cancelled';
      else {
        this.result = value;
        this.state = 'done';
      }
    } catch (e) {
      if (this.requestId !== id) return;
      this.error = humanMessage(e);
      this.state = 'error';
    }
  }

  /** Asks the thread to stop this computation; its request then answers null (state 'cancelled'). */
  cancel(): void {
    if (this.state !== 'running' || !this.requestId) return;
    void api.landscape.cancel(this.requestId).catch(() => {});
  }

  /** Clears the result (a new run was chosen). */
  reset(): void {
    this.cancel();
    this.requestId = null;
    this.state = 'idle';
    this.result = null;
    this.error = null;
  }

  /** Stops listening and cancels what is still running (the view went away). */
  dispose(): void {
    this.cancel();
    this.stop();
  }
}
