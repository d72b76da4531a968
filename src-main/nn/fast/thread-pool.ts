/**
 * Worker threads that run the WebAssembly kernel on parts of the examples while `evaluate` stays
 * synchronous, as the optimizers need.
 *
 * An evaluation is cut into a fixed list of jobs (a range of examples and its own Δ accumulator),
 * which depends only on the data and the thread count. The calling thread and the workers claim jobs
 * from a shared counter until none are left, so when another process keeps a core busy and a worker
 * wakes late, the calling thread simply does more of them. Whoever runs a job, it sums the same
 * examples in the same order into the same accumulator, and the accumulators are added up in job
 * order: the result has the same bits every time. Workers are unref'd, so a process that forgets
 * dispose() still exits.
 *
 * Control words (Int32Array over one SharedArrayBuffer): generation (bumped once per evaluation),
 * done, quit, next (low 16 bits of the generation << 16 | the next job to claim), jobCount, failed;
 * then per job kind (1 = blocks), from, to, rows (or m), acc. Job costs
 * follow as float64s.
 */
import { Worker } from 'node:worker_threads';
import type { KernelExports } from './wasm-kernel';
import { WORKER_SOURCE } from './worker-source';

/**
 * One job: blocks from…to−1 of the m = `rowsOrM` examples (accumulateBlocks), or examples from…to−1
 * through the row list at byte `rowsOrM`, 0 for none (accumulate); summed into the accumulator at `acc`.
 */
export interface KernelJob {
  readonly blocks: boolean;
  readonly from: number;
  readonly to: number;
  readonly rowsOrM: number;
  readonly acc: number;
}

/** How long the caller waits for a job a worker has claimed before concluding the worker is gone. */
const WORKER_TIMEOUT_MS = 60_000;

/** A fixed set of kernel workers sharing one WebAssembly memory, and the jobs board they share. */
export class KernelThreads {
  private readonly control: Int32Array;
  private readonly costs: Float64Array;
  private readonly words;
  private readonly workers: Worker[];
  private disposed = false;

  /** Starts one worker per entry of `scratch` (each worker's own scratch area), for up to `maxJobs` jobs. */
  constructor(module: WebAssembly.Module, memory: WebAssembly.Memory, scratch: readonly number[], maxJobs: number) {
    const jobsStart = 8;
    const jobWords = 5;
    const costsByte = Math.ceil(((jobsStart + maxJobs * jobWords) * 4) / 8) * 8;
    this.words = {
      generation: 0,
      done: 1,
      quit: 2,
      next: 3,
      jobCount: 4,
      failed: 5,
      jobsStart,
      jobWords,
      kind: 0,
      from: 1,
      to: 2,
      rows: 3,
      acc: 4,
      costsByte,
      maxJobs,
    };
    const buffer = new SharedArrayBuffer(costsByte + maxJobs * 8);
    this.control = new Int32Array(buffer);
    this.costs = new Float64Array(buffer, costsByte, maxJobs);
    this.workers = scratch.map((area, slot) => {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { module, memory, control: buffer, scratch: area, slot, words: this.words },
        name: `backprop-lab fast kernel ${slot + 1}`,
      });
      worker.unref();
      // A worker that fails to start only loses its share: the calling thread claims its jobs.
      worker.on('error', () => undefined);
      return worker;
    });
  }

  /** Runs all `jobs` with the workers, the calling thread (using `kernel` and `scratch`) taking its share; returns their costs in job order. */
  run(jobs: readonly KernelJob[], kernel: KernelExports, scratch: number): number[] {
    if (this.disposed) throw new Error('fast cost: the kernel threads were disposed');
    const { words } = this;
    if (jobs.length > words.maxJobs || jobs.length > 0xffff)
      throw new Error(`fast cost: ${jobs.length} jobs exceed the ${words.maxJobs} planned`);
    const ctl = this.control;
    jobs.forEach((job, j) => {
      const at = words.jobsStart + j * words.jobWords;
      ctl[at + words.kind] = job.blocks ? 1 : 0;
      ctl[at + words.from] = job.from;
      ctl[at + words.to] = job.to;
      ctl[at + words.rows] = job.rowsOrM;
      ctl[at + words.acc] = job.acc;
    });
    const generation = (Atomics.load(ctl, words.generation) + 1) | 0;
    const tag = (generation & 0xffff) << 16;
    Atomics.store(ctl, words.jobCount, jobs.length);
    Atomics.store(ctl, words.done, 0);
    Atomics.store(ctl, words.failed, 0);
    Atomics.store(ctl, words.next, tag);
    Atomics.store(ctl, words.generation, generation);
    Atomics.notify(ctl, words.generation);
    for (;;) {
      const claimed = Atomics.load(ctl, words.next);
      const j = claimed & 0xffff;
      if (j >= jobs.length) break;
      if (Atomics.compareExchange(ctl, words.next, claimed, claimed + 1) !== claimed) continue;
      const job = jobs[j];
      this.costs[j] = job.blocks
        ? kernel.accumulateBlocks(job.from, job.to, job.rowsOrM, job.acc, scratch)
        : kernel.accumulate(job.from, job.to, job.rowsOrM, job.acc, scratch);
      Atomics.add(ctl, words.done, 1);
    }
    const started = Date.now();
    for (;;) {
      const done = Atomics.load(ctl, words.done);
      if (done >= jobs.length) break;
      if (Date.now() - started > WORKER_TIMEOUT_MS)
        throw new Error('fast cost: a kernel worker thread stopped answering');
      Atomics.wait(ctl, words.done, done, 50);
    }
    if (Atomics.load(ctl, words.failed) !== 0) throw new Error('fast cost: a kernel worker thread failed');
    return Array.from(this.costs.subarray(0, jobs.length));
  }

  /** Stops the workers; safe to call twice. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    Atomics.store(this.control, this.words.quit, 1);
    Atomics.add(this.control, this.words.generation, 1);
    Atomics.notify(this.control, this.words.generation);
    for (const worker of this.workers) void worker.terminate();
  }
}
