/**
 * The cost-surface channels (landscape.*): J along a line, on a plane, on the training path's plane and
 * the barriers between seeds. The runs' Θ come from the store here; the evaluations of J run where the
 * runner puts them (a worker thread in the shells), reporting progress as landscape.progress events.
 */
import { evenlySpaced, type LineCurve } from '../landscape/surfaces';
import { modelOf } from '../run/hyperparameters';
import type { RunDetail, RunStore, RunWeights } from '../store/types';
import { invalidArgument } from './errors';
import type { Implementations } from './implementations';
import type { LandscapeJob, LandscapeOutcome } from './threads/landscape-jobs';
import { landscapeInCallingThread, type LandscapeRunner } from './threads/landscape-runner';
import {
  LANDSCAPE_LIMITS,
  type LandscapeBarriersJson,
  type LandscapeLineJson,
  type LandscapePathJson,
  type LandscapePlaneJson,
  type LandscapeProgress,
} from './landscape-schemas';

type LandscapeChannel =
  'landscape.line' | 'landscape.plane' | 'landscape.path' | 'landscape.barriers' | 'landscape.cancel';

/** Points per line of a barrier matrix unless asked otherwise. */
export const DEFAULT_BARRIER_POINTS = 21;

/** A finished run with its weights, or an invalid-argument error naming the channel and why not. */
function finishedRun(store: RunStore, channel: string, id: number): { run: RunDetail; weights: RunWeights } {
  const run = store.getRun(id);
  if (!run.hasWeights) {
    throw invalidArgument(`${channel}: run ${id} is ${run.status}: only a finished run has Θ to draw J around`);
  }
  return { run, weights: store.getWeights(id) };
}

function sameShape(channel: string, a: RunDetail, sa: number[], b: RunDetail, sb: number[]): void {
  const [ma, mb] = [modelOf(a.hyperparameters), modelOf(b.hyperparameters)];
  if (ma.cost !== mb.cost || ma.activation !== mb.activation) {
    throw invalidArgument(
      `${channel}: run ${a.id} is trained on the ${ma.cost} cost with ${ma.activation} hidden units but run ${b.id} ` +
        `on the ${mb.cost} cost with ${mb.activation} hidden units: a line needs one J for both ends`,
    );
  }
  if (sa.join('-') !== sb.join('-')) {
    throw invalidArgument(
      `${channel}: run ${a.id} is ${sa.join('-')} but run ${b.id} is ${sb.join('-')}: a line needs two networks of one shape`,
    );
  }
}

