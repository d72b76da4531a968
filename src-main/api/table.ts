/**
 * The one table of everything the renderer may ask and everything it may hear.
 *
 * Each request row is a channel name ("<namespace>.<method>", so the client can offer
 * `api.runs.snapshot(id, index)`), a doc line, a zod tuple of its arguments (each named with
 * `.describe`, so errors can say "runs.snapshot: index: …") and its result type. Each event row is a
 * name and a payload type. Electron IPC, the preload bridge, the localhost host and the renderer's
 * client are all derived from these rows: a new channel is a row here (a lesson's among labRequests)
 * and its implementation in handlers.ts (lab-handlers.ts for labRequests), nothing else. Each event
 * row is a doc line and its payload type; adding one is a row in `events` and an `emit` where it happens.
 *
 * Everything crossing the boundary is JSON-safe (no typed arrays, no Dates): PNGs travel as base64
 * strings and weights as plain number arrays, so IPC and HTTP carry exactly the same values.
 * Schemas bound every string and array, so a hostile payload is refused before it costs anything.
 */
import { z } from 'zod';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  OPTIMIZERS,
  datasetSpecSchema,
  hyperparametersSchema,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import type { PlantedBugInfo } from '../nn/planted-bugs';
import type { BackpropView, SumCheckJson } from '../explain/types';
import { explainRequestSchema, sumCheckOptionsSchema } from './explain-schemas';
import {
  gradientCheckSchema,
  gradientTimingSchema,
  type GradientTimingJson,
  handwritingIdSchema,
  handwritingSaveSchema,
  sweepIdSchema,
  sweepStartSchema,
  type GradientCheckJson,
  type HandwritingEvaluation,
  type HandwritingJson,
  type MisclassifiedJson,
  type SweepView,
} from './lab-schemas';
import {
  RUN_STATUSES,
  SORT_KEYS,
  type CostHistory,
  type ListQuery,
  type RunDetail,
  type RunMetrics,
  type RunStatus,
  type RunSummary,
  type SnapshotInfo,
  type SweepSummary,
} from '../store/types';

/** Upper bounds of what a request may carry; the schemas below enforce them. */
export const LIMITS = {
  pathLength: 4096,
  nameLength: 200,
  notesLength: 100_000,
  tagCount: 50,
  tagLength: 100,
  textLength: 200,
  /** Runs whose histories one request may fetch (a comparison of many runs, not the whole store). */
  historyIds: 200,
  /** Runs one training.start may create (e.g. the same network with 10 seeds). */
  runsPerStart: 20,
  listLimit: 100_000,
} as const;

// ── argument schemas ────────────────────────────────────────────────────────────────────────────

const arg = <T extends z.ZodType>(name: string, schema: T): T => schema.describe(name) as T;

/** Hidden layers are 2…L−1 of at most 8 hidden layers; a hidden layer has at most 4096 units (hyperparameters.ts). */
const MAX_LAYERS = 9;
const MAX_UNITS = 4096;
const runIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const absolutePath = z.string().min(1).max(LIMITS.pathLength);
const tagSchema = z.string().max(LIMITS.tagLength);
const oneOrMany = <T extends z.ZodType>(item: T, max: number) => z.union([item, z.array(item).max(max)]);
const rangeSchema = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

export const runFilterSchema = z.strictObject({
  status: oneOrMany(z.enum(RUN_STATUSES), RUN_STATUSES.length).optional(),
  optimizer: oneOrMany(z.enum(OPTIMIZERS), OPTIMIZERS.length).optional(),
  tag: oneOrMany(tagSchema, LIMITS.tagCount).optional(),
  lambda: rangeSchema.optional(),
  hiddenSize: rangeSchema.optional(),
  text: z.string().max(LIMITS.textLength).optional(),
  sweepId: runIdSchema.optional(),
  /** Input image size: width 28 and height 28 find the networks a drawing can be fed to. */
  width: z.number().int().min(1).max(1_000_000).optional(),
  height: z.number().int().min(1).max(1_000_000).optional(),
});

