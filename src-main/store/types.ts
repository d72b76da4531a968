/**
 * What the experiment store keeps and hands back, and the methods it offers (`RunStore`).
 *
 * Every run a user starts is kept until they delete it. The training supervisor is the only writer of
 * a run's progress (create → running → finished/failed/cancelled); the app reads, renames, annotates,
 * tags, deletes, exports and imports. Times are milliseconds since the Unix epoch. Accuracies are
 * fractions in [0, 1] (0.953 is Ng's "95.3%").
 *
 * Entry points:
 *   resolveDatabasePath(explicit?: string, env = process.env): string in src-main/store/paths.ts
 *   openStore(path: string, options?: { nativeBinding?: string }): RunStore in src-main/store/open.ts
 *   runStoreBench(options?) in src-main/store/store-bench.ts
 */
import type { DatasetSpec, Hyperparameters, OptimizerName } from '../run/hyperparameters';
import type { CostName, HiddenActivation } from '../nn/model';
import type {
  ConfusionMatrix,
  MisclassifiedDigit,
  NewRun,
  ProgressPoint,
  RunDataInfo,
  RunMetrics,
  RunHealth,
  RunResult,
  RunStatus,
  SnapshotImages,
  SnapshotInfo,
  SnapshotInput,
} from '../run/record';

// The store hands back the run vocabulary of src-main/run/record.ts: re-exported so that one import
// of this file gives a store user every type its methods mention.
export { RUN_STATUSES, FINAL_STATUSES, MAX_MISCLASSIFIED_PER_RUN } from '../run/record';
export type * from '../run/record';

/** Final weights of a finished run. */
export interface RunWeights {
  sizes: number[];
  /** Bit-identical to what finishRun received. */
  theta: Float64Array;
  /** Θ₀ the run started from; null for runs stored before Θ₀ was kept (schema 4). */
  initialTheta?: Float64Array | null;
}

/** Θ at one snapshot, as kept for the cost surface's training path (float32: a picture needs no more). */
export interface SnapshotTheta {
  index: number;
  iteration: number;
  theta: Float32Array;
}

/** One row of the run list: enough to show, sort and compare, never histories or images. */
export interface RunSummary {
  id: number;
  name: string;
  status: RunStatus;
  createdAt: number;
  /** null while queued (or interrupted before it started). */
  startedAt: number | null;
  /** When the run reached a final status; null while queued/running. */
  finishedAt: number | null;
  optimizer: OptimizerName;
  lambda: number;
  hiddenLayers: number[];
  /** Units in the first hidden layer (the one shown as images); what the hidden-size filter uses. */
  hiddenSize: number;
  iterations: number;
  impl: Hyperparameters['impl'];
  init: Hyperparameters['init'];
  seed: number;
  trainSize: number;
  /** Last reported progress (live for running runs); null before the first point. */
  lastIteration: number | null;
  lastCost: number | null;
  /** null until the run finished. */
  metrics: RunMetrics | null;
  tags: string[];
  /** Set when status is failed (or interrupted: why). */
  failureReason: string | null;
  /** Input image size in pixels; a drawing pad can use only 28×28 networks. */
  width: number;
  height: number;
  /**
   * Classes the network outputs (K, its output units): the run's class names, or the 10 digits for a run
   * stored before data meanings were (migration 4).
   */
  classCount: number;
  /** The cost J and hidden activation it was trained with (Ng's cross-entropy and sigmoid when the run names none). */
  cost: CostName;
  activation: HiddenActivation;
  /** The sweep this run belongs to (null: none, or its sweep was deleted) and its x in that sweep. */
  sweepId: number | null;
  sweepX: number | null;
}

/** Everything about one run except image bytes and weights. */
export interface RunDetail extends RunSummary {
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  notes: string;
  /** null until finished. */
  confusion: ConfusionMatrix | null;
  /** In index order. */
  snapshots: SnapshotInfo[];
  /** Number of progress points stored. */
  historyLength: number;
  hasWeights: boolean;
  /** Output i means classNames[i]; '0'…'9' for digits (and for runs made before classes were stored). */
  classNames: string[];
  /** Names of the input features of a table; null for images. */
  featureNames: string[] | null;
  /** The z-scores applied to the inputs; null when the run does not standardize. */
  standardization: { mean: number[]; sd: number[] } | null;
}

/** A run's cost curve, columns of equal length in iteration order. */
export interface CostHistory {
  runId: number;
  iteration: number[];
  cost: number[];
  elapsedMs: number[];
}

/** Inclusive numeric range; either end may be left open. */
export interface NumericRange {
  min?: number;
  max?: number;
}

