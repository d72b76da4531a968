/**
 * Collects items and hands them over at most once per animation frame. Eight runs training at once
 * report hundreds of cost points a second; redrawing for each would freeze the page, so views see
 * one batch per frame. A hidden page gets no frames, so a timer flushes it instead (the queue must
 * not grow while the window is minimised).
 */
export class FrameQueue<T> {
  private items: T[] = [];
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly hiddenDelayMs = 250,
  ) {}

  /** Adds one item; the batch is delivered on the next frame. */
  push(item: T): void {
    this.items.push(item);
    if (this.frame !== null || this.timer !== null) return;
    if (typeof requestAnimationFrame === 'function' && !(typeof document !== 'undefined' && document.hidden)) {
      this.frame = requestAnimationFrame(() => this.deliver());
    } else {
      this.timer = setTimeout(() => this.deliver(), this.hiddenDelayMs);
    }
  }

  /** Drops pending items and stops any scheduled delivery. */
  clear(): void {
    this.items = [];
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = this.timer = null;
  }

  private deliver(): void {
    this.frame = this.timer = null;
    const batch = this.items;
    this.items = [];
    if (batch.length > 0) this.flush(batch);
  }
}