export const listQuerySchema = runFilterSchema.extend({
  sort: z.enum(SORT_KEYS).optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.number().int().min(0).max(LIMITS.listLimit).optional(),
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** What a user fills in to train: missing hyperparameters and dataset fields take Ng's defaults. */
export const startRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(LIMITS.nameLength).optional(),
    hyperparameters: hyperparametersSchema.partial().optional(),
    dataset: datasetSpecSchema.partial().optional(),
    /** Several runs of the same network; run k uses seed + k, so they differ only by their start. */
    count: z.number().int().min(1).max(LIMITS.runsPerStart).optional(),
  })
  .transform((r) => ({
    name: r.name,
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, ...r.hyperparameters } as Hyperparameters,
    dataset: { ...DEFAULT_DATASET, ...r.dataset } as DatasetSpec,
    count: r.count ?? 1,
  }))
  .superRefine((r, ctx) => {
    if (r.dataset.source !== 'mnist' && !r.dataset.file) {
      ctx.addIssue({
        code: 'custom',
        path: ['dataset', 'file'],
        message: `a ${r.dataset.source} dataset needs a file`,
      });
    }
    if (r.hyperparameters.init === 'file') {
      ctx.addIssue({
        code: 'custom',
        path: ['hyperparameters', 'init'],
        message: "'file' init is not offered by the app yet",
      });
    }
  });

export type StartRequest = z.input<typeof startRequestSchema>;

// ── result and event payload types ──────────────────────────────────────────────────────────────

/** A snapshot's images as base64-encoded PNG files (put `data:image/png;base64,` in front to show one). */
export interface SnapshotImagesBase64 extends SnapshotInfo {
  gridPng: string;
  unitPngs: string[];
}

/** Final Θ of a finished run, unrolled row-major (Ng's convention, see nn/shape.ts), as plain numbers. */
export interface WeightsJson {
  sizes: number[];
  theta: number[];
}

/** One training example at an end of a hidden unit's range, with the class the network gives it. */
export interface UnitExampleJson {
  /** Row in the run's training set, from 0. */
  index: number;
  label: number;
  predicted: number;
  /** a(l)ⱼ for this example. */
  activation: number;
  /** The example as a greyscale PNG (base64; a 1-pixel-high strip for non-image data). */
  imagePng: string;
}

/** One hidden unit a(l)ⱼ of a finished run over its m training examples (Ng's numbering: l ≥ 2, j ≥ 1). */
export interface HiddenUnitJson {
  runId: number;
  layer: number;
  unit: number;
  /** The network's layer sizes, input first: units in this layer are sizes[layer − 1]. */
  sizes: number[];
  input: { width: number; height: number; image: boolean };
  m: number;
  /** Θ(l−1)[j][0]. */
  bias: number;
  /** Θ(l−1)[j][1…]: over the input pixels (l = 2) or the previous hidden layer's units. */
  incoming: number[];
  /** The incoming weights as Ng's displayData draws them (layer 2 of image data only), base64 PNG. */
  incomingPng: string | null;
  /** Θ(l)[k][j] for each unit k of the next layer: the classes when l = L − 1. */
  outgoing: number[];
  outgoingTo: 'classes' | 'units';
  top: UnitExampleJson[];
  bottom: UnitExampleJson[];
  /** Counts of a(l)ⱼ in equal bins over [0, 1]. */
  histogram: number[];
  mean: number;
  min: number;
  max: number;
  /** Examples where g′(z) = a(1 − a) < 0.02: nearly off (a < ½) and nearly on. */
  saturated: { count: number; fraction: number; off: number; on: number };
  /** ms: reloading the data and the forward passes (0 when the run was cached) and this unit's statistics. */
  timing: { cached: boolean; loadMs: number; unitMs: number };
}

