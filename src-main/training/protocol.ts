/**
 * The messages between the supervisor and a training process, both ways, with runtime checks.
 *
 * Both ends validate what they receive: a message crosses a process boundary (structured clone or
 * Node's advanced serialization, so typed arrays arrive as typed arrays), and a malformed one must
 * become a clear error naming the field rather than a NaN deep in the store.
 */
import { z } from 'zod';
import { datasetSpecSchema, hyperparametersSchema } from '../run/hyperparameters';
import { MAX_MISCLASSIFIED_PER_RUN } from '../run/record';
import { MAX_HANDWRITING_SAMPLES } from '../store/types';
import { layerHealthSchema } from '../run/health-schema';

const count = z.number().int().min(0);
const finite = z.number(); // zod's number already rejects NaN and ±Infinity
const matrix = z.array(z.array(finite));
const fraction = z.number().min(0).max(1);
const sizes = z.array(z.number().int().min(1)).min(2);
// Typed as any buffer's view (what train() produces), not only ArrayBuffer's, which zod would infer.
const BytesClass: new (...args: never[]) => Uint8Array = Uint8Array;
const ThetaClass: new (...args: never[]) => Float64Array = Float64Array;
const bytes = z.instanceof(BytesClass);
const Float32Class: new (...args: never[]) => Float32Array = Float32Array;

// — parent → worker —

const startSchema = z.strictObject({
  type: z.literal('start'),
  runId: count,
  hyperparameters: hyperparametersSchema,
  dataset: datasetSpecSchema,
  /** Θ(1), Θ(2), … as arrays of rows (bias in column 0), for init 'file'. */
  initialThetas: z.array(matrix).optional(),
  /** The user's drawn digits, when dataset.testSource is 'handwriting' (the worker never opens the database). */
  handwriting: z
    .strictObject({
      width: z.number().int().min(1).max(256),
      height: z.number().int().min(1).max(256),
      labels: bytes.refine((l) => l.length <= MAX_HANDWRITING_SAMPLES, `at most ${MAX_HANDWRITING_SAMPLES} samples`),
      pixels: bytes,
    })
    .optional(),
});
const cancelSchema = z.strictObject({ type: z.literal('cancel') });
const toWorkerSchema = z.discriminatedUnion('type', [startSchema, cancelSchema]);

/** Train one run; a worker receives exactly one start. */
export type StartMessage = z.infer<typeof startSchema>;
/** Stop training as soon as the current iteration ends; the worker answers `cancelled`. */
export type CancelMessage = z.infer<typeof cancelSchema>;
export type ToWorker = z.infer<typeof toWorkerSchema>;

// — worker → parent —

/** The shapes a run will have once its data is loaded and Θ initialized (train()'s onStart reports it). */
export const trainStartInfoSchema = z.strictObject({
  sizes,
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  trainSize: count,
  validationSize: count,
  testSize: count,
  /** What the data means: class names in output order, feature names, standardization. */
  data: z.strictObject({
    classNames: z.array(z.string()).min(2).max(100),
    featureNames: z.array(z.string()).nullable(),
    standardization: z.strictObject({ mean: z.array(finite), sd: z.array(finite) }).nullable(),
  }),
});
export type TrainStartInfo = z.infer<typeof trainStartInfoSchema>;

const startedSchema = trainStartInfoSchema.extend({ type: z.literal('started') });
const progressPoint = z.strictObject({ iteration: count, cost: finite, elapsedMs: z.number().min(0) });
const progressSchema = z.strictObject({ type: z.literal('progress'), points: z.array(progressPoint) });
const snapshotSchema = z.strictObject({
  type: z.literal('snapshot'),
  index: count,
  iteration: count,
  gridPng: bytes,
  unitPngs: z.array(bytes),
  /** J_cv (no λ term) and accuracy on the validation set at this iteration; null without one. */
  validationCost: z.number().min(0).finite().nullable(),
  validationAccuracy: fraction.nullable(),
  /** Θ at this iteration in float32, for the cost surface's path plane (absent from older workers). */
  theta: z.instanceof(Float32Class).optional(),
  /** Training health per layer at this iteration (nn/health.ts); null when not finite, absent from older workers. */
  health: z.array(layerHealthSchema).nullable().optional(),
});
const doneSchema = z.strictObject({
  type: z.literal('done'),
  /** Final Θ, unrolled. */
  theta: z.instanceof(ThetaClass),
  /** Θ₀, the weights training started from. */
  initialTheta: z.instanceof(ThetaClass),
  sizes,
  metrics: z.strictObject({
    trainAccuracy: fraction,
    validationAccuracy: fraction.nullable(),
    testAccuracy: fraction.nullable(),
    finalCost: finite,
    durationMs: z.number().min(0),
    costEvaluations: count,
  }),
  /** Test set confusion[actual][predicted]. */
  confusion: z.array(z.array(count)),
  /** The first test digits classified wrongly, in test-set order, with their images. */
  misclassified: z
    .array(z.strictObject({ position: count, label: count, predicted: count, png: bytes }))
    .max(MAX_MISCLASSIFIED_PER_RUN),
});
const cancelledSchema = z.strictObject({ type: z.literal('cancelled') });
const errorSchema = z.strictObject({ type: z.literal('error'), message: z.string() });
const fromWorkerSchema = z.discriminatedUnion('type', [
  startedSchema,
  progressSchema,
  snapshotSchema,
  doneSchema,
  cancelledSchema,
  errorSchema,
]);

/** The data is loaded and Θ initialized: the shapes the run will have. */
export type StartedMessage = z.infer<typeof startedSchema>;
/** Cost points since the last progress message, in iteration order. */
export type ProgressMessage = z.infer<typeof progressSchema>;
/** Hidden-unit images of the weights at one iteration. */
export type SnapshotMessage = z.infer<typeof snapshotSchema>;
/** Training ended well: final Θ (unrolled), metrics and the test confusion matrix. */
export type DoneMessage = z.infer<typeof doneSchema>;
/** Training stopped because the parent asked; every progress point was sent before this. */
export type CancelledMessage = z.infer<typeof cancelledSchema>;
/** Training could not go on (bad data file, bad Θ, diverged cost…). */
export type ErrorMessage = z.infer<typeof errorSchema>;
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** Checks a message a worker received from its parent; throws naming the offending field. */
export function parseToWorker(message: unknown): ToWorker {
  return parseWith(toWorkerSchema, message, 'message to the training process');
}

/** Checks a message the supervisor received from a worker; throws naming the offending field. */
export function parseFromWorker(message: unknown): FromWorker {
  return parseWith(fromWorkerSchema, message, 'message from the training process');
}

function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
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
