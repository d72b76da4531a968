/**
 * The one table of everything the renderer may ask and everything it may hear.
 *
 * Each request row is a channel name ("<namespace>.<method>", so the client can offer
 * `api.runs.snapshot(id, index)`), a doc line, a zod tuple of its arguments (each named with
 * `.describe`, so errors can say "runs.snapshot: index: …") and its result type. Each event row is a
 * name and a payload type. Electron IPC, the preload bridge, the localhost host and the renderer's
 * client are all derived from these rows: a new channel is a row here (a lesson's among labRequests)
 * and its implementation in handlers.ts (draw-and-lesson-handlers.ts for labRequests), nothing else. Each event
 * row is a doc line and its payload type; adding one is a row in `events` and an `emit` where it happens.
 *
 * Everything crossing the boundary is JSON-safe (no typed arrays, no Dates): PNGs travel as base64
 * strings and weights as plain number arrays, so IPC and HTTP carry exactly the same values.
 * Schemas bound every string and array, so a hostile payload is refused before it costs anything.
 * Argument schemas live in schemas.ts (lesson ones in draw-and-lesson-schemas.ts), result shapes in payloads.ts;
 * this module re-exports both, so it stays the one door the renderer and the shells import.
 */
import { z } from 'zod';
import type { PlantedBugInfo } from '../nn/planted-bugs';
import type { BackpropView, SumCheckJson } from '../explain/types';
import { explainRequestSchema, sumCheckOptionsSchema } from './explain-schemas';
import {
  landscapeBarriersSchema,
  landscapeCancelSchema,
  landscapeLineSchema,
  landscapePathSchema,
  landscapePlaneSchema,
  type LandscapeBarriersJson,
  type LandscapeLineJson,
  type LandscapePathJson,
  type LandscapePlaneJson,
  type LandscapeProgress,
} from './landscape-schemas';
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
} from './draw-and-lesson-schemas';
import {
  FILE_PURPOSES,
  LIMITS,
  MAX_LAYERS,
  MAX_UNITS,
  absolutePath,
  arg,
  inspectOptionsSchema,
  listQuerySchema,
  runFilterSchema,
  runIdSchema,
  startRequestSchema,
  tagSchema,
} from './schemas';
import type { AppInfo, DataFileInfo, HiddenUnitJson, SnapshotImagesBase64, View, WeightsJson } from './payloads';
import type {
  CostHistory,
  RunDetail,
  RunHealth,
  RunMetrics,
  RunStatus,
  RunSummary,
  SweepSummary,
  TagCount,
} from '../store/types';

export * from './schemas';
export type * from './payloads';

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