/** What a data file holds, read from its header and labels without loading every pixel into a run. */
export interface DataFileInfo {
  /** The file (or image folder) as resolved (absolute). */
  file: string;
  /** csv: the digit format (label 0–9 first, pixels); table: a CSV of named features with a class column. */
  format: 'csv' | 'idx' | 'table' | 'folder';
  /** Examples in the file (after dropped rows). */
  count: number;
  /** Image size in pixels; n = width·height inputs (a table is n×1). */
  width: number;
  height: number;
  /** How many examples of each class (classNames order), when the file (or its labels file) has labels. */
  labelCounts: number[] | null;
  /** Output i means classNames[i]; '0'…'9' for digits. */
  classNames: string[];
  /** How classes were put in order: digits, numeric (integer classes), string (by code point), folder (sub-folder names). */
  classOrder: 'digits' | 'numeric' | 'string' | 'folder';
  /** Feature names of a table; null for images. */
  featureNames: string[] | null;
  /** Every column of a table (for the class-column picker) and the one holding the class; null otherwise. */
  columns: string[] | null;
  labelColumn: string | null;
  /** The separator a table was read with. */
  separator: 'comma' | 'semicolon' | 'tab' | null;
  /** Rows left out for a missing value (dropMissing). */
  dropped: number;
  /** Largest feature range / smallest; > 100 suggests standardizing. null for images. */
  rangeRatio: number | null;
  /** Sizes used when none are given: 70/15/15, or 90/10 with the whole test file when testCount is given. */
  defaultSizes: { train: number; validation: number; test: number };
}

/** How data.inspect should read a file: as training would, given the same choices. */
export const inspectOptionsSchema = z.strictObject({
  labelColumn: z.string().min(1).max(200).optional(),
  dropMissing: z.boolean().optional(),
  folder: z.boolean().optional(),
  imageSize: z.number().int().min(2).max(256).optional(),
  /** Examples in a separate test file, for the default split sizes. */
  testCount: z.number().int().min(0).max(10_000_000).optional(),
});
export type InspectOptions = z.infer<typeof inspectOptionsSchema>;

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' for the desktop app, 'web' for the localhost host. */
  shell: 'electron' | 'web';
  databasePath: string;
  /** Logical CPU cores: how many runs can train side by side without slowing each other. */
  cores: number;
  platform: string;
  /** Folders export/import and data files may live in. */
  allowedRoots: string[];
  defaults: { hyperparameters: Hyperparameters; dataset: DatasetSpec };
}

/** What a data file chosen in the dialog is for, so the dialog can say so and offer the right formats first. */
export const FILE_PURPOSES = ['images', 'labels', 'test-images', 'test-labels'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export type View = 'new-run' | 'runs' | 'compare' | 'draw' | 'lessons' | 'backprop';

// ── the table ───────────────────────────────────────────────────────────────────────────────────

/** One request row. `result` holds no value at run time; only its type matters. */
export interface RequestDef<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly doc: string;
  readonly args: A;
  readonly result: R;
}

function request<A extends z.ZodTuple, R>(doc: string, args: A, result: R): RequestDef<A, R> {
  return { doc, args, result };
}
/** Marks a result type in a row without a value. */
function returns<T>(): T {
  return undefined as T;
}

