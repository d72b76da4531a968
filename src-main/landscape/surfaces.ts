/**
 * The cost surface's pictures as numbers: J along a line between two Θ (and after matching B's hidden
 * units to A's), J on a plane of two filter-normalized random directions around Θ*, J on the plane of
 * the training path, and the barrier between every pair of minima. Pure: the caller brings Θ and data,
 * and hears progress through `Progress` (which may also stop the work between two evaluations of J).
 */
import type { Examples } from '../nn/cost';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import type { LayerSizes } from '../nn/shape';
import { combinationCost, type CombinationCost } from './combination-cost';
import { randomPlaneDirections } from './directions';
import { matchHiddenUnits, permuteHiddenUnits } from './matching';
import { principalPlane } from './pca';

/** Thrown between two evaluations of J when the caller asked to stop. */
export class LandscapeCancelled extends Error {
  constructor() {
    super('the landscape computation was cancelled');
  }
}

/** Hears how many evaluations of J are done out of how many, and may ask to stop. */
export interface Progress {
  report(done: number, total: number): void;
  /** True when the work should stop (checked before each evaluation of J). */
  stopped(): boolean;
}

/** Progress that is never heard and never stops. */
export const SILENT: Progress = { report: () => {}, stopped: () => false };

/**
 * The data J is measured on: training examples with λ, and validation examples (J without λ) or null;
 * and the network's cost and hidden activation (Ng's when not given).
 */
export interface SurfaceData {
  train: Examples;
  validation: Examples | null;
  lambda: number;
  model?: ModelChoice;
}

/** `count` evenly spaced values from a to b, both included. */
export function evenlySpaced(a: number, b: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 2)
    throw new Error(`evenly spaced: count must be a whole number ≥ 2, got ${count}`);
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? b : a + ((b - a) * i) / (count - 1)));
}

/** J along one line and its barrier. */
export interface LineCurve {
  cost: number[];
  validationCost: number[] | null;
  /** J(Θ_A) and J(Θ_B), training. */
  endpoints: [number, number];
  /** max over α ∈ [0, 1] (sampled α and both ends) of J − the mean of the endpoints' J. */
  barrier: number;
}

export interface LineSurface extends LineCurve {
  alphas: number[];
  /** With matching: per hidden layer, aligned unit i is B's unit permutation[l][i] (from 0). */
  permutation: Int32Array[] | null;
  aligned: LineCurve | null;
  /** (barrier − aligned barrier) / barrier, or null without matching or when barrier ≤ 0. */
  barrierRemoved: number | null;
}

/**
 * J along Θ(α) = (1 − α)·Θ_A + α·Θ_B at each α, training and validation; with `align`, again from Θ_A to
 * Θ_B with B's hidden units reordered to match A's (matchHiddenUnits).
 */
export function lineSurface(
  sizes: LayerSizes,
  data: SurfaceData,
  thetaA: Float64Array,
  thetaB: Float64Array,
  alphas: readonly number[],
  align: boolean,
  progress: Progress = SILENT,
): LineSurface {
  const permutation = align ? matchHiddenUnits(sizes, thetaA, thetaB) : null;
  const alignedB = permutation ? permuteHiddenUnits(sizes, thetaB, permutation) : null;
  const curves = alignedB ? 2 : 1;
  const perCurve = (alphas.length + 2) * (data.validation ? 2 : 1);
  const counter = countdown(progress, perCurve * curves);
  const plain = lineCurve(sizes, data, thetaA, thetaB, alphas, counter);
  const aligned = alignedB ? lineCurve(sizes, data, thetaA, alignedB, alphas, counter) : null;
  return {
    alphas: [...alphas],
    ...plain,
    permutation,
    aligned,
    barrierRemoved: aligned && plain.barrier > 0 ? (plain.barrier - aligned.barrier) / plain.barrier : null,
  };
}

function lineCurve(
  sizes: LayerSizes,
  data: SurfaceData,
  thetaA: Float64Array,
  thetaB: Float64Array,
  alphas: readonly number[],
  step: () => void,
): LineCurve {
  const train = combinationCost(sizes, data.train, data.lambda, [thetaA, thetaB], data.model);
  // (1 − α, α) exactly (1, 0) and (0, 1) at the ends, so J there is J(Θ_A) and J(Θ_B) themselves.
  const points = alphas.map((alpha) => [1 - alpha, alpha]);
  const cost = batch(train, points, step);
  // The ends are usually among the α already computed: the same point gives the same J, bit for bit.
  const end = (alpha: 0 | 1): number => {
    const i = alphas.indexOf(alpha);
    if (i < 0) return batch(train, [[1 - alpha, alpha]], step)[0];
    step();
    return cost[i];
  };
  const endpoints: [number, number] = [end(0), end(1)];
  let validationCost: number[] | null = null;
  if (data.validation) {
    const validation = combinationCost(sizes, data.validation, 0, [thetaA, thetaB], data.model);
    validationCost = batch(validation, points, step);
    step();
    step();
  }
  return { cost, validationCost, endpoints, barrier: barrierOf(alphas, cost, endpoints) };
}

