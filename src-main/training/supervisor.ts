/**
 * One supervisor owns all training: it queues runs, starts one training process per run up to a
 * concurrency limit, relays what the processes report to any number of subscribers, and is the only
 * writer of run state to the store.
 *
 * Why a process per run: a crashing or runaway training (huge network, diverging sgd) can be killed
 * without touching the app or the other runs, and each run gets its own core. Progress is written in
 * batched transactions (at most one per run every `progressFlushMs`) so that many concurrent runs
 * don't make SQLite the bottleneck; a finished run's weights are written the moment they arrive.
 */
import { availableParallelism } from 'node:os';
import { parseFromWorker, type FromWorker } from './protocol';
import { parseDatasetSpec, parseHyperparameters, type DatasetSpec, type Hyperparameters } from '../run/hyperparameters';
import type { HandwritingSet } from './test-set-extras';
import type { SpawnWorker, WorkerHandle } from './worker-handle';
import type { ProgressPoint, RunMetrics, RunStatus } from '../run/record';
import type { RunStore } from '../store/types';

/** What a user asks for when starting a run. */
export interface StartRequest {
  name?: string;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  /** Θ(1), Θ(2), … as arrays of rows (bias in column 0), for init 'file'. */
  initialThetas?: number[][][];
  /** Input image size; MNIST's 28×28 when omitted for source 'mnist', required for csv/idx files. */
  width?: number;
  height?: number;
  /** Makes the run a point of this sweep (store.createSweep), at x. */
  sweep?: { id: number; x: number };
}

/** What subscribers hear; images stay in the store (fetch them by run id and snapshot index). */
export type SupervisorEvent =
  | { type: 'status'; runId: number; status: RunStatus; reason?: string }
  | { type: 'started'; runId: number; sizes: number[]; width: number; height: number; trainSize: number }
  | { type: 'progress'; runId: number; points: ProgressPoint[] }
  | { type: 'snapshot'; runId: number; index: number; iteration: number }
  | { type: 'done'; runId: number; metrics: RunMetrics };

export type SupervisorListener = (event: SupervisorEvent) => void;

export interface SupervisorOptions {
  store: RunStore;
  spawn: SpawnWorker;
  /** The built worker file (out/main/worker.js). */
  workerPath: string;
  /** Training processes running at once; default os.availableParallelism(). */
  concurrency?: number;
  /** How long a cancelled or finished worker may take to exit before it is killed; default 1000 ms. */
  gracePeriodMs?: number;
  /** Longest time progress points wait before being written; default 100 ms. */
  progressFlushMs?: number;
}

/** Side of MNIST's images; the only dataset whose shape is known without reading a file. */
const MNIST_SIDE = 28;

interface ActiveRun {
  readonly id: number;
  readonly request: StartRequest;
  /** The handwriting test set, read from the store when the run was created. */
  readonly handwriting?: HandwritingSet;
  readonly width: number;
  readonly height: number;
  handle?: WorkerHandle;
  /** A final status has been written (finished, failed, cancelled); later news is ignored. */
  settled: boolean;
  cancelRequested: boolean;
  pending: ProgressPoint[];
  lastFlush: number;
  flushTimer?: NodeJS.Timeout;
  killTimer?: NodeJS.Timeout;
  exited: Promise<void>;
  markExited: () => void;
}

export class Supervisor {
  /** How many runs a crashed app had left queued or running (now `interrupted`). */
  readonly interruptedAtStart: number;

  private readonly store: RunStore;
  private readonly spawn: SpawnWorker;
  private readonly workerPath: string;
  private readonly concurrency: number;
  private readonly gracePeriodMs: number;
  private readonly progressFlushMs: number;
  private readonly queue: ActiveRun[] = [];
  private readonly running = new Map<number, ActiveRun>();
  private readonly listeners = new Set<SupervisorListener>();
  private closed = false;