/** The drawing pad's and the lessons' rows (lab-handlers.ts implements exactly these). */
const labRequests = {
  'runs.misclassified': request(
    "A finished run's misclassified test digits (up to 100, in test-set order) with their images; [] for other runs.",
    z.tuple([arg('id', runIdSchema)]),
    returns<MisclassifiedJson[]>(),
  ),
  'handwriting.save': request(
    'Keeps a drawn digit in "My handwriting": its label and the preprocessed 28×28 input (784 values in [0, 1]).',
    z.tuple([arg('sample', handwritingSaveSchema)]),
    returns<{ id: number }>(),
  ),
  'handwriting.list': request(
    'Every saved drawing, oldest first, with its image.',
    z.tuple([]),
    returns<HandwritingJson[]>(),
  ),
  'handwriting.delete': request(
    'Deletes one saved drawing.',
    z.tuple([arg('id', handwritingIdSchema)]),
    returns<null>(),
  ),
  'handwriting.evaluate': request(
    "A finished 28×28 run's accuracy and confusion matrix on every saved drawing.",
    z.tuple([arg('runId', runIdSchema)]),
    returns<HandwritingEvaluation>(),
  ),
  'lessons.gradientCheck': request(
    "Backprop's ∂J/∂Θ against central differences on Ng's debug network or a chosen one, optionally with a planted bug.",
    z.tuple([arg('options', gradientCheckSchema)]),
    returns<GradientCheckJson>(),
  ),
  'lessons.bugs': request('The bugs the gradient-check lesson can plant.', z.tuple([]), returns<PlantedBugInfo[]>()),
  'lessons.gradientTiming': request(
    "Times backprop's gradient against the numerical gradient of every parameter of 784-25-10 (2·19,885 evaluations of J) " +
      'and says how closely they agree; progress comes as lessons.gradientTiming events. A new timing stops the one ' +
      'before it; a stopped timing answers null.',
    z.tuple([arg('options', gradientTimingSchema)]),
    returns<GradientTimingJson | null>(),
  ),
  'lessons.cancelGradientTiming': request(
    'Stops the gradient timing in progress (it answers null); false when none is running.',
    z.tuple([]),
    returns<boolean>(),
  ),
  'sweeps.start': request(
    'Starts the runs of a sweep (validation or learning curve, seeds, symmetry, implementations, overfit) as one group.',
    z.tuple([arg('request', sweepStartSchema)]),
    returns<{ sweepId: number; runIds: number[] }>(),
  ),
  'sweeps.list': request('Every sweep, newest first, with counts of its runs.', z.tuple([]), returns<SweepSummary[]>()),
  'sweeps.get': request(
    'A sweep, its runs in x order and what its lesson plots (curve points, best λ, spreads, …).',
    z.tuple([arg('id', sweepIdSchema)]),
    returns<SweepView>(),
  ),
  'sweeps.delete': request(
    'Deletes a sweep; its runs are kept as ordinary runs.',
    z.tuple([arg('id', sweepIdSchema)]),
    returns<null>(),
  ),
} as const;

