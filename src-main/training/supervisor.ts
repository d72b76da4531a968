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
import { parseDatasetSpec, parseHyperparameters } from '../run/hyperparameters';
import type { HandwritingSet } from './test-set-extras';
import { checkRunMemory, memoryBudget, memoryHold } from './memory-estimate';
import type { SpawnWorker, WorkerHandle } from './worker-handle';
import { StoreError, type RunStore } from '../store/types';
import { tracePhase } from '../trace/phase-trace';

import type { StartRequest, SupervisorEvent, SupervisorListener, SupervisorOptions } from './supervisor-types';
import { handwritingSet, inputShape } from './run-inputs';
import { ProgressBatch } from './progress-batch';

export type { StartRequest, SupervisorEvent, SupervisorListener, SupervisorOptions } from './supervisor-types';

interface ActiveRun {
  readonly id: number;
  readonly request: StartRequest;
  /** The handwriting test set, read from the store when the run was created. */
  readonly handwriting?: HandwritingSet;
  readonly width: number;
  readonly height: number;
  /** What the run is estimated to need in memory (memory-estimate.ts), counted while it trains. */
  readonly memoryBytes: number;
  /** It has been told it waits for memory (said once). */
  heldForMemory: boolean;
  handle?: WorkerHandle;
  /** A final status has been written (finished, failed, cancelled); later news is ignored. */
  settled: boolean;
  cancelRequested: boolean;
  /** Progress points waiting for their batched write. */
  readonly progress: ProgressBatch;
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
  private readonly watchTimer: NodeJS.Timeout;

  private readonly memoryBudget?: () => number;
  /** The budget the runs training now share, read when the first of them started. */
  private sharedBudget: number | null = null;

  constructor(options: SupervisorOptions) {
    this.store = options.store;
    this.spawn = options.spawn;
    this.workerPath = options.workerPath;
    this.concurrency = options.concurrency ?? availableParallelism();
    if (!Number.isInteger(this.concurrency) || this.concurrency < 1) {
      throw new Error(`concurrency must be a whole number ≥ 1, got ${options.concurrency}`);
    }
    this.gracePeriodMs = options.gracePeriodMs ?? 1000;
    this.memoryBudget = options.memoryBudget;
    this.progressFlushMs = options.progressFlushMs ?? 100;
    this.interruptedAtStart = this.store.markInterrupted();
    this.watchTimer = setInterval(() => this.watchStore(), options.watchMs ?? 1000);
    this.watchTimer.unref();
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
    // Refused before the run is stored: a network that cannot fit never becomes a failed run.
    const { bytes: memoryBytes } = checkRunMemory(hyperparameters, dataset, width, height, this.budgetNow());
    const handwriting =
      dataset.testSource === 'handwriting' ? handwritingSet(this.store, dataset, width, height) : undefined;
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
      memoryBytes,
      heldForMemory: false,
      settled: false,
      cancelRequested: false,
      progress: new ProgressBatch(
        (points) => {
          const writeStart = performance.now();
          this.store.appendProgress(id, points);
          tracePhase('supervisor.progress-write', performance.now() - writeStart);
        },
        this.progressFlushMs,
        () => this.writeDueProgress(run),
      ),
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
  cancel(runId: number, options: { now?: boolean } = {}): boolean {
    const q = this.queue.findIndex((r) => r.id === runId);
    if (q >= 0) {
      const [run] = this.queue.splice(q, 1);
      this.settle(run, 'cancelled', () => this.store.cancelRun(run.id));
      run.markExited();
      return true;
    }
    const run = this.running.get(runId);
    // Asked again (a second Ctrl+C): stop waiting for the worker to wind down and end it now.
    if (run && run.cancelRequested && options.now) run.handle?.kill();
    if (!run || run.settled || run.cancelRequested) return Boolean(run && !run.settled);
    run.cancelRequested = true;
    if (options.now) {
      run.handle?.kill();
      return true;
    }
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
    clearInterval(this.watchTimer);
    for (const run of [...this.queue]) this.cancel(run.id);
    const running = [...this.running.values()];
    for (const run of running) this.cancel(run.id);
    await Promise.all(running.map((r) => r.exited));
  }

  private pump(): void {
    while (this.running.size < this.concurrency && this.queue.length > 0) {
      // Queue order holds: a run that must train alone is not overtaken while it waits for a free machine.
      const aloneRunning = [...this.running.values()].some((r) => r.request.alone);
      if (aloneRunning || (this.queue[0].request.alone && this.running.size > 0)) return;
      // Memory holds the queue in order too: the runs training now and the next must fit together.
      const next = this.queue[0];
      const training = [...this.running.values()].map((r) => r.memoryBytes);
      const hold = memoryHold(training, next.memoryBytes, this.budgetNow());
      if (hold) {
        if (!next.heldForMemory) this.emit({ type: 'status', runId: next.id, status: 'queued', reason: hold });
        next.heldForMemory = true;
        return;
      }
      this.launch(this.queue.shift()!);
    }
  }

  /**
   * The memory the runs may plan to use together. While runs train, the free memory already lacks what
   * they took, so the budget read when the first of them started stays theirs until none is left.
   */
  private budgetNow(): number {
    if (this.running.size === 0 || this.sharedBudget === null)
      this.sharedBudget = this.memoryBudget?.() ?? memoryBudget();
    return this.sharedBudget;
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
      tracePhase('supervisor.spawn');
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
      if (this.settledElsewhere(run)) return;
      // A store write was refused (e.g. iterations not increasing): the run can't be recorded faithfully.
      this.failAndKill(run, `could not record the run: ${messageOf(e)}`);
    }
  }

