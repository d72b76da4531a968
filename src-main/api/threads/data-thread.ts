/**
 * One long-lived data thread for the API (the built data-reader.js in its serving mode,
 * data-thread-serve.ts): explain's splits and the hidden-unit view's activations are loaded there, so
 * opening a run in the Backprop view or its hidden units never holds the API's thread (in the desktop
 * app the main process, which every window waits on). A fresh thread per request paid Node's start and
 * the modules each time and kept nothing; this one is started with the API, keeps the last split, and
 * is started again after it was stopped (a load that took too long) or failed.
 */
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { DataError } from '../../data/errors';
import type { LoadedSplit } from '../../data/load';
import { loadActivationsInThread, type LoadActivations, type LoadedActivations } from './activation-loader';
import type { DataThreadReply, DataThreadRequest } from './data-thread-serve';
import { READER_TIMEOUT_MS } from './data-reader';
import { loadSplitInThread, type LoadSplit } from './split-loader';

/** The loaders an API is given, and how to stop what they run on. */
export interface DataLoaders {
  readonly loadSplit: LoadSplit;
  readonly loadActivations: LoadActivations;
  /** Stops the thread (pending requests fail); the loaders may still be called, and start it again. */
  close(): void;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  what: string;
  timer: NodeJS.Timeout;
}

/**
 * The loaders on one long-lived thread of `threadFile`, started now so that the first request finds
 * it booted; each request is stopped (with the thread) after `timeoutMs`. In the calling thread when
 * the file is not built (tests of the handlers alone, the CLI).
 */
export function dataThreadLoaders(threadFile: string, timeoutMs = READER_TIMEOUT_MS): DataLoaders {
  if (!fs.existsSync(threadFile)) {
    return { loadSplit: loadSplitInThread, loadActivations: loadActivationsInThread, close: () => {} };
  }
  const thread = new DataThread(threadFile, timeoutMs);
  thread.start();
  return {
    loadSplit: (spec) => thread.request<LoadedSplit>({ kind: 'split', spec }, spec.file ?? 'the bundled digits'),
    loadActivations: (spec, target) =>
      thread.request<LoadedActivations>({ kind: 'activations', spec, target }, spec.file ?? 'the bundled digits'),
    close: () => thread.stop(),
  };
}

class DataThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(
    private readonly threadFile: string,
    private readonly timeoutMs: number,
  ) {}

  /** Starts the thread unless it runs. */
  start(): Worker {
    if (this.worker) return this.worker;
    // A heap cap: a file that would take gigabytes of JS objects ends this thread, not the app.
    const worker = new Worker(this.threadFile, {
      workerData: { kind: 'serve' },
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    // Idle, it must not keep a CLI or a test process alive.
    worker.unref();
    worker.on('message', ({ id, reply }: DataThreadReply) => {
      const p = this.pending.get(id);
      if (!p) return;
      this.settle(id);
      if (reply.ok) p.resolve(reply.value);
      else if ('dataError' in reply) {
        const { file, problem, location } = reply.dataError;
        p.reject(new DataError(file, problem, location));
      } else p.reject(new Error(reply.message));
    });
    worker.on('error', (e) => this.failAll(worker, (what) => new DataError(what, `could not be loaded: ${e.message}`)));
    worker.on('exit', (code) =>
      this.failAll(worker, (what) => new DataError(what, `the data-reading thread stopped (exit code ${code})`)),
    );
    this.worker = worker;
    return worker;
  }

  /** Sends `request` to the thread (starting it if needed) and settles with its answer. */
  request<T>(request: DataThreadRequest['request'], what: string): Promise<T> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        const p = this.pending.get(id);
        if (!p) return;
        this.settle(id);
        p.reject(new DataError(what, `loading it took longer than ${this.timeoutMs / 1000} s and was stopped`));
        // The thread is busy with it and cannot be interrupted otherwise: stop it; the next request starts another.
        this.stop();
      }, this.timeoutMs);
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, what, timer });
      worker.ref(); // while a request waits, its answer must be able to arrive
      worker.postMessage({ id, request } satisfies DataThreadRequest);
    });
  }

  /** Stops the thread; what it was asked fails. */
  stop(): void {
    const worker = this.worker;
    if (!worker) return;
    this.failAll(worker, (what) => new DataError(what, 'the data-reading thread was stopped'));
    void worker.terminate();
  }

  private settle(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker?.unref();
  }

  private failAll(worker: Worker, error: (what: string) => Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const [id, p] of [...this.pending]) {
      this.settle(id);
      p.reject(error(p.what));
    }
  }
}