/** The drawing pad's and the lessons' rows (draw-and-lesson-handlers.ts implements exactly these). */
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
  'runs.tags': request(
    'Every tag in use with how many runs carry it, most used first (for suggesting tags).',
    z.tuple([]),
    returns<TagCount[]>(),
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
  'runs.health': request(
    'Training health of several runs at each of their snapshots (per layer: gradient norms, ‖ΔΘ‖/‖Θ‖, ' +
      'saturated fraction, percentile bands), in the order asked; [] for runs recorded before it was kept.',
    z.tuple([arg('ids', z.array(runIdSchema).max(LIMITS.historyIds))]),
    returns<RunHealth[]>(),
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
  'landscape.line': request(
    "J along the line from a run's Θ₀ to its final Θ, or between two runs' final Θ (barrier; align: hidden units matched first); null when cancelled.",
    z.tuple([arg('request', landscapeLineSchema)]),
    returns<LandscapeLineJson | null>(),
  ),
  'landscape.plane': request(
    "J on a plane of two seeded, filter-normalized random directions around a run's final Θ; null when cancelled.",
    z.tuple([arg('request', landscapePlaneSchema)]),
    returns<LandscapePlaneJson | null>(),
  ),
  'landscape.path': request(
    "J on the plane of the first two principal directions of a run's training path, with the path on it; null when cancelled.",
    z.tuple([arg('request', landscapePathSchema)]),
    returns<LandscapePathJson | null>(),
  ),
  'landscape.barriers': request(
    "The barrier between every pair of runs' final Θ, before and after matching hidden units; null when cancelled.",
    z.tuple([arg('request', landscapeBarriersSchema)]),
    returns<LandscapeBarriersJson | null>(),
  ),
  'landscape.cancel': request(
    'Stops the landscape computation with this request id (or every one); it answers null. False when none was running.',
    z.tuple([arg('requestId', landscapeCancelSchema)]),
    returns<boolean>(),
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
  'landscape.progress': event<LandscapeProgress>(
    'A landscape computation (line, plane, path, barriers) evaluated `done` of its `total` values of J.',
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
  type LayerHealth,
  type RunDetail,
  type RunHealth,
  type RunMetrics,
  type SnapshotHealth,
  type RunStatus,
  type RunSummary,
  type SnapshotInfo,
  type SortKey,
  type SweepKind,
  type SweepSummary,
  type TagCount,
} from '../store/types';
export type {
  GradientCheckJson,
  GradientTimingJson,
  HandwritingEvaluation,
  HandwritingJson,
  MisclassifiedJson,
  SweepStartRequest,
  SweepView,
} from './draw-and-lesson-schemas';
export { LEARNING_CURVE_SIZES, VALIDATION_CURVE_LAMBDAS, type CurvePoint, type Spread } from '../lessons/sweeps';
export { IMPLEMENTATIONS, type Implementation } from '../nn/cost';
export { ACTIVATIONS, COSTS, NG_MODEL, type CostName, type HiddenActivation, type ModelChoice } from '../nn/model';
export { defaultEpsilon, modelOf } from '../run/hyperparameters';
export { HEALTH_PERCENTILES, HEALTH_SAMPLE_SIZE } from '../nn/health';
export type { GradientCheckRow } from '../lessons/gradient-check';
export {
  pairedTest,
  summarize,
  welchTest,
  type PairedResult,
  type SampleSummary,
  type WelchResult,
} from '../lessons/stats';
export type { PlantedBugInfo } from '../nn/planted-bugs';
export type { BackpropView, Contribution, DeltaCheckJson, SumCheckJson } from '../explain/types';
export { OVERFIT_RISE, overfitVerdict, type OverfitVerdict } from '../lessons/overfit-verdict';
export {
  FALLING_PER_DOUBLING,
  SLOPE_POINTS,
  learningCurveVerdict,
  type LearningCurveVerdict,
} from '../lessons/learning-curve-verdict';
export { estimateTrainingMs, type RunTimeEstimate } from '../lessons/run-time-estimate';
export { agreeingDigits, largestCurveDifference } from '../lessons/agreeing-digits';
export {
  NEURON_MAX_EPOCHS,
  NEURON_SETUP,
  NEURON_STARTS,
  PLATEAU_TOLERANCE,
  deltaFactors,
  fastestFall,
  plateau,
  sigmoid,
  trainNeuron,
  validateNeuronSettings,
  type DeltaFactors,
  type NeuronCurve,
  type NeuronSettings,
  type Plateau,
} from '../lessons/single-neuron';
export { unitName, weightName, weightIndex, type LayerNames } from '../nn/weight-names';
export {
  LANDSCAPE_LIMITS,
  type LandscapeBarriersJson,
  type LandscapeBarriersRequest,
  type LandscapeEndpointJson,
  type LandscapeLineJson,
  type LandscapeLineRequest,
  type LandscapePathJson,
  type LandscapePathPointJson,
  type LandscapePathRequest,
  type LandscapePlaneJson,
  type LandscapePlaneRequest,
  type LandscapeProgress,
} from './landscape-schemas';

// ── types derived from the table ────────────────────────────────────────────────────────────────

export type Requests = typeof requests;
export type RequestChannel = keyof Requests;
/** The channels draw-and-lesson-handlers.ts answers; every other channel is handlers.ts's. */
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
export {
  OSCILLATION_RULE,
  TRAPS,
  TRAP_IDS,
  biasGradients,
  costTrouble,
  firstSnapshot,
  saturatedOf,
  type BiasGradients,
  type CostTrouble,
  type Trap,
  type TrapId,
  type TrapRun,
} from '../lessons/traps';
