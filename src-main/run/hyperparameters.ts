/**
 * Everything that defines a training run, with Ng's exercise 4 as the defaults. One schema serves
 * the CLI, the store, the worker protocol and the API, so a value is validated the same way everywhere.
 */
import { z } from 'zod';
import { IMPLEMENTATIONS } from '../nn/cost';
import { ACTIVATIONS, COSTS, NG_MODEL, type HiddenActivation, type ModelChoice } from '../nn/model';

export const OPTIMIZERS = ['cg', 'lbfgs', 'sgd'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

const positiveInt = (max: number) => z.number().int().min(1).max(max);

export const hyperparametersSchema = z.strictObject({
  /** Units of each hidden layer, input side first. */
  hiddenLayers: z.array(positiveInt(4096)).min(1).max(8),
  /** Regularization strength λ ≥ 0. */
  lambda: z.number().min(0).max(1e6),
  optimizer: z.enum(OPTIMIZERS),
  /** Iterations for cg and lbfgs; epochs for sgd. */
  iterations: positiveInt(100_000),
  /** sgd only: examples per mini-batch (1 = online learning). */
  batchSize: positiveInt(1_000_000),
  /** sgd only. */
  learningRate: z.number().gt(0).max(1e3),
  /** sgd only: fraction of the previous step kept, in [0, 1). */
  momentum: z.number().min(0).lt(1),
  /** uniform: each weight from U[−ε, ε]; zeros: all 0 (shows why symmetry must be broken); file: given Θ. */
  init: z.enum(['uniform', 'zeros', 'file']),
  /** ε for uniform init; 'per-layer' uses √6 / √(L_in + L_out) for each Θ (Glorot), 'he' √6 / √L_in (ReLU). */
  epsilon: z.union([z.number().gt(0).max(10), z.literal('per-layer'), z.literal('he')]),
  /** Seed of the initial weights and of sgd's shuffling. */
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
  impl: z.enum(IMPLEMENTATIONS),
  /**
   * The cost J; absent means cross-entropy (Ng's). Optional so that every run stored before it existed,
   * and every Ng run since, keeps the same JSON: parseHyperparameters leaves Ng's values out.
   */
  cost: z.enum(COSTS).optional(),
  /** The hidden units' activation (outputs stay sigmoid); absent means sigmoid (Ng's). */
  activation: z.enum(ACTIVATIONS).optional(),
});

export type Hyperparameters = z.infer<typeof hyperparametersSchema>;

export const DEFAULT_HYPERPARAMETERS: Hyperparameters = {
  hiddenLayers: [25],
  lambda: 1,
  optimizer: 'cg',
  iterations: 50,
  batchSize: 100,
  learningRate: 0.5,
  momentum: 0.9,
  init: 'uniform',
  epsilon: 0.12,
  seed: 1,
  impl: 'fast',
};

export const datasetSpecSchema = z.strictObject({
  /** mnist: the bundled 10,000 digits; csv / idx: a file of the user's; folder: one sub-folder of images per class. */
  source: z.enum(['mnist', 'csv', 'idx', 'folder']),
  file: z.string().min(1).max(4096).optional(),
  labels: z.string().min(1).max(4096).optional(),
  /** Separate test data; otherwise the test set is split off the training data. */
  testFile: z.string().min(1).max(4096).optional(),
  testLabels: z.string().min(1).max(4096).optional(),
  /**
   * Where the test set comes from: 'data' (default: split off the data, or testFile) or 'handwriting':
   * the user's own drawn digits kept in the store, which the supervisor hands to the run when it starts
   * (testSize then records how many there were).
   */
  testSource: z.enum(['data', 'handwriting']).optional(),
  trainSize: z.number().int().min(1).max(10_000_000),
  validationSize: z.number().int().min(0).max(10_000_000),
  testSize: z.number().int().min(0).max(10_000_000),
  /** The class column of a CSV, as the user gave it: a header name or a 1-based column number. */
  labelColumn: z.string().min(1).max(200).optional(),
  /** Leave out CSV rows with a missing value (otherwise such a file is refused). */
  dropMissing: z.boolean().optional(),
  /** Z-score each feature with the training split's mean and sd (stored with the run). */
  standardize: z.boolean().optional(),
  /** Split so each part holds the classes in the data's proportions (runs made before this: plain shuffle). */
  stratify: z.boolean().optional(),
  /** folder: images are resized to imageSize×imageSize (default 28). */
  imageSize: z.number().int().min(2).max(256).optional(),
  /** Seed of the shuffle that splits the data. */
  dataSeed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1),
});

export type DatasetSpec = z.infer<typeof datasetSpecSchema>;

export const DEFAULT_DATASET: DatasetSpec = {
  source: 'mnist',
  trainSize: 5000,
  validationSize: 2500,
  testSize: 2500,
  dataSeed: 1,
};

/**
 * The ε users expect for a hidden activation when they give none: Ng's 0.12 for the sigmoid,
 * Glorot's per-layer √6/√(L_in + L_out) for tanh, He's √6/√L_in for ReLU.
 */
export function defaultEpsilon(activation: HiddenActivation): Hyperparameters['epsilon'] {
  return activation === 'tanh' ? 'per-layer' : activation === 'relu' ? 'he' : DEFAULT_HYPERPARAMETERS.epsilon;
}

/** The cost and hidden activation of a run (Ng's where the hyperparameters name none). */
export function modelOf(hp: Pick<Hyperparameters, 'cost' | 'activation'>): ModelChoice {
  return { cost: hp.cost ?? NG_MODEL.cost, activation: hp.activation ?? NG_MODEL.activation };
}

/**
 * Parses untrusted input into hyperparameters, filling defaults (ε follows the activation when not
 * given); the error names the offending field. Ng's cost and activation are left out of the result, so
 * an Ng run has one JSON however it was asked for.
 */
export function parseHyperparameters(input: unknown): Hyperparameters {
  const given = (input ?? {}) as Partial<Record<keyof Hyperparameters, unknown>>;
  const activation = (ACTIVATIONS as readonly unknown[]).includes(given.activation)
    ? (given.activation as HiddenActivation)
    : NG_MODEL.activation;
  const defaults = { ...DEFAULT_HYPERPARAMETERS, epsilon: defaultEpsilon(activation) };
  const hp = parseWith(hyperparametersSchema, { ...defaults, ...(input as object) }, 'hyperparameters');
  if (hp.cost === NG_MODEL.cost) delete hp.cost;
  if (hp.activation === NG_MODEL.activation) delete hp.activation;
  return hp;
}

/** Parses untrusted input into a dataset spec, filling defaults; the error names the offending field. */
export function parseDatasetSpec(input: unknown): DatasetSpec {
  return parseWith(datasetSpecSchema, { ...DEFAULT_DATASET, ...(input as object) }, 'dataset');
}

/**
 * A hyperparameter or dataset value the schema refuses: the message names section and field
 * ("hyperparameters: hiddenLayers.0: …"), and `field` and `problem` carry them apart, so a shell can name
 * the refused value in its own words (the CLI: by its flag) without reading the message back.
 */
export class FieldError extends Error {
  constructor(
    readonly section: 'hyperparameters' | 'dataset',
    readonly field: string | undefined,
    readonly problem: string,
    where: string,
  ) {
    super(`${section}: ${where}: ${problem}`);
  }
}

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: 'hyperparameters' | 'dataset'): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue.path.length ? issue.path.join('.') : what;
  const field = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
  throw new FieldError(what, field, issue.message, where);
}
