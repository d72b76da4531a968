/**
 * Worker threads that run the WebAssembly kernel on parts of the examples while `evaluate` stays
 * synchronous, as the optimizers need: the calling thread hands out jobs through shared control
 * words, computes its own part, then blocks in Atomics.wait until every worker has counted itself
 * done. Workers are unref'd, so a process that forgets dispose() still exits.
 *
 * Control words (Int32Array over one SharedArrayBuffer): generation (bumped once per round of jobs),
 * done (workers finished this round), quit; then per worker a slot of job (the generation it must
 * run), from, to, rows (or m), acc, scratch, status, ready, kind (1 = blocks).  Costs come back as float64s after the slots.
 */
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './worker-source';

const WORDS = {
  generation: 0,
  done: 1,
  quit: 2,
  slotsStart: 4,
  slotWords: 12,
  job: 0,
  from: 1,
  to: 2,
  rows: 3,
  acc: 4,
  scratch: 5,
  status: 6,
  ready: 7,
  kind: 8,
  costsByte: 0,
};

/**
 * One worker's share of a round: blocks from…to−1 of the m = `rowsOrM` examples (accumulateBlocks), or
 * examples from…to−1 through the row list at byte `rowsOrM`, 0 for none (accumulate).
 */
export interface ThreadJob {
  readonly blocks: boolean;
  readonly from: number;
  readonly to: number;
  readonly rowsOrM: number;
  readonly acc: number;
  readonly scratch: number;
}

/** How long the caller waits for a worker before concluding it is gone (a healthy one answers in ms). */
const WORKER_TIMEOUT_MS = 60_000;

/** A fixed set of kernel workers sharing one WebAssembly memory. */
export class KernelThreads {
  private readonly control: Int32Array;
  private readonly costs: Float64Array;
  private readonly workers: Worker[];
  private disposed = false;

  /** Starts `count` workers on `memory`; they become usable once ready (see readyCount). */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, count: number) {
    const words = { ...WORDS, costsByte: (WORDS.slotsStart + count * WORDS.slotWords) * 4 };
    const buffer = new SharedArrayBuffer(words.costsByte + count * 8);
    this.control = new Int32Array(buffer);
    this.costs = new Float64Array(buffer, words.costsByte, count);
    this.workers = [];
    for (let slot = 0; slot < count; slot++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control: buffer, slot, words },
        name: `backprop-lab fast kernel ${slot + 1}`,
      });
      worker.unref();
      // A worker that dies only loses its share: its slot stops being ready and the caller does its work.
      worker.on('error', () => Atomics.store(this.control, this.slot(slot) + WORDS.ready, -1));
      worker.on('exit', () => Atomics.store(this.control, this.slot(slot) + WORDS.ready, -1));
      this.workers.push(worker);
    }
  }

  private slot(index: number): number {
    return WORDS.slotsStart + index * WORDS.slotWords;
  }

  /** Workers that have instantiated the kernel and can take jobs now (they start within tens of ms). */
  readyWorkers(): number[] {
    const ready: number[] = [];
    for (let i = 0; i < this.workers.length; i++) {
      if (Atomics.load(this.control, this.slot(i) + WORDS.ready) === 1) ready.push(i);
    }
    return ready;
  }

  /** Blocks until every worker is ready or has failed, at most `timeoutMs`. */
  waitUntilStarted(timeoutMs = 10_000): void {
    const deadline = Date.now() + timeoutMs;
    for (let i = 0; i < this.workers.length; i++) {
      const at = this.slot(i) + WORDS.ready;
      while (Atomics.load(this.control, at) === 0 && Date.now() < deadline) Atomics.wait(this.control, at, 0, 50);
    }
  }

  /**
   * Hands each job to the worker of the same index in `workers`, runs `own` in this thread meanwhile,
   * waits for the workers and returns the costs they computed, in job order.
   */
  run(workers: readonly number[], jobs: readonly ThreadJob[], own: () => void): number[] {
    if (this.disposed) throw new Error('fast cost: the kernel threads were disposed');
    const ctl = this.control;
    const generation = (Atomics.load(ctl, WORDS.generation) + 1) | 0;
    Atomics.store(ctl, WORDS.done, 0);
    jobs.forEach((job, i) => {
      const base = this.slot(workers[i]);
      ctl[base + WORDS.from] = job.from;
      ctl[base + WORDS.to] = job.to;
      ctl[base + WORDS.rows] = job.rowsOrM;
      ctl[base + WORDS.kind] = job.blocks ? 1 : 0;
      ctl[base + WORDS.acc] = job.acc;
      ctl[base + WORDS.scratch] = job.scratch;
      ctl[base + WORDS.status] = -1;
      Atomics.store(ctl, base + WORDS.job, generation);
    });
    Atomics.store(ctl, WORDS.generation, generation);
    Atomics.notify(ctl, WORDS.generation);
    try {
      own();
    } finally {
      const started = Date.now();
      for (;;) {
        const done = Atomics.load(ctl, WORDS.done);
        if (done >= jobs.length) break;
        if (Date.now() - started > WORKER_TIMEOUT_MS) throw new Error('fast cost: a kernel worker thread stopped answering');
        Atomics.wait(ctl, WORDS.done, done, 100);
      }
    }
    return jobs.map((_, i) => {
      const slot = workers[i];
      if (ctl[this.slot(slot) + WORDS.status] !== 0) throw new Error(`fast cost: kernel worker ${slot + 1} failed`);
      return this.costs[slot];
    });
  }

  /** Stops the workers; safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.control, WORDS.quit, 1);
    Atomics.add(this.control, WORDS.generation, 1);
    Atomics.notify(this.control, WORDS.generation);
    for (const worker of this.workers) void worker.terminate();
  }
}
