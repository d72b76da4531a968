/** What the supervisor is asked, what it tells its subscribers and how it is set up. */
import type { DatasetSpec, Hyperparameters } from '../run/hyperparameters';
import type { ProgressPoint, RunMetrics, RunStatus } from '../run/record';
import type { RunStore } from '../store/types';
import type { SpawnWorker } from './worker-handle';

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
  /**
   * Trains with no other run beside it: it waits until the runs ahead have finished, and runs queued
   * after it wait for it. For runs whose timings are compared, so that none shares the cores.
   */
  alone?: boolean;
}

/** What subscribers hear; images stay in the store (fetch them by run id and snapshot index). */
export type SupervisorEvent =
  | { type: 'status'; runId: number; status: RunStatus; reason?: string }
  | { type: 'started'; runId: number; sizes: number[]; width: number; height: number; trainSize: number }
  | { type: 'progress'; runId: number; points: ProgressPoint[] }
  | {
      type: 'snapshot';
      runId: number;
      index: number;
      iteration: number;
      validationCost: number | null;
      validationAccuracy: number | null;
    }
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
  /**
   * How often the store is asked whether a training run still exists there as running; default 1000 ms.
   * Another process (`runs delete` in a terminal) may delete it, and its training must then stop.
   */
  watchMs?: number;
  /**
   * Bytes the runs training at once may plan to use together (default: memoryBudget(), half of the free
   * memory, read when the first of them starts).
   */
  memoryBudget?: () => number;
}