/** The highest J at α ∈ [0, 1] (sampled α and both ends) minus the mean of the ends' J. */
function barrierOf(alphas: readonly number[], cost: readonly number[], endpoints: [number, number]): number {
  let highest = Math.max(...endpoints);
  alphas.forEach((alpha, i) => {
    if (alpha >= 0 && alpha <= 1) highest = Math.max(highest, cost[i]);
  });
  return highest - (endpoints[0] + endpoints[1]) / 2;
}

/**
 * One line from lines over consecutive parts of its α (computed side by side in threads): the curves
 * joined in order, the barriers measured again over all of them. Every part computed the same ends.
 */
export function joinLines(parts: readonly LineSurface[]): LineSurface {
  const alphas = parts.flatMap((p) => p.alphas);
  const join = (curves: LineCurve[]): LineCurve => {
    const cost = curves.flatMap((c) => c.cost);
    const validationCost = curves[0].validationCost ? curves.flatMap((c) => c.validationCost ?? []) : null;
    const { endpoints } = curves[0];
    return { cost, validationCost, endpoints, barrier: barrierOf(alphas, cost, endpoints) };
  };
  const plain = join([...parts]);
  const aligned = parts[0].aligned ? join(parts.map((p) => p.aligned!)) : null;
  return {
    alphas,
    ...plain,
    permutation: parts[0].permutation,
    aligned,
    barrierRemoved: aligned && plain.barrier > 0 ? (plain.barrier - aligned.barrier) / plain.barrier : null,
  };
}

/** J on a grid of a plane through Θ*: cost[i][j] at Θ* + x[j]·d₁ + y[i]·d₂. */
export interface PlaneGrid {
  x: number[];
  y: number[];
  cost: number[][];
  centerCost: number;
}

/** Angles at which sharpness is measured around Θ*. */
export const SHARPNESS_ANGLES = 16;

export interface RandomPlane extends PlaneGrid {
  /** Mean of J(Θ* + r·(cos φ·d₁ + sin φ·d₂)) − J(Θ*) over SHARPNESS_ANGLES angles, at r = radius. */
  sharpness: { radius: number; meanRise: number };
}

/**
 * Which rows of a grid one thread computes, [from, to): a plane splits into parts computed side by side
 * and joined with joinRows. The part with row 0 also measures the sharpness; the others leave it NaN.
 */
export type RowRange = [number, number];

/**
 * J on the plane of two seeded, filter-normalized random directions around Θ* (randomPlaneDirections),
 * `grid` × `grid` points with x, y ∈ [−span, span], and the minimum's sharpness at r = span / 2. With
 * `rows`, only those rows (the others are []).
 */
export function randomPlane(
  sizes: LayerSizes,
  data: SurfaceData,
  theta: Float64Array,
  options: { grid: number; span: number; seed: number; rows?: RowRange },
  progress: Progress = SILENT,
): RandomPlane {
  const { grid, span, seed } = options;
  const rows = options.rows ?? [0, grid];
  const measureSharpness = rows[0] === 0;
  const [d1, d2] = randomPlaneDirections(sizes, theta, seed);
  const f = combinationCost(sizes, data.train, data.lambda, [theta, d1, d2], data.model);
  const step = countdown(progress, grid * (rows[1] - rows[0]) + 1 + (measureSharpness ? SHARPNESS_ANGLES : 0));
  const x = evenlySpaced(-span, span, grid);
  const plane = gridOf(f, x, x, rows, step);
  const radius = span / 2;
  if (!measureSharpness) return { ...plane, sharpness: { radius, meanRise: NaN } };
  let rise = 0;
  for (let k = 0; k < SHARPNESS_ANGLES; k++) {
    step();
    const phi = (2 * Math.PI * k) / SHARPNESS_ANGLES;
    rise += f.cost([1, radius * Math.cos(phi), radius * Math.sin(phi)]) - plane.centerCost;
  }
  return { ...plane, sharpness: { radius, meanRise: rise / SHARPNESS_ANGLES } };
}

function gridOf(f: CombinationCost, x: number[], y: number[], [from, to]: RowRange, step: () => void): PlaneGrid {
  step();
  const centerCost = f.cost([1, 0, 0]);
  const cost = y.map((yi, i) =>
    i < from || i >= to
      ? []
      : batch(
          f,
          x.map((xj) => [1, xj, yi]),
          step,
        ),
  );
  return { x, y, cost, centerCost };
}

