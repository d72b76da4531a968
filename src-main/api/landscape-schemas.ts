/**
 * Argument schemas and result shapes of the cost-surface channels (landscape.*): J along a line between
 * two Θ, J on a plane of two directions around a final Θ, and the plane of a run's training path. The
 * rows are in table.ts, the arithmetic in src-main/landscape/, the handlers in landscape-handlers.ts;
 * docs/landscape-api.md describes every field.
 *
 * Every grid is bounded so one request costs at most a few seconds of one worker thread.
 */
import { z } from 'zod';

export const LANDSCAPE_LIMITS = {
  /** Points of a line: 3 (the endpoints and the middle) up to 401. */
  minPoints: 3,
  maxPoints: 401,
  defaultPoints: 51,
  /** α may run from −2 to 3: the line extended beyond both endpoints, never far enough to saturate every unit. */
  minAlpha: -2,
  maxAlpha: 3,
  /** Points per side of a plane: 5…81 (41 × 41 = 1,681 evaluations of J by default). */
  minGrid: 5,
  maxGrid: 81,
  defaultGrid: 41,
  /** Half-width of a random plane in filter-normalized units (x, y ∈ [−span, span]); default 1, as Li et al. */
  maxSpan: 10,
  defaultSpan: 1,
  /** Runs one barrier matrix compares (pairs grow as n²). */
  maxBarrierRuns: 10,
  /** A request id, chosen by the caller, to match progress events and to cancel. */
  requestIdLength: 100,
} as const;

const runId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const seed = z
  .number()
  .int()
  .min(0)
  .max(2 ** 32 - 1);
const requestId = z.string().min(1).max(LANDSCAPE_LIMITS.requestIdLength);
const grid = z.number().int().min(LANDSCAPE_LIMITS.minGrid).max(LANDSCAPE_LIMITS.maxGrid);
const alpha = z.number().min(LANDSCAPE_LIMITS.minAlpha).max(LANDSCAPE_LIMITS.maxAlpha);

// ── arguments ───────────────────────────────────────────────────────────────────────────────────

/**
 * J along Θ(α) = (1 − α)·Θ_A + α·Θ_B. Without toRunId, A is the run's Θ₀ and B its final Θ; with it, A is
 * runId's final Θ and B toRunId's (same layer sizes). align reorders B's hidden units to match A's first.
 */
export const landscapeLineSchema = z
  .strictObject({
    runId,
    toRunId: runId.optional(),
    align: z.boolean().optional(),
    points: z.number().int().min(LANDSCAPE_LIMITS.minPoints).max(LANDSCAPE_LIMITS.maxPoints).optional(),
    range: z.tuple([alpha, alpha]).optional(),
    requestId: requestId.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.range && !(r.range[0] < r.range[1])) {
      ctx.addIssue({
        code: 'custom',
        path: ['range'],
        message: `range must go up: ${r.range[0]} is not below ${r.range[1]}`,
      });
    }
    if (r.align && r.toRunId === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['align'],
        message: 'align needs toRunId: units are matched between two runs',
      });
    }
    if (r.toRunId !== undefined && r.toRunId === r.runId) {
      ctx.addIssue({ code: 'custom', path: ['toRunId'], message: 'toRunId is runId: a line needs two different runs' });
    }
  });
export type LandscapeLineRequest = z.input<typeof landscapeLineSchema>;

/** J on Θ* + x·d₁ + y·d₂ around a finished run's final Θ*, d₁ and d₂ random and filter-normalized. */
export const landscapePlaneSchema = z.strictObject({
  runId,
  grid: grid.optional(),
  span: z.number().gt(0).max(LANDSCAPE_LIMITS.maxSpan).optional(),
  /** Seed of the two random directions (default 1): the same seed gives the same plane for every run of a shape. */
  seed: seed.optional(),
  requestId: requestId.optional(),
});
export type LandscapePlaneRequest = z.input<typeof landscapePlaneSchema>;

/** J on the plane of the first two principal directions of Θₜ − Θ* over a run's stored snapshots. */
export const landscapePathSchema = z.strictObject({
  runId,
  grid: grid.optional(),
  requestId: requestId.optional(),
});
export type LandscapePathRequest = z.input<typeof landscapePathSchema>;

