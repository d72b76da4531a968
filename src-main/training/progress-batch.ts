/**
 * A run's progress points waiting to be written. They go to the store in batches, at most one
 * transaction per interval, so that many concurrent runs don't make SQLite the bottleneck; whoever
 * ends the run writes what still waits first, so a history never loses its last points.
 */
import type { ProgressPoint } from '../run/record';

export class ProgressBatch {
  private pending: ProgressPoint[] = [];
  private lastWrite = 0;
  private timer?: NodeJS.Timeout;

  /**
   * @param write stores points (one transaction); may throw what the store throws
   * @param intervalMs longest time a point waits, and shortest time between two writes
   * @param onDue called when waiting points are due; it calls flush() and handles a failure
   */
  constructor(
    private readonly write: (points: ProgressPoint[]) => void,
    private readonly intervalMs: number,
    private readonly onDue: () => void,
  ) {}

  /** Queues points; they are due `intervalMs` after the last write (at once if that has passed). */
  add(points: readonly ProgressPoint[]): void {
    this.pending.push(...points);
    if (this.timer) return;
    const wait = Math.max(0, this.lastWrite + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onDue();
    }, wait);
    // A waiting write must not keep a CLI process alive after its run ended.
    this.timer.unref();
  }

  /** Writes every waiting point now. */
  flush(): void {
    this.stop();
    this.lastWrite = Date.now();
    if (this.pending.length === 0) return;
    const points = this.pending;
    this.pending = [];
    this.write(points);
  }

  /** Forgets the waiting points: the run ended elsewhere and writing them would only fail. */
  discard(): void {
    this.stop();
    this.pending = [];
  }

  /** Cancels the timer; points still waiting stay until flush() or discard(). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
