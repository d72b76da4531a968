/**
 * Argument schemas and result types of the drawing pad's and the lessons' channels (handwriting.*,
 * lessons.*, sweeps.*, runs.misclassified). The rows themselves are in table.ts; this file keeps the
 * shapes, so the table stays one page of rows.
 *
 * Every bound is deliberate: a drawing is exactly 28×28 values in [0, 1], a gradient check is capped so
 * it answers within ~100 ms in the main process, a sweep starts at most LIMITS.runsPerStart runs.
 */
import type { GradientTimingResult } from '../lessons/gradient-timing';
import { z } from 'zod';
import type { GradientCheckLessonResult } from '../lessons/gradient-check';
import { LEARNING_CURVE_SIZES, VALIDATION_CURVE_LAMBDAS, type CurvePoint, type Spread } from '../lessons/sweeps';
import { PLANTED_BUGS } from '../nn/planted-bugs';
import { datasetSpecSchema, hyperparametersSchema, type Hyperparameters } from '../run/hyperparameters';
import { SWEEP_KINDS, type RunSummary, type SweepDetail } from '../store/types';

/** Side of the drawing pad's input: MNIST's 28×28. */
export const DRAWING_SIDE = 28;

export const LAB_LIMITS = {
  /** Values of one drawing: 28·28. */
  drawingValues: DRAWING_SIDE * DRAWING_SIDE,
  /** Values one sweep may plan (the validation curve's ten λ fit twice). */
  sweepRuns: 20,
  /** Seeds per point of a validation or learning curve. */
  seedsPerPoint: 10,
  /** Runs one sweep may start in all: values × seeds per point (ex5's ten λ from 5 seeds each). */
  sweepTotalRuns: 50,
  /** Hidden layers and units of a gradient check's chosen network. */
  gradientCheckHiddenLayers: 3,
  gradientCheckUnits: 100,
  gradientCheckExamples: 50,
  gradientCheckSample: 500,
  /**
   * Parameters × examples × evaluations of J a check may cost (2 per sampled parameter + 1 for backprop):
   * 30 million is ~100 ms of the loop implementation on one core.
   */
  gradientCheckWork: 30_000_000,
} as const;

// ── arguments ───────────────────────────────────────────────────────────────────────────────────

export const sweepIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
export const handwritingIdSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);

/** A labelled drawing: the preprocessed 28×28 input (row-major, row 0 on top), each value in [0, 1]. */
export const handwritingSaveSchema = z.strictObject({
  label: z.number().int().min(0).max(9),
  input: z.array(z.number().min(0).max(1)).length(LAB_LIMITS.drawingValues),
});

const bugIds = PLANTED_BUGS.map((b) => b.id) as [PlantedBugId, ...PlantedBugId[]];
type PlantedBugId = (typeof PLANTED_BUGS)[number]['id'];

export const gradientCheckSchema = z.strictObject({
  /** 'debug': Ng's 3-5-3 network with 5 examples; or inputs-hidden…-outputs with m synthetic examples. */
  network: z.union([
    z.literal('debug'),
    z.strictObject({
      hidden: z
        .array(z.number().int().min(1).max(LAB_LIMITS.gradientCheckUnits))
        .min(1)
        .max(LAB_LIMITS.gradientCheckHiddenLayers),
      /** Default 784 (a 28×28 digit). */
      inputs: z.number().int().min(1).max(LAB_LIMITS.drawingValues).optional(),
      /** Default 10 (the digits). */
      outputs: z.number().int().min(2).max(10).optional(),
      /** Synthetic examples; default 5, as Ng's checkNNGradients. */
      m: z.number().int().min(1).max(LAB_LIMITS.gradientCheckExamples).optional(),
    }),
  ]),
  lambda: z.number().min(0).max(1000),
  bug: z.enum(bugIds).optional(),
  /** Parameters checked (default: all 38 of the debug network, 20 of a chosen one). */
  sample: z.number().int().min(1).max(LAB_LIMITS.gradientCheckSample).optional(),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  /** Which correct implementation to check when there is no bug; default 'loop'. */
  impl: z.enum(['loop', 'vectorized']).optional(),
});

const lambdaValue = z.number().min(0).max(1e6);

/**
 * A sweep: its kind, what every run shares (missing fields take the defaults, and for 'overfit' those of
 * lessons/overfit-settings.ts: 300 training examples, 1,000 validation and test, 400 iterations, ε = 2) and the values of the kind: lambdas (validation-curve, default
 * ex5's ten), trainSizes (learning-curve, default 50…5000), seeds (how many, default 5), lambda (overfit:
 * the λ compared with 0, default 1). symmetry and implementations take no values. A validation or
 * learning curve or the overfit pair may train each point from `seedsPerPoint` seeds (default 1; at most LAB_LIMITS.sweepTotalRuns
 * runs in all) so its points carry error bars. `sequential` trains
 * the points one after another, each alone on the machine (default: only for implementations, whose
 * times are compared).
 */
