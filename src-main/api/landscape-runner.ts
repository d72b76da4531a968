/**
 * Where landscape jobs run: in one long-lived worker thread (the app and the web host), one job at a
 * time, or in the calling thread (the CLI, and tests without a built thread file). Either way a job can
 * be cancelled by its request id; a cancelled job resolves to null.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SplitCache } from '../explain/examples';
import { LandscapeCancelled } from '../landscape/surfaces';
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
 * Computes in a worker thread running `threadFile` (the built landscape.js), started on the first job and
 * kept (with the dataset it loaded) while jobs come; it does not keep the process alive when idle. Falls
 * back to the calling thread when the file is not built.
 */
export function threadLandscape(threadFile: string): LandscapeRunner {
  if (!fs.existsSync(threadFile)) return landscapeInCallingThread();
  let worker: Worker | null = null;
  const pending = new Map<number, Pending>();
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
    run(job, requestId, onProgress) {
      const id = nextId++;
      const shared = new SharedArrayBuffer(4);
      pending.set(id, { requestId, stop: new Int32Array(shared) });
      worker ??= start();
      worker.ref();
      const w = worker;
      return new Promise<LandscapeOutcome | null>((resolve, reject) => {
        handlers.set(id, (reply) => {
          if (reply.type === 'progress') return onProgress(reply.done, reply.total);
          handlers.delete(id);
          pending.delete(id);
          if (handlers.size === 0) w.unref();
          if (reply.type === 'done') resolve(reply.outcome);
          else if (reply.type === 'cancelled') resolve(null);
          else reject(new Error(reply.message));
        });
        w.postMessage({ id, job, stop: shared });
      });
    },
    cancel: (requestId) => cancelIn(pending, requestId),
  };
}