/** Everything the renderer may ask, by channel. */
export const requests = {
  'runs.list': request(
    'Run summaries matching the query, sorted and paged (default: newest first, all).',
    z.tuple([arg('query', listQuerySchema).optional()]),
    returns<RunSummary[]>(),
  ),
  'runs.count': request(
    'How many runs match the filter.',
    z.tuple([arg('filter', runFilterSchema).optional()]),
    returns<number>(),
  ),
  'runs.get': request(
    'The whole run except images and weights.',
    z.tuple([arg('id', runIdSchema)]),
    returns<RunDetail>(),
  ),
  'runs.histories': request(
    'Cost curves of several runs, in the order asked (duplicates removed).',
    z.tuple([arg('ids', z.array(runIdSchema).max(LIMITS.historyIds))]),
    returns<CostHistory[]>(),
  ),
  'runs.snapshot': request(
    'Hidden-unit images of one snapshot of a run, as base64 PNGs.',
    z.tuple([arg('id', runIdSchema), arg('index', z.number().int().min(0).max(1_000_000))]),
    returns<SnapshotImagesBase64>(),
  ),
  'runs.weights': request('Final Θ of a finished run.', z.tuple([arg('id', runIdSchema)]), returns<WeightsJson>()),
  'runs.hiddenUnit': request(
    'One hidden unit a(l)ⱼ of a finished run over its training set: top and bottom 9 examples, histogram, saturation, in and out weights.',
    z.tuple([
      arg('id', runIdSchema),
      arg('layer', z.number().int().min(2).max(MAX_LAYERS)),
      arg('unit', z.number().int().min(1).max(MAX_UNITS)),
    ]),
    returns<HiddenUnitJson>(),
  ),
  'runs.rename': request(
    'Renames a run (trimmed, 1–200 characters).',
    z.tuple([arg('id', runIdSchema), arg('name', z.string().max(LIMITS.nameLength * 4))]),
    returns<null>(),
  ),
  'runs.setNotes': request(
    'Replaces the notes of a run ("" clears them).',
    z.tuple([arg('id', runIdSchema), arg('notes', z.string().max(LIMITS.notesLength))]),
    returns<null>(),
  ),
  'runs.setTags': request(
    'Replaces the tags of a run; returns the tags as stored (trimmed, duplicates dropped).',
    z.tuple([arg('id', runIdSchema), arg('tags', z.array(tagSchema).max(LIMITS.tagCount))]),
    returns<string[]>(),
  ),
  'runs.delete': request(
    'Deletes a run with its history, images and weights; a run still training is cancelled first.',
    z.tuple([arg('id', runIdSchema)]),
    returns<null>(),
  ),
  'runs.export': request(
    'Writes a run to a new (or empty) folder: run.json, weights.json, model.onnx, predict.py, history.csv, images/.',
    z.tuple([arg('id', runIdSchema), arg('folder', absolutePath)]),
    returns<{ folder: string }>(),
  ),
  'runs.exportZip': request(
    "A run's export (run.json, weights.json, model.onnx, predict.py, history.csv, images/) as one .zip, base64, for a browser's download.",
    z.tuple([arg('id', runIdSchema)]),
    returns<{ fileName: string; base64: string; bytes: number }>(),
  ),
  'runs.saveExport': request(
    "Asks where to save a run's export .zip with the system's save dialog (desktop app only) and writes it there; null when cancelled.",
    z.tuple([arg('id', runIdSchema)]),
    returns<{ path: string; bytes: number } | null>(),
  ),
  'runs.import': request(
    'Reads a folder written by runs.export into a new run; returns its id.',
    z.tuple([arg('folder', absolutePath)]),
    returns<{ id: number }>(),
  ),
  'training.start': request(
    'Starts one run, or `count` runs with seeds seed, seed+1, …; returns their ids.',
    z.tuple([arg('request', startRequestSchema)]),
    returns<{ ids: number[] }>(),
  ),
  'training.cancel': request(
    'Stops a queued or running run (its history so far is kept).',
    z.tuple([arg('id', runIdSchema)]),
    returns<null>(),
  ),
  'data.inspect': request(
    'Counts, classes, features and default split of a CSV, IDX file or image folder, for the dataset chooser; IDX images take their labels file.',
    z.tuple([
      arg('file', absolutePath),
      // null: no labels file, when options follow (JSON carries a skipped argument as null).
      arg('labels', absolutePath.nullable()).optional(),
      arg('options', inspectOptionsSchema).optional(),
    ]),
    returns<DataFileInfo>(),
  ),
  'data.pickFile': request(
    "Asks for a data file with the system's open dialog (desktop app only; a browser uploads instead); null when cancelled.",
    z.tuple([arg('options', z.strictObject({ purpose: z.enum(FILE_PURPOSES) }))]),
    returns<{ path: string } | null>(),
  ),
  'app.info': request('Version, database path, cores and defaults.', z.tuple([]), returns<AppInfo>()),
  ...labRequests,
  'explain.example': request(
    "One example (train:N, test:N, a saved drawing or raw input) through a finished run's network: a, z, δ, ∂J/∂Θ, one step.",
    z.tuple([arg('request', explainRequestSchema)]),
    returns<BackpropView>(),
  ),
  'explain.sumCheck': request(
    "The per-example gradients of a run's training set added up, against the vectorized gradient.",
    z.tuple([arg('runId', runIdSchema), arg('options', sumCheckOptionsSchema).optional()]),
    returns<SumCheckJson>(),
  ),
} as const;

/** One event row. `payload` holds no value at run time; only its type matters. */
export interface EventDef<P = unknown> {
  readonly doc: string;
  readonly payload: P;
}

function event<P>(doc: string): EventDef<P> {
  return { doc, payload: undefined as P };
}