/** The landscape channels over `store`, computing with `runner` and announcing progress with `emit`. */
export function landscapeImplementations(
  store: RunStore,
  emit: (name: 'landscape.progress', payload: LandscapeProgress) => void,
  runner: LandscapeRunner = landscapeInCallingThread(),
): Pick<Implementations, LandscapeChannel> {
  const started = (requestId: string | null, kind: LandscapeProgress['kind'], runId: number) => {
    const t0 = performance.now();
    return (done: number, total: number) =>
      emit('landscape.progress', { requestId, kind, runId, done, total, elapsedMs: performance.now() - t0 });
  };
  const compute = (job: LandscapeJob, requestId: string | undefined): Promise<LandscapeOutcome | null> =>
    runner.run(job, requestId ?? null, started(requestId ?? null, job.kind, job.runId));
  const base = (run: RunDetail, weights: RunWeights) => ({
    runId: run.id,
    dataset: run.dataset,
    lambda: run.hyperparameters.lambda,
    sizes: weights.sizes,
    model: modelOf(run.hyperparameters),
  });

  return {
    'landscape.line': async (request) => {
      const channel = 'landscape.line';
      const a = finishedRun(store, channel, request.runId);
      let thetaA: Float64Array;
      let thetaB: Float64Array;
      if (request.toRunId === undefined) {
        if (!a.weights.initialTheta) {
          throw invalidArgument(`${channel}: run ${a.run.id} was stored before Θ₀ was kept; only its final Θ is known`);
        }
        thetaA = a.weights.initialTheta;
        thetaB = a.weights.theta;
      } else {
        const b = finishedRun(store, channel, request.toRunId);
        sameShape(channel, a.run, a.weights.sizes, b.run, b.weights.sizes);
        thetaA = a.weights.theta;
        thetaB = b.weights.theta;
      }
      const [from, to] = request.range ?? [0, 1];
      const alphas = evenlySpaced(from, to, request.points ?? LANDSCAPE_LIMITS.defaultPoints);
      const align = request.align === true && a.weights.sizes.length > 2;
      const outcome = await compute(
        { ...base(a.run, a.weights), kind: 'line', thetaA, thetaB, alphas, align },
        request.requestId,
      );
      if (outcome === null) return null;
      if (outcome.kind !== 'line') throw new Error(`${channel}: the thread answered a ${outcome.kind}`);
      return lineJson(
        request.runId,
        request.toRunId ?? null,
        a.run.hyperparameters.lambda,
        outcome,
        request.align === true,
      );
    },

    'landscape.plane': async (request) => {
      const { run, weights } = finishedRun(store, 'landscape.plane', request.runId);
      const grid = request.grid ?? LANDSCAPE_LIMITS.defaultGrid;
      const span = request.span ?? LANDSCAPE_LIMITS.defaultSpan;
      const seed = request.seed ?? 1;
      const outcome = await compute(
        { ...base(run, weights), kind: 'plane', theta: weights.theta, grid, span, seed },
        request.requestId,
      );
      if (outcome === null) return null;
      if (outcome.kind !== 'plane') throw new Error(`landscape.plane: the thread answered a ${outcome.kind}`);
      const p = outcome.plane;
      const json: LandscapePlaneJson = {
        runId: run.id,
        lambda: run.hyperparameters.lambda,
        m: outcome.m,
        grid,
        span,
        seed,
        directions: 'filter-normalized',
        x: p.x,
        y: p.y,
        cost: p.cost,
        centerCost: p.centerCost,
        sharpness: p.sharpness,
        computeMs: outcome.computeMs,
      };
      return json;
    },

    'landscape.path': async (request) => {
      const channel = 'landscape.path';
      const { run, weights } = finishedRun(store, channel, request.runId);
      const stored = store.getSnapshotThetas(run.id);
      if (stored.length < 3) {
        throw invalidArgument(
          `${channel}: run ${run.id} kept Θ at ${stored.length} snapshots, a path plane needs 3 or more ` +
            '(runs trained before the lab kept Θ at each snapshot have none: train it again)',
        );
      }
      // Θ₀ and Θ* (the last snapshot is taken at the end of training) are known exactly, in float64; the
      // snapshots between them as kept, in float32.
      const snapshots = stored.map((s, k) => ({
        iteration: s.iteration,
        theta:
          k === stored.length - 1
            ? weights.theta
            : s.iteration === 0 && weights.initialTheta
              ? weights.initialTheta
              : Float64Array.from(s.theta),
      }));
      const grid = request.grid ?? LANDSCAPE_LIMITS.defaultGrid;
      const outcome = await compute(
        { ...base(run, weights), kind: 'path', final: weights.theta, snapshots, grid },
        request.requestId,
      );
      if (outcome === null) return null;
      if (outcome.kind !== 'path') throw new Error(`${channel}: the thread answered a ${outcome.kind}`);
      const p = outcome.path;
      const json: LandscapePathJson = {
        runId: run.id,
        lambda: run.hyperparameters.lambda,
        m: outcome.m,
        grid,
        x: p.x,
        y: p.y,
        cost: p.cost,
        centerCost: p.centerCost,
        path: p.path,
        explained: p.explained,
        computeMs: outcome.computeMs,
      };
      return json;
    },

    'landscape.barriers': async (request) => {
      const channel = 'landscape.barriers';
      const ids = [...new Set(request.runIds)];
      if (ids.length < 2) throw invalidArgument(`${channel}: runIds: needs 2 different runs, got ${ids.join(', ')}`);
      const runs = ids.map((id) => finishedRun(store, channel, id));
      const first = runs[0];
      for (const other of runs.slice(1)) {
        sameShape(channel, first.run, first.weights.sizes, other.run, other.weights.sizes);
        if (JSON.stringify(other.run.dataset) !== JSON.stringify(first.run.dataset)) {
          throw invalidArgument(
            `${channel}: runs ${first.run.id} and ${other.run.id} trained on different data; barriers compare one dataset's minima`,
          );
        }
      }
      const outcome = await compute(
        {
          ...base(first.run, first.weights),
          kind: 'barriers',
          thetas: runs.map((r) => r.weights.theta),
          lambdas: runs.map((r) => r.run.hyperparameters.lambda),
          points: request.points ?? DEFAULT_BARRIER_POINTS,
        },
        request.requestId,
      );
      if (outcome === null) return null;
      if (outcome.kind !== 'barriers') throw new Error(`${channel}: the thread answered a ${outcome.kind}`);
      const json: LandscapeBarriersJson = {
        runIds: ids,
        finalCost: runs.map((r) => r.run.metrics?.finalCost ?? NaN),
        before: outcome.barriers.before,
        after: outcome.barriers.after,
        computeMs: outcome.computeMs,
      };
      return json;
    },

    'landscape.cancel': (requestId) => runner.cancel(requestId),
  };
}

/** The line's JSON: costs as computed, the permutation counted from 1 as the lab counts units. */
function lineJson(
  runId: number,
  toRunId: number | null,
  lambda: number,
  outcome: Extract<LandscapeOutcome, { kind: 'line' }>,
  askedToAlign: boolean,
): LandscapeLineJson {
  const l = outcome.line;
  const twoRuns = toRunId !== null;
  // A network without a hidden layer has no units to relabel: its aligned line is the line itself.
  const aligned: LineCurve | null = askedToAlign ? (l.aligned ?? l) : null;
  return {
    runId,
    toRunId,
    lambda,
    m: outcome.m,
    validationM: outcome.validationM,
    a: { runId, weights: twoRuns ? 'final' : 'initial', cost: l.endpoints[0] },
    b: { runId: toRunId ?? runId, weights: 'final', cost: l.endpoints[1] },
    alphas: l.alphas,
    cost: l.cost,
    validationCost: l.validationCost,
    barrier: twoRuns ? l.barrier : null,
    permutation: askedToAlign ? (l.permutation ?? []).map((p) => Array.from(p, (k) => k + 1)) : null,
    alignedCost: aligned?.cost ?? null,
    alignedValidationCost: aligned?.validationCost ?? null,
    alignedBarrier: aligned ? aligned.barrier : null,
    barrierRemoved: aligned ? (l.barrier > 0 ? (l.barrier - aligned.barrier) / l.barrier : null) : null,
    computeMs: outcome.computeMs,
  };
}
