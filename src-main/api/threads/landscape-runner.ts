/**
 * Where landscape jobs run: in one long-lived worker thread (the app and the web host), one job at a
 * time, or in the calling thread (the CLI, and tests without a built thread file). Either way a job can
 * be cancelled by its request id; a cancelled job resolves to null.
 */
import fs from 'node:fs';
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { SplitCache } from '../../explain/examples';
import { joinLines, joinRows, LandscapeCancelled, splitRows, type RowRange } from '../../landscape/surfaces';
import {
  computeLandscape,
  type LandscapeJob,
  type LandscapeOutcome,
  type LandscapeThreadReply,
} from './landscape-jobs';

/** Computes landscape jobs and stops them on request. */
export interface LandscapeRunner {
  /** Runs `job`, reporting evaluations of J done; null when cancelled. */
  run(
    job: LandscapeJob,
    requestId: string | null,
    onProgress: (done: number, total: number) => void,
  ): Promise<LandscapeOutcome | null>;
  /** Stops the job with this request id (or every job); whether any was waiting or running. */
  cancel(requestId?: string): boolean;
}

interface Pending {
  requestId: string | null;
  stop: Int32Array;
}

/** Marks pending jobs stopped; shared by both runners. */
function cancelIn(pending: Map<number, Pending>, requestId?: string): boolean {
  let any = false;
  for (const p of pending.values()) {
    if (requestId === undefined || p.requestId === requestId) {
      Atomics.store(p.stop, 0, 1);
      any = true;
    }
  }
  return any;
}

/** Computes in the calling thread (holding it until done: a cancel can only stop a job not yet started). */
export function landscapeInCallingThread(): LandscapeRunner {
  const splits = new SplitCache();
  const pending = new Map<number, Pending>();
  let nextId = 1;
  return {
    async run(job, requestId, onProgress) {
      const id = nextId++;
      const stop = new Int32Array(new SharedArrayBuffer(4));
      pending.set(id, { requestId, stop });
      try {
        return computeLandscape(job, splits, { report: onProgress, stopped: () => Atomics.load(stop, 0) !== 0 });
      } catch (e) {
        if (e instanceof LandscapeCancelled) return null;
        throw e;
      } finally {
        pending.delete(id);
      }
    },
    cancel: (requestId) => cancelIn(pending, requestId),
  };
}

/**
 * Lines of at least this many α are split over the threads too: below it the second thread's own
 * precomputation of z(2) and its two ends cost more than half the points save.
 */
const MIN_SPLIT_LINE = 21;

/** Landscape threads a grid is split over by default: 2 (the target machine), fewer on one core. */
export function defaultLandscapeThreads(): number {
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

/**
 * Computes in worker threads running `threadFile` (the built landscape.js), started on the first job and
 * kept (each with the dataset it loaded) while jobs come; they do not keep the process alive when idle.
 * A plane's or path's rows, and a line's α (from MIN_SPLIT_LINE points), are split over `threads`
 * threads and joined; a barrier matrix takes one. Falls back to the calling thread when the file is not built.
 */
export function threadLandscape(threadFile: string, threads = defaultLandscapeThreads()): LandscapeRunner {
  if (!fs.existsSync(threadFile)) return landscapeInCallingThread();
  const slots = Array.from({ length: threads }, () => threadSlot(threadFile));
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let nextSlot = 0;
  return {
    async run(job, requestId, onProgress) {
      const id = nextId++;
      const shared = new SharedArrayBuffer(4);
      pending.set(id, { requestId, stop: new Int32Array(shared) });
      try {
        if ((job.kind === 'plane' || job.kind === 'path') && slots.length > 1) {
          const ranges = splitRows(job.grid, slots.length);
          const done = ranges.map(() => 0);
          const total = ranges.map(() => 0);
          const parts = await Promise.all(
            ranges.map((rows, k) =>
              slots[k].run({ ...job, rows }, shared, (d, t) => {
                done[k] = d;
                total[k] = t;
                onProgress(sum(done), sum(total));
              }),
            ),
          );
          if (parts.some((p) => p === null)) return null;
          return joinOutcomes(parts as LandscapeOutcome[], ranges);
        }
        if (job.kind === 'line' && slots.length > 1 && job.alphas.length >= MIN_SPLIT_LINE) {
          // Consecutive halves of α, one per thread; each thread computes both ends itself.
          const ranges = splitRows(job.alphas.length, slots.length);
          const done = ranges.map(() => 0);
          const total = ranges.map(() => 0);
          const parts = await Promise.all(
            ranges.map(([from, to], k) =>
              slots[k].run({ ...job, alphas: job.alphas.slice(from, to) }, shared, (d, t) => {
                done[k] = d;
                total[k] = t;
                onProgress(sum(done), sum(total));
              }),
            ),
          );
          if (parts.some((p) => p === null)) return null;
          const lines = parts as Extract<LandscapeOutcome, { kind: 'line' }>[];
          const computeMs = Math.max(...lines.map((p) => p.computeMs));
          return { ...lines[0], computeMs, line: joinLines(lines.map((p) => p.line)) };
        }
        const slot = slots[nextSlot++ % slots.length];
        return await slot.run(job, shared, onProgress);
      } finally {
        pending.delete(id);
      }
    },
    cancel: (requestId) => cancelIn(pending, requestId),
  };
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

/** The parts of a split plane or path as one outcome: rows joined, the slowest part's time. */
function joinOutcomes(parts: LandscapeOutcome[], ranges: RowRange[]): LandscapeOutcome {
  const first = parts[0];
  const computeMs = Math.max(...parts.map((p) => p.computeMs));
  if (first.kind === 'plane') {
    const planes = parts.map((p) => (p as typeof first).plane);
    return { ...first, computeMs, plane: joinRows(planes, ranges) };
  }
  if (first.kind === 'path') {
    const paths = parts.map((p) => (p as typeof first).path);
    return { ...first, computeMs, path: joinRows(paths, ranges) };
  }
  throw new Error(`a ${first.kind} is not computed in parts`);
}

/** One landscape thread, started when first needed and again after it failed. */
function threadSlot(threadFile: string) {
  let worker: Worker | null = null;
  const handlers = new Map<number, (reply: LandscapeThreadReply) => void>();
  let nextId = 1;
  const failAll = (message: string) => {
    for (const [id, handle] of handlers) handle({ type: 'error', id, message });
    worker = null;
  };
  const start = (): Worker => {
    const w = new Worker(threadFile);
    w.on('message', (reply: LandscapeThreadReply) => handlers.get(reply.id)?.(reply));
    w.on('error', (e) => failAll(`the landscape thread failed: ${e.message}`));
    w.on('exit', (code) => {
      if (worker === w) failAll(`the landscape thread stopped (exit code ${code}) before answering`);
    });
    return w;
  };
  return {
    run(job: LandscapeJob, stop: SharedArrayBuffer, onProgress: (done: number, total: number) => void) {
      const id = nextId++;
      worker ??= start();
      worker.ref();
      const w = worker;
      return new Promise<LandscapeOutcome | null>((resolve, reject) => {
        handlers.set(id, (reply) => {
          if (reply.type === 'progress') return onProgress(reply.done, reply.total);
          handlers.delete(id);
          if (handlers.size === 0) w.unref();
          if (reply.type === 'done') resolve(reply.outcome);
          else if (reply.type === 'cancelled') resolve(null);
          else reject(new Error(reply.message));
        });
        w.postMessage({ id, job, stop });
      });
    },
  };
}