/** Everything the renderer may hear, by name, with its payload type. Every run event carries the run's id. */
export const events = {
  'run.status': event<{ runId: number; status: RunStatus; failureReason: string | null }>(
    'A run changed status (queued → running → finished/failed/cancelled).',
  ),
  'run.progress': event<{ runId: number; iteration: number; cost: number; elapsedMs: number }>(
    'The optimizer reported J(Θ) at an iteration.',
  ),
  'run.snapshot': event<{
    runId: number;
    index: number;
    iteration: number;
    validationCost: number | null;
    validationAccuracy: number | null;
  }>(
    'New hidden-unit images are stored (fetch them with runs.snapshot), with the iteration and J_cv (no λ term) ' +
      'and accuracy on the validation set (null without one).',
  ),
  'lessons.gradientTiming': event<{ done: number; total: number; elapsedMs: number }>(
    'The numerical gradient of lessons.gradientTiming: parameters done of total, ms so far.',
  ),
  'run.done': event<{
    runId: number;
    status: Exclude<RunStatus, 'queued' | 'running'>;
    metrics: RunMetrics | null;
    failureReason: string | null;
  }>('A run reached a final status; metrics only when it finished.'),
  'runs.changed': event<{ runIds: number[]; change: 'created' | 'updated' | 'deleted' }>(
    'Runs were created, edited or deleted through the API (another window or tab may show them).',
  ),
  'app.navigate': event<{ view: View }>('The application menu asks the renderer to show a view.'),
  'sweeps.changed': event<{ sweepIds: number[]; change: 'created' | 'deleted' }>(
    'Sweeps were created or deleted (their runs come with runs.changed and run.* events).',
  ),
  'handwriting.changed': event<{ ids: number[]; change: 'created' | 'deleted' }>(
    'Drawings were saved to or deleted from "My handwriting".',
  ),
} as const;

// ── the vocabulary the renderer uses, from where it lives ──────────────────────────────────────
// The renderer imports src-main only through this module (scripts/import-cycles.test.mts checks it), so
// every type and constant a view needs is re-exported here from its home.

export { OVERFIT_MEASURED, OVERFIT_SETTINGS, type OverfitMeasurement } from '../lessons/overfit-settings';
export { defaultSplitSizes } from '../data/split';
export {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  OPTIMIZERS,
  datasetSpecSchema,
  hyperparametersSchema,
  type DatasetSpec,
  type Hyperparameters,
  type OptimizerName,
} from '../run/hyperparameters';
export {
  RUN_STATUSES,
  SORT_KEYS,
  type ConfusionMatrix,
  type CostHistory,
  type RunDetail,
  type RunMetrics,
  type RunStatus,
  type RunSummary,
  type SnapshotInfo,
  type SortKey,
  type SweepKind,
  type SweepSummary,
} from '../store/types';
export type {
  GradientCheckJson,
  GradientTimingJson,
  HandwritingEvaluation,
  HandwritingJson,
  MisclassifiedJson,
  SweepStartRequest,
  SweepView,
} from './lab-schemas';
export { LEARNING_CURVE_SIZES, VALIDATION_CURVE_LAMBDAS, type CurvePoint, type Spread } from '../lessons/sweeps';
export type { GradientCheckRow } from '../lessons/gradient-check';
export { summarize, welchTest, type SampleSummary, type WelchResult } from '../lessons/stats';
export type { PlantedBugInfo } from '../nn/planted-bugs';
export type { BackpropView, Contribution, SumCheckJson } from '../explain/types';

// ── types derived from the table ────────────────────────────────────────────────────────────────

export type Requests = typeof requests;
export type RequestChannel = keyof Requests;
/** The channels lab-handlers.ts answers; every other channel is handlers.ts's. */
export type LabChannel = keyof typeof labRequests;
export const REQUEST_CHANNELS = Object.keys(requests) as RequestChannel[];

/** The arguments a caller passes (defaults not yet filled). */
export type RequestArgs<C extends RequestChannel> = z.input<Requests[C]['args']>;
/** The arguments a handler receives (validated, defaults filled). */
export type ParsedArgs<C extends RequestChannel> = z.output<Requests[C]['args']>;
export type RequestResult<C extends RequestChannel> = Requests[C]['result'];

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = Events[E]['payload'];
export const EVENT_NAMES = Object.keys(events) as EventName[];
/** One event as it travels: its name and payload. */
export type ApiEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

/** True when `name` is a request channel of the table (own key, not e.g. "toString"). */
export function isRequestChannel(name: unknown): name is RequestChannel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

/** True when `name` is an event of the table (own key, not e.g. "toString"). */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

// The schemas must produce exactly what the store accepts; a drift fails typechecking here.
const _queryFits: (q: z.output<typeof listQuerySchema>) => ListQuery = (q) => q;
void _queryFits;