/** The barrier between every pair of runs' final Θ, before and after matching hidden units. */
export const landscapeBarriersSchema = z.strictObject({
  runIds: z.array(runId).min(2).max(LANDSCAPE_LIMITS.maxBarrierRuns),
  /** Points per line (default 21: a barrier needs fewer than a picture). */
  points: z.number().int().min(LANDSCAPE_LIMITS.minPoints).max(LANDSCAPE_LIMITS.maxPoints).optional(),
  requestId: requestId.optional(),
});
export type LandscapeBarriersRequest = z.input<typeof landscapeBarriersSchema>;

/** Which computation landscape.cancel stops: the one with this request id, or (none given) every one. */
export const landscapeCancelSchema = requestId.optional();

// ── results ─────────────────────────────────────────────────────────────────────────────────────

/** One end of a line: whose Θ, which one, and J there (training J with run A's λ). */
export interface LandscapeEndpointJson {
  runId: number;
  weights: 'initial' | 'final';
  cost: number;
}

export interface LandscapeLineJson {
  runId: number;
  toRunId: number | null;
  /** λ of run A, used in every training J of the line. */
  lambda: number;
  /** Training examples m (run A's training set) and validation examples (0 without a validation split). */
  m: number;
  validationM: number;
  a: LandscapeEndpointJson;
  b: LandscapeEndpointJson;
  alphas: number[];
  /** Training J(Θ(α)) = (1/m)·Σ cross-entropy + λ/(2m)·Σ Θ² (no bias), at each α. */
  cost: number[];
  /** Validation J(Θ(α)) without the λ term; null without a validation split. */
  validationCost: number[] | null;
  /** Two runs only: max J over the α in [0, 1] (endpoints included) − (J(Θ_A) + J(Θ_B)) / 2; else null. */
  barrier: number | null;
  /** align only: per hidden layer, aligned unit i (from 1) is toRunId's unit permutation[l][i]. */
  permutation: number[][] | null;
  /** align only: J along the line from Θ_A to the reordered Θ_B. */
  alignedCost: number[] | null;
  alignedValidationCost: number[] | null;
  alignedBarrier: number | null;
  /** align only: (barrier − alignedBarrier) / barrier, the share of the barrier relabelling removed (null if barrier ≤ 0). */
  barrierRemoved: number | null;
  computeMs: number;
}

export interface LandscapePlaneJson {
  runId: number;
  lambda: number;
  m: number;
  grid: number;
  span: number;
  seed: number;
  directions: 'filter-normalized';
  /** Coordinates of the columns (x) and rows (y), from −span to span. */
  x: number[];
  y: number[];
  /** cost[i][j] = training J at Θ* + x[j]·d₁ + y[i]·d₂. */
  cost: number[][];
  centerCost: number;
  /**
   * How sharp the minimum is: the mean of J(Θ* + r·(cos φ·d₁ + sin φ·d₂)) − J(Θ*) over 16 angles φ,
   * at r = span / 2 (filter-normalized distance).
   */
  sharpness: { radius: number; meanRise: number };
  computeMs: number;
}

export interface LandscapePathPointJson {
  x: number;
  y: number;
  iteration: number;
}

export interface LandscapePathJson {
  runId: number;
  lambda: number;
  m: number;
  grid: number;
  /** Coordinates along the first (x) and second (y) principal directions, around Θ* at (0, 0). */
  x: number[];
  y: number[];
  cost: number[][];
  centerCost: number;
  /** Each stored snapshot's Θₜ projected on the plane, iteration 0 first, Θ* last. */
  path: LandscapePathPointJson[];
  /** Share of the variance of Θₜ − Θ* each direction explains. */
  explained: [number, number];
  computeMs: number;
}

export interface LandscapeBarriersJson {
  runIds: number[];
  /** Each run's final J (training, own λ) as recorded. */
  finalCost: number[];
  /** before[i][j]: barrier on the line from run i's final Θ to run j's (0 on the diagonal), training J with run i's λ. */
  before: number[][];
  /** after[i][j]: the same after reordering run j's hidden units to match run i's. */
  after: number[][];
  computeMs: number;
}

/** What landscape.progress events carry: how much of a computation is done. */
export interface LandscapeProgress {
  requestId: string | null;
  kind: 'line' | 'plane' | 'path' | 'barriers';
  runId: number;
  done: number;
  total: number;
  elapsedMs: number;
}
