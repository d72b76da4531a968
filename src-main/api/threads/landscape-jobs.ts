/**
 * One landscape computation as plain data (a job), so it can cross into the landscape thread, and the
 * function that does it there: load the run's data (kept for the next job: most jobs share a dataset),
 * then evaluate J with src-main/landscape. The API's thread only reads Θ from the store.
 */
import type { Examples } from '../../nn/cost';
import type { ModelChoice } from '../../nn/model';
import type { DatasetSpec } from '../../run/hyperparameters';
import { SplitCache } from '../../explain/examples';
import {
  barrierMatrix,
  lineSurface,
  pathPlane,
  randomPlane,
  type BarrierMatrix,
  type LineSurface,
  type PathPlane,
  type PathSnapshot,
  type Progress,
  type RandomPlane,
  type RowRange,
  type SurfaceData,
} from '../../landscape/surfaces';

interface JobBase {
  /** The run whose data and λ J is measured with (run A of a line). */
  runId: number;
  dataset: DatasetSpec;
  lambda: number;
  sizes: number[];
  /** The network's cost and hidden activation; absent: Ng's (cross-entropy, sigmoid). */
  model?: ModelChoice;
}

/** What the landscape thread computes. */
export type LandscapeJob =
  | (JobBase & { kind: 'line'; thetaA: Float64Array; thetaB: Float64Array; alphas: number[]; align: boolean })
  | (JobBase & { kind: 'plane'; theta: Float64Array; grid: number; span: number; seed: number; rows?: RowRange })
  | (JobBase & { kind: 'path'; final: Float64Array; snapshots: PathSnapshot[]; grid: number; rows?: RowRange })
  | (JobBase & { kind: 'barriers'; thetas: Float64Array[]; lambdas: number[]; points: number });

/** What a job gives back, with the sizes of the data it used and how long it took. */
export type LandscapeOutcome = { m: number; validationM: number; computeMs: number } & (
  | { kind: 'line'; line: LineSurface }
  | { kind: 'plane'; plane: RandomPlane }
  | { kind: 'path'; path: PathPlane }
  | { kind: 'barriers'; barriers: BarrierMatrix }
);

/** The split a run trained on: a run tested on handwriting split no test set off its data (as train.ts). */
function trainingSpec(dataset: DatasetSpec): DatasetSpec {
  return dataset.testSource === 'handwriting' ? { ...dataset, testSize: 0 } : dataset;
}

/** Runs one job with the data `splits` loads, telling `progress` how far it is. */
export function computeLandscape(job: LandscapeJob, splits: SplitCache, progress: Progress): LandscapeOutcome {
  const started = performance.now();
  const split = splits.get(trainingSpec(job.dataset));
  const train: Examples = split.train;
  const validation: Examples | null = split.validation.m > 0 ? split.validation : null;
  if (train.n !== job.sizes[0]) {
    throw new Error(`run ${job.runId}'s data has ${train.n} inputs but its network ${job.sizes[0]}`);
  }
  const data: SurfaceData = { train, validation, lambda: job.lambda, model: job.model };
  const sizes = { m: train.m, validationM: validation?.m ?? 0 };
  const done = <T>(o: T) => ({ ...sizes, ...o, computeMs: performance.now() - started });
  switch (job.kind) {
    case 'line':
      return done({
        kind: 'line' as const,
        line: lineSurface(job.sizes, data, job.thetaA, job.thetaB, job.alphas, job.align, progress),
      });
    case 'plane':
      return done({
        kind: 'plane' as const,
        plane: randomPlane(
          job.sizes,
          data,
          job.theta,
          { grid: job.grid, span: job.span, seed: job.seed, rows: job.rows },
          progress,
        ),
      });
    case 'path':
      return done({
        kind: 'path' as const,
        path: pathPlane(job.sizes, data, job.final, job.snapshots, job.grid, progress, job.rows),
      });
    case 'barriers':
      return done({
        kind: 'barriers' as const,
        barriers: barrierMatrix(job.sizes, train, job.thetas, job.lambdas, job.points, progress, job.model),
      });
  }
}

/** Messages from the API's thread to the landscape thread. */
export interface LandscapeThreadJob {
  id: number;
  job: LandscapeJob;
  /** One Int32 set to 1 to stop the job (checked before each evaluation of J). */
  stop: SharedArrayBuffer;
}

/** Messages from the landscape thread. */
export type LandscapeThreadReply =
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'done'; id: number; outcome: LandscapeOutcome }
  | { type: 'cancelled'; id: number }
  | { type: 'error'; id: number; message: string };
