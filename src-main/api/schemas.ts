/**
 * The argument schemas of the API table (table.ts): what a request may carry, bounded so a hostile
 * payload is refused before it costs anything. Rows name each argument with `arg`, so an error can say
 * "runs.snapshot: index: …".
 */
import { z } from 'zod';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  OPTIMIZERS,
  datasetSpecSchema,
  defaultEpsilon,
  hyperparametersSchema,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import { RUN_STATUSES, SORT_KEYS, type ListQuery } from '../store/types';
import { firstSteering } from '../store/visible-text';

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

export const arg = <T extends z.ZodType>(name: string, schema: T): T => schema.describe(name) as T;

/** Hidden layers are 2…L−1 of at most 8 hidden layers; a hidden layer has at most 4096 units (hyperparameters.ts). */
export const MAX_LAYERS = 9;
export const MAX_UNITS = 4096;
export const runIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const absolutePath = z.string().min(1).max(LIMITS.pathLength);
export const tagSchema = z.string().max(LIMITS.tagLength);
const oneOrMany = <T extends z.ZodType>(item: T, max: number) => z.union([item, z.array(item).max(max)]);
const rangeSchema = z.strictObject({ min: z.number().optional(), max: z.number().optional() });

export const runFilterSchema = z.strictObject({
  status: oneOrMany(z.enum(RUN_STATUSES), RUN_STATUSES.length).optional(),
  optimizer: oneOrMany(z.enum(OPTIMIZERS), OPTIMIZERS.length).optional(),
  tag: oneOrMany(tagSchema, LIMITS.tagCount).optional(),
  /** Runs with a tag that starts with this (case-insensitive). */
  tagPrefix: tagSchema.optional(),
  lambda: rangeSchema.optional(),
  hiddenSize: rangeSchema.optional(),
  text: z.string().max(LIMITS.textLength).optional(),
  sweepId: runIdSchema.optional(),
  /** true: only the lessons' runs (runs of a sweep); false: only runs of no sweep. */
  inSweep: z.boolean().optional(),
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

/** A run name is one line of visible text: no control character or bidirectional override (issue 20, B6). */
function refuseSteering(name: string, ctx: z.RefinementCtx): void {
  const found = firstSteering(name);
  if (found) {
    ctx.addIssue({
      code: 'custom',
      message: `contains the control character ${found.escaped} at character ${found.position}; a name must be one line of visible text`,
    });
  }
}

/** What a user fills in to train: missing hyperparameters and dataset fields take Ng's defaults. */
export const startRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(LIMITS.nameLength).superRefine(refuseSteering).optional(),
    hyperparameters: hyperparametersSchema.partial().optional(),
    dataset: datasetSpecSchema.partial().optional(),
    /** Several runs of the same network; run k uses seed + k, so they differ only by their start. */
    count: z.number().int().min(1).max(LIMITS.runsPerStart).optional(),
  })
  .transform((r) => ({
    name: r.name,
    // ε follows the activation unless given (tanh: Glorot's per-layer, ReLU: He's), as parseHyperparameters does:
    // filling Ng's 0.12 here first would start every tanh or ReLU run from the sigmoid's ε.
    hyperparameters: {
      ...DEFAULT_HYPERPARAMETERS,
      epsilon: defaultEpsilon(r.hyperparameters?.activation ?? 'sigmoid'),
      ...r.hyperparameters,
    } as Hyperparameters,
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

/** What a data file chosen in the dialog is for, so the dialog can say so and offer the right formats first. */
export const FILE_PURPOSES = ['images', 'labels', 'test-images', 'test-labels'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

// The schemas must produce exactly what the store accepts; a drift fails typechecking here.
const _queryFits: (q: z.output<typeof listQuerySchema>) => ListQuery = (q) => q;
void _queryFits;
