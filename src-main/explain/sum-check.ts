/**
 * "Loop over examples or vectorize?" on a run's own data: every training example's gradient added up
 * (+ λ/m·Θ) against the vectorized gradient. The job is chosen where the run's data is (the API's
 * thread) and is plain data, so the seconds of arithmetic can run in a worker thread (sum-check-thread.ts).
 */
import type { Examples } from '../nn/cost';
import { checkGradientSum } from './backprop';
import { ExplainInputError, type RunToExplain } from './examples';
import type { SumCheckJson } from './types';

/** One sum check: Θ and λ of a run and its first m training examples. */
export interface SumCheckJob {
  runId: number;
  sizes: number[];
  theta: Float64Array;
  lambda: number;
  examples: Examples;
}

/** What the sum-check thread posts back. */
export type SumCheckReply = { ok: true; result: SumCheckJson } | { ok: false; message: string };

/**
 * The check over `target`'s Θ with the run's λ and the first `limit` examples of `train` (all without a
 * limit); an ExplainInputError when there is no example to add up.
 */
export function sumCheckJob(target: RunToExplain, train: Examples, limit?: number): SumCheckJob {
  const m = limit === undefined ? train.m : Math.min(limit, train.m);
  if (m === 0) throw new ExplainInputError(`run ${target.run.id} has no training examples to add up`);
  return {
    runId: target.run.id,
    sizes: target.sizes,
    theta: target.theta,
    lambda: target.run.hyperparameters.lambda,
    examples: { X: train.X.subarray(0, m * train.n), y: train.y.subarray(0, m), m, n: train.n },
  };
}

/** Runs the check: the largest difference between the summed and the vectorized ∂J/∂Θ, and how long it took. */
export function computeSumCheck(job: SumCheckJob): SumCheckJson {
  const started = performance.now();
  const check = checkGradientSum(job.theta, job.sizes, job.examples, job.lambda);
  let maxAbsGradient = 0;
  for (const v of check.vectorized) maxAbsGradient = Math.max(maxAbsGradient, Math.abs(v));
  return {
    runId: job.runId,
    m: job.examples.m,
    lambda: job.lambda,
    maxAbsDifference: check.maxAbsDifference,
    relativeDifference: check.relativeDifference,
    maxAbsGradient,
    computeMs: performance.now() - started,
  };
}
