/**
 * The messages between the supervisor and a training process, both ways, with runtime checks.
 *
 * Both ends validate what they receive: a message crosses a process boundary (structured clone or
 * Node's advanced serialization, so typed arrays arrive as typed arrays), and a malformed one must
 * become a clear error naming the field rather than a NaN deep in the store.
 */
import { z } from 'zod';
import {
  datasetSpecSchema,
  hyperparametersSchema,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import {
  MAX_MISCLASSIFIED_PER_RUN,
  type ConfusionMatrix,
  type MisclassifiedDigit,
  type ProgressPoint,
  type RunDataInfo,
  type RunMetrics,
} from '../run/record';
import { MAX_HANDWRITING_SAMPLES } from '../store/types';
import type { HandwritingSet } from './test-set-extras';

// — parent → worker —

/** Train one run; a worker receives exactly one start. */
export interface StartMessage {
  type: 'start';
  runId: number;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  /** Θ(1), Θ(2), … as arrays of rows (bias in column 0), for init 'file'. */
  initialThetas?: number[][][];
  /** The user's drawn digits, when dataset.testSource is 'handwriting' (the worker never opens the database). */
  handwriting?: HandwritingSet;
}

/** Stop training as soon as the current iteration ends; the worker answers `cancelled`. */
export interface CancelMessage {
  type: 'cancel';
}

export type ToWorker = StartMessage | CancelMessage;

// — worker → parent —

/** The data is loaded and Θ initialized: the shapes the run will have. */
export interface StartedMessage {
  type: 'started';
  sizes: number[];
  width: number;
  height: number;
  trainSize: number;
  validationSize: number;
  testSize: number;
  /** What the data means: class names in output order, feature names, standardization. */
  data: RunDataInfo;
}

/** Cost points since the last progress message, in iteration order. */
export interface ProgressMessage {
  type: 'progress';
  points: ProgressPoint[];
}

/** Hidden-unit images of the weights at one iteration. */
export interface SnapshotMessage {
  type: 'snapshot';
  index: number;
  iteration: number;
  gridPng: Uint8Array;
  unitPngs: Uint8Array[];
}

/** Training ended well: final Θ (unrolled), metrics and the test confusion matrix. */
export interface DoneMessage {
  type: 'done';
  theta: Float64Array;
  sizes: number[];
  metrics: RunMetrics;
  confusion: ConfusionMatrix;
  /** The first test digits classified wrongly, in test-set order, with their images. */
  misclassified: MisclassifiedDigit[];
}

/** Training stopped because the parent asked; every progress point was sent before this. */
export interface CancelledMessage {
  type: 'cancelled';
}

/** Training could not go on (bad data file, bad Θ, diverged cost…). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type FromWorker =
  StartedMessage | ProgressMessage | SnapshotMessage | DoneMessage | CancelledMessage | ErrorMessage;

const count = z.number().int().min(0);
const finite = z.number(); // zod's number already rejects NaN and ±Infinity
const matrix = z.array(z.array(finite));

const toWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    runId: count,
    hyperparameters: hyperparametersSchema,
    dataset: datasetSpecSchema,
    initialThetas: z.array(matrix).optional(),
    handwriting: z
      .strictObject({
        width: z.number().int().min(1).max(256),
        height: z.number().int().min(1).max(256),
        labels: z
          .instanceof(Uint8Array)
          .refine((l) => l.length <= MAX_HANDWRITING_SAMPLES, `at most ${MAX_HANDWRITING_SAMPLES} samples`),
        pixels: z.instanceof(Uint8Array),
      })
      .optional(),
  }),
  z.strictObject({ type: z.literal('cancel') }),
]);

const progressPoint = z.strictObject({ iteration: count, cost: finite, elapsedMs: z.number().min(0) });
const fraction = z.number().min(0).max(1);

const fromWorkerSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('started'),
    sizes: z.array(z.number().int().min(1)).min(2),
    width: z.number().int().min(1),
    height: z.number().int().min(1),
    trainSize: count,
    validationSize: count,
    testSize: count,
    data: z.strictObject({
      classNames: z.array(z.string()).min(2).max(100),
      featureNames: z.array(z.string()).nullable(),
      standardization: z.strictObject({ mean: z.array(finite), sd: z.array(finite) }).nullable(),
    }),
  }),
  z.strictObject({ type: z.literal('progress'), points: z.array(progressPoint) }),
  z.strictObject({
    type: z.literal('snapshot'),
    index: count,
    iteration: count,
    gridPng: z.instanceof(Uint8Array),
    unitPngs: z.array(z.instanceof(Uint8Array)),
  }),
  z.strictObject({
    type: z.literal('done'),
    theta: z.instanceof(Float64Array),
    sizes: z.array(z.number().int().min(1)).min(2),
    metrics: z.strictObject({
      trainAccuracy: fraction,
      validationAccuracy: fraction.nullable(),
      testAccuracy: fraction.nullable(),
      finalCost: finite,
      durationMs: z.number().min(0),
      costEvaluations: count,
    }),
    confusion: z.array(z.array(count)),
    misclassified: z
      .array(z.strictObject({ position: count, label: count, predicted: count, png: z.instanceof(Uint8Array) }))
      .max(MAX_MISCLASSIFIED_PER_RUN),
  }),
  z.strictObject({ type: z.literal('cancelled') }),
  z.strictObject({ type: z.literal('error'), message: z.string() }),
]);

/** Checks a message a worker received from its parent; throws naming the offending field. */
export function parseToWorker(message: unknown): ToWorker {
  return parseWith(toWorkerSchema, message, 'message to the training process') as ToWorker;
}

/** Checks a message the supervisor received from a worker; throws naming the offending field. */
export function parseFromWorker(message: unknown): FromWorker {
  return parseWith(fromWorkerSchema, message, 'message from the training process') as FromWorker;
}

function parseWith(schema: z.ZodType, value: unknown, what: string): unknown {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  const kind =
    typeof value === 'object' && value !== null && 'type' in value
      ? ` (${String((value as { type: unknown }).type)})`
      : '';
  throw new Error(`invalid ${what}${kind}: ${where}${issue.message}`);
}