  constructor(options: SupervisorOptions) {
    this.store = options.store;
    this.spawn = options.spawn;
    this.workerPath = options.workerPath;
    this.concurrency = options.concurrency ?? availableParallelism();
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`concurrency must be a whole number ≥ 1, got ${options.concurrency}`);
    }
    this.gracePeriodMs = options.gracePeriodMs ?? 1000;
    this.progressFlushMs = options.progressFlushMs ?? 100;
    this.interruptedAtStart = this.store.markInterrupted();
  }

  /**
   * Creates the run (queued) and starts it as soon as a slot is free; returns its id. Hyperparameters
   * and dataset are validated (missing fields take the defaults); a bad request throws naming the field.
   */
  start(request: StartRequest): number {
    if (this.closed) throw new Error('the supervisor is closed: no new runs can start');
    const hyperparameters = parseHyperparameters(request.hyperparameters);
    let dataset = parseDatasetSpec(request.dataset);
    if (hyperparameters.init === 'file' && !request.initialThetas) {
      throw new Error("hyperparameters.init is 'file' but no initial weights (initialThetas) were given");
    }
    if (hyperparameters.init !== 'file' && request.initialThetas) {
      throw new Error(`initial weights were given but hyperparameters.init is '${hyperparameters.init}', not 'file'`);
    }
    const { width, height } = inputShape(request, dataset);
    const handwriting = dataset.testSource === 'handwriting' ? this.handwritingSet(dataset, width, height) : undefined;
    // The run records how many samples it was tested on; later drawings don't change its test set.
    if (handwriting) dataset = { ...dataset, testSize: handwriting.labels.length };
    const id = this.store.createRun({
      name: request.name,
      hyperparameters,
      dataset,
      width,
      height,
      sweep: request.sweep,
    });
    let markExited = () => {};
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const run: ActiveRun = {
      id,
      request: { ...request, hyperparameters, dataset },
      handwriting,
      width,
      height,
      settled: false,
      cancelRequested: false,
      pending: [],
      lastFlush: 0,
      exited,
      markExited,
    };
    this.queue.push(run);
    this.emit({ type: 'status', runId: id, status: 'queued' });
    this.pump();
    return id;
  }

  /**
   * Stops a run: a queued one becomes cancelled without ever starting; a running one is asked to
   * stop and killed if its process hasn't ended within the grace period (history so far is kept).
   * Returns false when the run is not queued or running here.
   */
  cancel(runId: number): boolean {
    const q = this.queue.findIndex((r) => r.id === runId);
    if (q >= 0) {
      const [run] = this.queue.splice(q, 1);
      this.settle(run, 'cancelled', () => this.store.cancelRun(run.id));
      run.markExited();
      return true;
    }
    const run = this.running.get(runId);
    if (!run || run.settled || run.cancelRequested) return Boolean(run && !run.settled);
    run.cancelRequested = true;
    run.handle?.postMessage({ type: 'cancel' });
    this.killAfterGrace(run);
    return true;
  }

  /** Listens to every run's events; returns the function that stops listening. */
  subscribe(listener: SupervisorListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Ids of the runs training now and of those waiting, in queue order. */
  activeRuns(): { running: number[]; queued: number[] } {
    return { running: [...this.running.keys()], queued: this.queue.map((r) => r.id) };
  }

  /** Cancels every queued and running run and resolves when all training processes have ended. */
  async close(): Promise<void> {
    this.closed = true;
    for (const run of [...this.queue]) this.cancel(run.id);
    const running = [...this.running.values()];
    for (const run of running) this.cancel(run.id);
    await Promise.all(running.map((r) => r.exited));
  }

  /** Every saved handwriting sample as one test set for a run of width×height images. */
  private handwritingSet(dataset: DatasetSpec, width: number, height: number): HandwritingSet {
    if (dataset.testFile)
      throw new Error("dataset: testFile and testSource 'handwriting' both name a test set; choose one");
    const samples = this.store.listHandwriting();
    if (samples.length === 0) {
      throw new Error(
        "dataset.testSource is 'handwriting' but no handwriting samples are saved yet; draw and save some digits first",
      );
    }
    const other = samples.find((s) => s.width !== width || s.height !== height);
    if (other) {
      throw new Error(
        `handwriting sample ${other.id} is ${other.width}×${other.height} pixels but this run reads ${width}×${height} images`,
      );
    }
    const n = width * height;
    const pixels = new Uint8Array(samples.length * n);
    samples.forEach((s, i) => pixels.set(s.pixels, i * n));
    return { width, height, labels: Uint8Array.from(samples, (s) => s.label), pixels };
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      this.launch(this.queue.shift()!);
    }
  }

  private launch(run: ActiveRun): void {
    this.running.set(run.id, run);
    try {
      this.store.markRunning(run.id);
    } catch (e) {
      this.settle(run, 'failed', () => this.store.failRun(run.id, `could not start: ${messageOf(e)}`), messageOf(e));
      this.release(run);
      return;
    }
    this.emit({ type: 'status', runId: run.id, status: 'running' });
    let handle: WorkerHandle;
    try {
      handle = this.spawn(this.workerPath);
    } catch (e) {
      const reason = `could not start the training process: ${messageOf(e)}`;
      this.settle(run, 'failed', () => this.store.failRun(run.id, reason), reason);
      this.release(run);
      return;
    }
    run.handle = handle;
    handle.onMessage((m) => this.onMessage(run, m));
    handle.onExit((code, signal) => this.onExit(run, code, signal));
    handle.onError((e) => {
      const reason = `training process failed: ${e.message}`;
      this.settle(run, 'failed', () => this.store.failRun(run.id, reason), reason);
      handle.kill();
    });
    const { hyperparameters, dataset, initialThetas } = run.request;
    handle.postMessage({
      type: 'start',
      runId: run.id,
      hyperparameters,
      dataset,
      ...(initialThetas ? { initialThetas } : {}),
      ...(run.handwriting ? { handwriting: run.handwriting } : {}),
    });
  }

  private onMessage(run: ActiveRun, raw: unknown): void {
    if (run.settled) return;
    let m: FromWorker;
    try {
      m = parseFromWorker(raw);
    } catch (e) {
      this.failAndKill(run, messageOf(e));
      return;
    }
    try {
      this.handle(run, m);
    } catch (e) {
      // A store write was refused (e.g. iterations not increasing): the run can't be recorded faithfully.
      this.failAndKill(run, `could not record the run: ${messageOf(e)}`);
    }
  }

  private handle(run: ActiveRun, m: FromWorker): void {
    switch (m.type) {
      case 'started':
        if (m.width !== run.width || m.height !== run.height) {
          this.failAndKill(
            run,
            `the data holds ${m.width}×${m.height} images but the run was created for ${run.width}×${run.height}`,
          );
          return;
        }
        this.store.setDataInfo(run.id, m.data);
        this.emit({
          type: 'started',
          runId: run.id,
          sizes: m.sizes,
          width: m.width,
          height: m.height,
          trainSize: m.trainSize,
        });
        return;
      case 'progress':
        if (m.points.length === 0) return;
        run.pending.push(...m.points);
        this.emit({ type: 'progress', runId: run.id, points: m.points });
        this.scheduleFlush(run);
        return;
      case 'snapshot':
        this.flush(run);
        this.store.addSnapshot(run.id, {
          index: m.index,
          iteration: m.iteration,
          gridPng: m.gridPng,
          unitPngs: m.unitPngs,
        });
        this.emit({ type: 'snapshot', runId: run.id, index: m.index, iteration: m.iteration });
        return;
      case 'done':
        this.flush(run);
        this.store.finishRun(run.id, {
          theta: m.theta,
          sizes: m.sizes,
          metrics: m.metrics,
          confusion: m.confusion,
          misclassified: m.misclassified,
        });
        run.settled = true;
        this.emit({ type: 'done', runId: run.id, metrics: m.metrics });
        this.emit({ type: 'status', runId: run.id, status: 'finished' });
        this.killAfterGrace(run);
        return;
      case 'cancelled':
        this.settle(run, 'cancelled', () => this.store.cancelRun(run.id));
        this.killAfterGrace(run);
        return;
      case 'error': {
        const reason = m.message.trim() || 'training failed and the training process gave no reason';
        this.settle(run, 'failed', () => this.store.failRun(run.id, reason), reason);
        this.killAfterGrace(run);
        return;
      }
    }
  }

  private onExit(run: ActiveRun, code: number | null, signal: NodeJS.Signals | null): void {
    if (run.cancelRequested) {
      this.settle(run, 'cancelled', () => this.store.cancelRun(run.id));
    } else {
      const how = signal ? `signal ${signal}` : `code ${code}`;
      const reason = `training process exited with ${how} before training ended`;
      this.settle(run, 'failed', () => this.store.failRun(run.id, reason), reason);
    }
    this.release(run);
  }

  /** Writes the final status once (after the progress still waiting), then tells subscribers. */
  private settle(run: ActiveRun, status: 'failed' | 'cancelled', write: () => void, reason?: string): void {
    if (run.settled) return;
    run.settled = true;
    try {
      this.flush(run);
    } catch (e) {
      // The history may be incomplete, but the final status matters more.
      reportInternal(`run ${run.id}: could not store its last progress`, e);
    }
    try {
      write();
    } catch (e) {
      reportInternal(`run ${run.id}: could not store status ${status}`, e);
    }
    this.emit({ type: 'status', runId: run.id, status, ...(reason !== undefined ? { reason } : {}) });
  }

  private failAndKill(run: ActiveRun, reason: string): void {
    this.settle(run, 'failed', () => this.store.failRun(run.id, reason), reason);
    run.handle?.kill();
  }

  private release(run: ActiveRun): void {
    clearTimeout(run.flushTimer);
    clearTimeout(run.killTimer);
    this.running.delete(run.id);
    run.markExited();
    if (!this.closed) this.pump();
  }

  private killAfterGrace(run: ActiveRun): void {
    if (run.killTimer) return;
    run.killTimer = setTimeout(() => run.handle?.kill(), this.gracePeriodMs);
    run.killTimer.unref();
  }

  private scheduleFlush(run: ActiveRun): void {
    if (run.flushTimer) return;
    const wait = Math.max(0, run.lastFlush + this.progressFlushMs - Date.now());
    run.flushTimer = setTimeout(() => {
      run.flushTimer = undefined;
      if (run.settled) return;
      try {
        this.flush(run);
      } catch (e) {
        this.failAndKill(run, `could not record the run: ${messageOf(e)}`);
      }
    }, wait);
    run.flushTimer.unref();
  }

  private flush(run: ActiveRun): void {
    clearTimeout(run.flushTimer);
    run.flushTimer = undefined;
    run.lastFlush = Date.now();
    if (run.pending.length === 0) return;
    const points = run.pending;
    run.pending = [];
    this.store.appendProgress(run.id, points);
  }

  private emit(event: SupervisorEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (e) {
        // One broken subscriber (a closed window) must not stop training or the other subscribers.
        reportInternal('a supervisor subscriber threw', e);
      }
    }
  }
}

/** Input image size of a run: given, or known from the dataset. */
function inputShape(request: StartRequest, dataset: DatasetSpec): { width: number; height: number } {
  const { width, height } = request;
  if (width !== undefined || height !== undefined) {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width! < 1 || height! < 1) {
      throw new Error(`width and height must both be whole numbers ≥ 1, got ${width}×${height}`);
    }
    return { width: width!, height: height! };
  }
  if (dataset.source === 'mnist') return { width: MNIST_SIDE, height: MNIST_SIDE };
  throw new Error(`width and height of the images are needed for dataset source '${dataset.source}'`);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function reportInternal(what: string, e: unknown): void {
  process.stderr.write(`backprop-lab supervisor: ${what}: ${messageOf(e)}\n`);
}