/** Which runs to list or count; all conditions must hold (an array means "any of these"). */
export interface RunFilter {
  status?: RunStatus | readonly RunStatus[];
  optimizer?: OptimizerName | readonly OptimizerName[];
  /** Runs carrying every one of these tags (case-insensitive). */
  tag?: string | readonly string[];
  /** Runs carrying a tag that starts with this text (case-insensitive): "exp" finds "exp-1" and "Experiment". */
  tagPrefix?: string;
  lambda?: NumericRange;
  /** Units of the first hidden layer. */
  hiddenSize?: NumericRange;
  /** Case-insensitive substring of the name, the notes or any tag. */
  text?: string;
  /** Runs of this sweep. */
  sweepId?: number;
  /** true: only runs of a sweep (the lessons' runs); false: only runs of none. */
  inSweep?: boolean;
  /** Input image width and height in pixels (28 and 28: networks a drawing can be fed to). */
  width?: number;
  height?: number;
}

export const SORT_KEYS = [
  'id',
  'name',
  'status',
  'createdAt',
  'startedAt',
  'finishedAt',
  'optimizer',
  'lambda',
  'hiddenSize',
  'layerCount',
  'iterations',
  'batchSize',
  'learningRate',
  'momentum',
  'init',
  'epsilon',
  'seed',
  'impl',
  'trainSize',
  'validationSize',
  'testSize',
  'dataSeed',
  'trainAccuracy',
  'validationAccuracy',
  'testAccuracy',
  'finalCost',
  'durationMs',
  'costEvaluations',
  'lastIteration',
  'lastCost',
] as const;
/** Any hyperparameter, metric, time or the name. Runs without a value (e.g. no metrics yet) sort last. */
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery extends RunFilter {
  /** Default createdAt (ties broken by id). */
  sort?: SortKey;
  /** Default 'desc' (newest first). */
  order?: 'asc' | 'desc';
  /** Default: all. */
  limit?: number;
  offset?: number;
}

/** A tag in use and how many runs carry it (spellings that differ only in case count as one). */
export interface TagCount {
  tag: string;
  runs: number;
}

export const SWEEP_KINDS = [
  'validation-curve',
  'learning-curve',
  'seeds',
  'symmetry',
  'implementations',
  'overfit',
] as const;
/**
 * What a sweep varies: λ (validation-curve, overfit), the training-set size m (learning-curve), the
 * seed of Θ₀ (seeds), the init zeros vs uniform (symmetry), the implementation loop/vectorized/fast.
 */
export type SweepKind = (typeof SWEEP_KINDS)[number];

/** What every run of a sweep started from, and the values it sweeps (in the order planned). */
export interface SweepSetup {
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  /** x of each planned run: λ, m, seed; 0/1 for zeros/uniform; 0/1/2 for loop/vectorized/fast. */
  values: number[];
}

export interface NewSweep {
  kind: SweepKind;
  /** Trimmed, 1–200 characters; defaults to "Sweep <id>". */
  name?: string;
  base: SweepSetup;
}

/** One row of the sweep list. */
export interface SweepSummary {
  id: number;
  kind: SweepKind;
  name: string;
  createdAt: number;
  /** Runs still in the sweep (deleting a run removes it from its sweep). */
  runCount: number;
  finishedCount: number;
  /** Runs queued or running. */
  activeCount: number;
}

export interface SweepDetail extends SweepSummary {
  base: SweepSetup;
  /** The sweep's runs ordered by x, then id. */
  runIds: number[];
}

/** Most handwriting samples kept: a class of learners drawing for an afternoon, not a dataset to train on. */
export const MAX_HANDWRITING_SAMPLES = 10_000;

/** A drawn digit as the network sees it, to keep in "My handwriting". */
export interface NewHandwriting {
  /** The digit the user meant, 0–9. */
  label: number;
  /** 28×28 for MNIST networks. */
  width: number;
  height: number;
  /** width·height bytes, row-major, row 0 on top; byte k means ink k/255 (MNIST's own resolution). */
  pixels: Uint8Array;
}

export interface HandwritingSample extends NewHandwriting {
  id: number;
  createdAt: number;
}

/** The store's methods. Unknown ids throw StoreError 'not-found' ("run 42 does not exist"). */
export interface RunStore {
  /** Absolute path of the database file. */
  readonly path: string;
  /** Why the database can only be read (e.g. "it is on a read-only file system"), or null when it can be written. */
  readonly readOnly: string | null;

  // — writes of the supervisor (state transitions are guarded: a wrong one throws 'invalid-state') —