export const sweepStartSchema = z
  .strictObject({
    kind: z.enum(SWEEP_KINDS),
    name: z.string().trim().min(1).max(200).optional(),
    base: z
      .strictObject({
        hyperparameters: hyperparametersSchema.partial().optional(),
        dataset: datasetSpecSchema.partial().optional(),
      })
      .optional(),
    lambdas: z.array(lambdaValue).min(1).max(LAB_LIMITS.sweepRuns).optional(),
    trainSizes: z.array(z.number().int().min(1).max(10_000_000)).min(1).max(LAB_LIMITS.sweepRuns).optional(),
    seeds: z.number().int().min(1).max(LAB_LIMITS.sweepRuns).optional(),
    seedsPerPoint: z.number().int().min(1).max(LAB_LIMITS.seedsPerPoint).optional(),
    lambda: lambdaValue.gt(0).optional(),
    sequential: z.boolean().optional(),
  })
  .superRefine((r, ctx) => {
    const allowed: Record<(typeof SWEEP_KINDS)[number], string | null> = {
      'validation-curve': 'lambdas',
      'learning-curve': 'trainSizes',
      seeds: 'seeds',
      overfit: 'lambda',
      symmetry: null,
      implementations: null,
    };
    for (const key of ['lambdas', 'trainSizes', 'seeds', 'lambda'] as const) {
      if (r[key] !== undefined && allowed[r.kind] !== key) {
        const takes = allowed[r.kind] ? `only ${allowed[r.kind]}` : 'no values';
        ctx.addIssue({ code: 'custom', path: [key], message: `a ${r.kind} sweep takes ${takes}, not ${key}` });
      }
    }
    if (r.seedsPerPoint !== undefined) {
      if (r.kind !== 'validation-curve' && r.kind !== 'learning-curve' && r.kind !== 'overfit') {
        ctx.addIssue({
          code: 'custom',
          path: ['seedsPerPoint'],
          message: `only a validation curve, learning curve or overfit pair takes seedsPerPoint, not a ${r.kind} sweep (a seeds sweep takes seeds)`,
        });
      } else {
        const points =
          r.kind === 'validation-curve'
            ? (r.lambdas ?? VALIDATION_CURVE_LAMBDAS).length
            : r.kind === 'learning-curve'
              ? (r.trainSizes ?? LEARNING_CURVE_SIZES).length
              : 2;
        if (points * r.seedsPerPoint > LAB_LIMITS.sweepTotalRuns) {
          ctx.addIssue({
            code: 'custom',
            path: ['seedsPerPoint'],
            message: `${points} points × ${r.seedsPerPoint} seeds = ${points * r.seedsPerPoint} runs, more than the ${LAB_LIMITS.sweepTotalRuns} one sweep may start`,
          });
        }
      }
    }
  });

export type SweepStartRequest = z.input<typeof sweepStartSchema>;

// ── results ─────────────────────────────────────────────────────────────────────────────────────

/** A misclassified test digit of a finished run, its image as a base64 PNG (28×28 for MNIST). */
export interface MisclassifiedJson {
  /** Index in the run's test set. */
  position: number;
  label: number;
  predicted: number;
  imagePng: string;
}

/** A saved drawing: the 28×28 input shown as a base64 PNG (ink light on black, as MNIST). */
export interface HandwritingJson {
  id: number;
  label: number;
  createdAt: number;
  imagePng: string;
}

/** A finished run judged on every saved drawing, in the main process (tiny data). */
export interface HandwritingEvaluation {
  runId: number;
  /** Samples judged. */
  count: number;
  /** Fraction right; null when there are no samples. */
  accuracy: number | null;
  /** 10×10 counts, confusion[label][predicted]. */
  confusion: number[][];
  /** One per sample, oldest first. */
  predictions: { id: number; label: number; predicted: number }[];
}

export type GradientCheckJson = GradientCheckLessonResult;

/** Backprop's gradient against the numerical gradient of all 19,885 parameters of 784-25-10: on m synthetic digits. */
export const gradientTimingSchema = z.strictObject({
  /** Examples J is computed over; default 10 (the time of both grows with m, their ratio hardly). */
  m: z.number().int().min(1).max(100).optional(),
});

export type GradientTimingJson = GradientTimingResult;

/** What sweeps.get computes from the runs, by kind. */
export type SweepPoints =
  /** Training and validation error (1 − accuracy) per λ, and the λ with the lowest validation error. */
  | { kind: 'validation-curve'; curve: CurvePoint[]; best: CurvePoint | null }
  /** Training and validation error per training-set size m. */
  | { kind: 'learning-curve'; curve: CurvePoint[] }
  /** The pair λ = 0 and λ as curve points (x = λ). */
  | { kind: 'overfit'; curve: CurvePoint[] }
  /** Spread over the finished runs; null while none has finished (or none has that metric). */
  | {
      kind: 'seeds';
      finalCost: Spread | null;
      trainAccuracy: Spread | null;
      validationAccuracy: Spread | null;
      testAccuracy: Spread | null;
    }
  /** Distinct hidden units of the first hidden layer in each finished run's final Θ. */
  | { kind: 'symmetry'; runs: SymmetryPoint[] }
  /** Time per iteration of each finished run, and how far their cost curves are apart. */
  | { kind: 'implementations'; runs: ImplementationPoint[]; largestCostDifference: number | null };

export interface SymmetryPoint {
  runId: number;
  init: Hyperparameters['init'];
  units: number;
  distinctUnits: number;
  identical: boolean;
  largestDifference: number;
}

export interface ImplementationPoint {
  runId: number;
  impl: Hyperparameters['impl'];
  /** Iterations the optimizer ran (the last point of the cost curve). */
  iterations: number;
  /** durationMs / iterations (the whole duration when the optimizer stopped at iteration 0). */
  msPerIteration: number;
  finalCost: number;
}

/** A sweep with its runs (x order) and what its lesson plots. */
export interface SweepView {
  sweep: SweepDetail;
  runs: RunSummary[];
  points: SweepPoints;
}