/** The rows of parts computed with RowRanges, joined: each row from the part that computed it. */
export function joinRows<T extends PlaneGrid>(parts: readonly T[], ranges: readonly RowRange[]): T {
  const cost = parts[0].cost.map((_, i) => {
    const k = ranges.findIndex(([from, to]) => i >= from && i < to);
    return parts[k].cost[i];
  });
  return { ...parts[0], cost };
}

/** `grid` rows cut into `parts` ranges as even as can be. */
export function splitRows(grid: number, parts: number): RowRange[] {
  const count = Math.max(1, Math.min(parts, grid));
  return Array.from({ length: count }, (_, k) => [
    Math.round((k * grid) / count),
    Math.round(((k + 1) * grid) / count),
  ]);
}

/** One snapshot of a training path: its iteration and Θ there. */
export interface PathSnapshot {
  iteration: number;
  theta: Float64Array;
}

export interface PathPlane extends PlaneGrid {
  path: { x: number; y: number; iteration: number }[];
  explained: [number, number];
}

/** Margin around the path's extent on each side, as a share of that extent. */
const PATH_MARGIN = 0.2;

/**
 * J on the plane of the first two principal directions of Θₜ − Θ* over `snapshots` (iteration order, at
 * least 3), with each snapshot projected on it; Θ* = `final` at (0, 0).
 */
export function pathPlane(
  sizes: LayerSizes,
  data: SurfaceData,
  final: Float64Array,
  snapshots: readonly PathSnapshot[],
  grid: number,
  progress: Progress = SILENT,
  rows: RowRange = [0, grid],
): PathPlane {
  const { directions, explained } = principalPlane(snapshots.map((s) => s.theta));
  const [d1, d2] = directions;
  const path = snapshots.map((s) => {
    let x = 0;
    let y = 0;
    for (let i = 0; i < final.length; i++) {
      const diff = s.theta[i] - final[i];
      x += diff * d1[i];
      y += diff * d2[i];
    }
    return { x, y, iteration: s.iteration };
  });
  const axis = (values: number[]): number[] => {
    const lo = Math.min(0, ...values);
    const hi = Math.max(0, ...values);
    const margin = Math.max(hi - lo, 1e-9) * PATH_MARGIN;
    return evenlySpaced(lo - margin, hi + margin, grid);
  };
  const f = combinationCost(sizes, data.train, data.lambda, [final, d1, d2], data.model);
  const step = countdown(progress, grid * (rows[1] - rows[0]) + 1);
  const plane = gridOf(f, axis(path.map((p) => p.x)), axis(path.map((p) => p.y)), rows, step);
  return { ...plane, path, explained };
}

/** Barriers between every ordered pair of minima, before and after matching units. */
export interface BarrierMatrix {
  before: number[][];
  after: number[][];
}

/**
 * barrier(i → j) for every pair of `thetas` (one shape, one training set), J with `lambdas[i]`, on
 * `points` evenly spaced α in [0, 1]; after[i][j] matches j's hidden units to i's first. 0 on the diagonal.
 * All networks are of one `model` (Ng's by default).
 */
export function barrierMatrix(
  sizes: LayerSizes,
  train: Examples,
  thetas: readonly Float64Array[],
  lambdas: readonly number[],
  points: number,
  progress: Progress = SILENT,
  model: ModelChoice = NG_MODEL,
): BarrierMatrix {
  const n = thetas.length;
  const alphas = evenlySpaced(0, 1, points);
  const step = countdown(progress, n * (n - 1) * 2 * points);
  const before = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const after = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const aligned = permuteHiddenUnits(sizes, thetas[j], matchHiddenUnits(sizes, thetas[i], thetas[j]));
      const f = combinationCost(sizes, train, lambdas[i], [thetas[i], thetas[j], aligned], model);
      const barrier = (other: 1 | 2): number => {
        const costs = batch(
          f,
          alphas.map((alpha) => {
            const c = [1 - alpha, 0, 0];
            c[other] = alpha;
            return c;
          }),
          step,
        );
        return Math.max(...costs) - (costs[0] + costs[costs.length - 1]) / 2;
      };
      before[i][j] = barrier(1);
      after[i][j] = barrier(2);
    }
  }
  return { before, after };
}

/**
 * J at `points` in one pass (CombinationCost.costs), counted as one step each: the first step (which may
 * stop the work) before, the others after.
 */
function batch(f: CombinationCost, points: number[][], step: () => void): number[] {
  step();
  const costs = f.costs(points);
  for (let k = 1; k < points.length; k++) step();
  return costs;
}

/** A step counter over `total` evaluations: reports at most every 100 ms (and the last), stops when asked. */
function countdown(progress: Progress, total: number): () => void {
  let done = 0;
  let lastReport = 0;
  return () => {
    if (progress.stopped()) throw new LandscapeCancelled();
    done++;
    const now = performance.now();
    if (done === total || now - lastReport >= 100) {
      lastReport = now;
      progress.report(done, total);
    }
  };
}