  /** Creates a run in status queued and returns its id. */
  createRun(input: NewRun): number;
  /** queued → running; sets startedAt. */
  markRunning(id: number): void;
  /** Appends cost points of a running run in one transaction; iterations must keep increasing. */
  appendProgress(id: number, points: readonly ProgressPoint[]): void;
  /** Stores hidden-layer images of a running run (or a finishing one: allowed while running only). */
  addSnapshot(id: number, snapshot: SnapshotInput): void;
  /** Records what the run's data means (class and feature names, standardization); queued or running runs only. */
  setDataInfo(id: number, info: RunDataInfo): void;
  /** running → finished with weights, metrics and confusion matrix; sets finishedAt. */
  finishRun(id: number, result: RunResult): void;
  /** queued/running → failed with the reason; sets finishedAt. */
  failRun(id: number, reason: string): void;
  /** queued/running → cancelled, keeping history and snapshots; sets finishedAt. */
  cancelRun(id: number): void;
  /**
   * Every queued/running run whose owning process (the one that created it) is gone becomes
   * interrupted; runs of another live process on the same file, and this process's own, are left
   * alone. openStore calls it, so every reader sees a dead trainer's run as interrupted. Returns how many.
   */
  markInterrupted(isAlive?: (pid: number, token: string | null) => boolean): number;

  // — queries of the app —

  /** Summaries matching the query, sorted and paged. */
  listRuns(query?: ListQuery): RunSummary[];
  /** How many runs match the filter. */
  countRuns(filter?: RunFilter): number;
  /** Tags in use, most used first, with how many runs carry each. */
  listTags(): TagCount[];
  /** The whole run except image bytes and weights. */
  getRun(id: number): RunDetail;
  /** Cost histories of several runs in one query, in the order of `ids` (duplicates removed). */
  getHistories(ids: readonly number[]): CostHistory[];
  /** Grid and unit PNGs of one snapshot; throws 'not-found' when the run has no such snapshot. */
  getSnapshotImages(id: number, snapshotIndex: number): SnapshotImages;
  /** Training health at each snapshot that kept it (migration 9), per run in the order of `ids`; [] for older runs. */
  getHealth(ids: readonly number[]): RunHealth[];
  /** Final weights; throws 'not-found' when the run has none (not finished). */
  getWeights(id: number): RunWeights;
  /** Θ at each snapshot that kept it (float32, migration 8), in snapshot order; [] for runs trained before. */
  getSnapshotThetas(id: number): SnapshotTheta[];
  /** The misclassified test digits kept when the run finished, in test-set order ([] for other runs). */
  getMisclassified(id: number): MisclassifiedDigit[];

  // — sweeps (groups of runs; a run joins one through NewRun.sweep) —

  /** Creates an empty sweep and returns its id. */
  createSweep(input: NewSweep): number;
  /** Every sweep, newest first, with counts of its runs. */
  listSweeps(): SweepSummary[];
  getSweep(id: number): SweepDetail;
  /** Deletes the sweep but keeps its runs, which become ordinary runs (sweepId and sweepX null). */
  deleteSweep(id: number): void;

  // — "My handwriting" —

  /** Keeps a drawn digit; returns its id. At most MAX_HANDWRITING_SAMPLES are kept. */
  saveHandwriting(sample: NewHandwriting): number;
  /** Every sample, oldest first (the order a handwriting test set uses). */
  listHandwriting(): HandwritingSample[];
  deleteHandwriting(id: number): void;

  // — edits of the user (allowed in any status) —

  /** Sets the name (trimmed, 1–200 characters). */
  rename(id: number, name: string): void;
  /** Replaces the notes (any text up to 100,000 characters; '' clears). */
  setNotes(id: number, notes: string): void;
  /** Replaces the tags: trimmed, empty ones dropped, duplicates (ignoring case) dropped keeping the first spelling. Returns the stored tags. */
  setTags(id: number, tags: readonly string[]): string[];
  /** Deletes the run with its history, snapshots, weights and tags. */
  deleteRun(id: number): void;

  // — files —

  /**
   * Writes the run to `folder` (created; must be absent or empty): run.json, weights.json (finished
   * runs), history.csv, images/snapshot-<k>-grid.png and images/snapshot-<k>-unit-<u>.png.
   */
  exportRun(id: number, folder: string): void;
  /**
   * Reads a folder written by exportRun into a new run (all or nothing) and returns its id;
   * `checkDataset` may refuse the files its dataset names (returning the problem).
   */
  importRun(folder: string, checkDataset?: (dataset: DatasetSpec) => string | null): number;

  /** Closes the database; further calls throw. */
  close(): void;
}

export type StoreErrorCode =
  /** The run (or its snapshot / weights) does not exist. */
  | 'not-found'
  /** An argument is malformed (names the field). */
  | 'invalid-argument'
  /** The run's status does not allow this change. */
  | 'invalid-state'
  /** The database file cannot be used (corrupt, foreign, newer); the file was left untouched. */
  | 'unusable-file'
  /** An import folder is incomplete or malformed (names the file). */
  | 'invalid-import'
  /** The database can only be read (read-only mount or permissions); the message says why. */
  | 'read-only';

/** Every error the store throws on purpose; `code` lets the API map it (not-found → 404, …). */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}
