/**
 * Argument schemas of the Backprop view's channels (explain.*): which run, which example, which label
 * and learning rate. Kept apart from the handlers so the renderer, which reads table.ts, never pulls in
 * the data loaders.
 */
import { z } from 'zod';
import { handwritingIdSchema } from './draw-and-lesson-schemas';

export const EXPLAIN_LIMITS = {
  /** Input values of a raw example (the pad sends 784; a CSV network may have more). */
  inputValues: 100_000,
  /** Example index bound: no dataset the lab reads has more rows. */
  exampleIndex: 100_000_000,
  /** Training examples the sum check adds up at most (~1 s for 784-25-10). */
  sumExamples: 20_000,
} as const;

const index = z.number().int().min(0).max(EXPLAIN_LIMITS.exampleIndex);

export const exampleSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('train'), index }),
  z.strictObject({ kind: z.literal('test'), index }),
  z.strictObject({ kind: z.literal('drawing'), id: handwritingIdSchema }),
  z.strictObject({
    kind: z.literal('pixels'),
    pixels: z.array(z.number().min(-1e6).max(1e6)).min(1).max(EXPLAIN_LIMITS.inputValues),
  }),
]);

const weightsSchema = z.enum(['final', 'initial']);

export const explainRequestSchema = z.strictObject({
  runId: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  source: exampleSourceSchema,
  /** "What if the label were k?": the target instead of the example's own label. */
  label: z.number().int().min(0).max(10_000).optional(),
  /** Learning rate of the one step shown (default 1). */
  rate: z.number().positive().max(1e6).optional(),
  weights: weightsSchema.optional(),
});

export const sumCheckOptionsSchema = z.strictObject({
  weights: weightsSchema.optional(),
  /** Add up the first `limit` training examples only (default: all, up to EXPLAIN_LIMITS.sumExamples). */
  limit: z.number().int().min(1).max(EXPLAIN_LIMITS.sumExamples).optional(),
});