  /** Stops every training run that another process has deleted or ended in the store. */
  private watchStore(): void {
    for (const run of this.running.values()) {
      if (!run.settled) this.settledElsewhere(run);
    }
  }

  /**
   * When the run no longer exists in the store as running (another process deleted it, or marked it),
   * stops its training without writing anything more and returns true. Nothing is left to record:
   * writing would only fail again ("run 1 does not exist").
   */
  private settledElsewhere(run: ActiveRun): boolean {
    let reason: string;
    try {
      const { status } = this.store.getRun(run.id);
      if (status === 'running' || status === 'queued') return false;
      reason = `run ${run.id} was marked ${status} by another process; its training stopped`;
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'not-found')) return false;
      reason = `run ${run.id} was deleted while it trained; its training stopped`;
    }
    run.settled = true;
    run.cancelRequested = true;
    run.progress.discard();
    run.handle?.kill();
    this.emit({ type: 'status', runId: run.id, status: 'cancelled', reason });
    return true;
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
        if (m.points[0].iteration === 0) tracePhase('supervisor.cost0-received');
        run.progress.add(m.points);
        this.emit({ type: 'progress', runId: run.id, points: m.points });
        return;
      case 'snapshot':
        run.progress.flush();
        {
          const writeStart = performance.now();
          this.store.addSnapshot(run.id, {
            index: m.index,
            iteration: m.iteration,
            gridPng: m.gridPng,
            unitPngs: m.unitPngs,
            validationCost: m.validationCost,
            validationAccuracy: m.validationAccuracy,
            theta: m.theta ?? null,
            health: m.health ?? null,
          });
          tracePhase('supervisor.snapshot-write', performance.now() - writeStart);
        }
        this.emit({
          type: 'snapshot',
          runId: run.id,
          index: m.index,
          iteration: m.iteration,
          validationCost: m.validationCost,
          validationAccuracy: m.validationAccuracy,
        });
        return;
      case 'done': {
        tracePhase('supervisor.done-received');
        run.progress.flush();
        const writeStart = performance.now();
        this.store.finishRun(run.id, {
          theta: m.theta,
          initialTheta: m.initialTheta,
          sizes: m.sizes,
          metrics: m.metrics,
          confusion: m.confusion,
          misclassified: m.misclassified,
        });
        run.settled = true;
        this.emit({ type: 'done', runId: run.id, metrics: m.metrics });
        this.emit({ type: 'status', runId: run.id, status: 'finished' });
        this.killAfterGrace(run);
        tracePhase('supervisor.done-stored', performance.now() - writeStart);
        return;
      }
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
      run.progress.flush();
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
    run.progress.stop();
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

  /** The batch's timer fired: write the waiting points unless the run has ended. */
  private writeDueProgress(run: ActiveRun): void {
    if (run.settled) return;
    try {
      run.progress.flush();
    } catch (e) {
      if (this.settledElsewhere(run)) return;
      this.failAndKill(run, `could not record the run: ${messageOf(e)}`);
    }
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

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function reportInternal(what: string, e: unknown): void {
  process.stderr.write(`backprop-lab supervisor: ${what}: ${messageOf(e)}\n`);
}
