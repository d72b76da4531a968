/**
 * Minimizing J(Θ): pick an optimizer by name and drive it, synchronously (tests, benchmarks) or
 * asynchronously with a cancel signal (the training worker).
 */
import type { CostFunction } from '../cost';
import { cg } from './cg';
import { checkStart } from './guard';
import { lbfgs } from './lbfgs';
import { sgd } from './sgd';
import type {
  IterationReport,
  MinimizeOptions,
  OptimizeResult,
  OptimizerRun,
  OptimizerSettings,
  StopReason,
} from './types';

export type {
  IterationReport,
  MinimizeOptions,
  OptimizeResult,
  OptimizerName,
  OptimizerRun,
  OptimizerSettings,
  OptimizerStop,
  StopReason,
} from './types';
export { GRADIENT_TOLERANCE } from './types';
export { cg, CG_DEFAULTS, type CgTuning } from './cg';
export { lbfgs, LBFGS_DEFAULTS, type LbfgsTuning } from './lbfgs';
export { sgd } from './sgd';

/** Checks the inputs and returns the chosen optimizer as a generator, one iteration per next(). */
export function createOptimizer(f: CostFunction, theta0: Float64Array, settings: OptimizerSettings): OptimizerRun {
  checkStart(f, theta0, settings);
  switch (settings.optimizer) {
    case 'cg':
      return cg(f, theta0, settings);
    case 'lbfgs':
      return lbfgs(f, theta0, settings);
    case 'sgd':
      return sgd(f, theta0, settings);
  }
}

/**
 * Minimizes J from Θ₀ (left untouched) without yielding to the event loop. costHistory[i] is J after
 * iteration i+1; J(Θ₀) is not in it.
 */
export function minimizeSync(
  f: CostFunction,
  theta0: Float64Array,
  settings: OptimizerSettings,
  options: { onIteration?: (r: IterationReport) => void } = {},
): OptimizeResult {
  const run = createOptimizer(f, theta0, settings);
  const costHistory: number[] = [];
  for (;;) {
    const r = run.next();
    if (r.done) return finish(r.value.theta, costHistory, r.value.evaluations, r.value.stoppedBy);
    costHistory.push(r.value.cost);
    options.onIteration?.(r.value);
  }
}

/**
 * Minimizes J from Θ₀ (left untouched), yielding to the event loop after every iteration so that an
 * abort (e.g. a cancel message reaching the worker) is seen; then it stops after at most the iteration
 * in progress and returns what it has with stoppedBy 'cancelled'. costHistory[i] is J after
 * iteration i+1; J(Θ₀) is not in it.
 */
export async function minimize(
  f: CostFunction,
  theta0: Float64Array,
  settings: OptimizerSettings,
  options: MinimizeOptions = {},
): Promise<OptimizeResult> {
  const { signal, onIteration } = options;
  const run = createOptimizer(f, theta0, settings);
  const costHistory: number[] = [];
  let theta = theta0;
  let evaluations = 0;
  for (;;) {
    if (signal?.aborted) {
      run.return(undefined as never);
      return finish(theta, costHistory, evaluations, 'cancelled');
    }
    const r = run.next();
    if (r.done) return finish(r.value.theta, costHistory, r.value.evaluations, r.value.stoppedBy);
    theta = r.value.theta;
    evaluations = r.value.evaluations;
    costHistory.push(r.value.cost);
    onIteration?.(r.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function finish(
  theta: Float64Array,
  costHistory: number[],
  evaluations: number,
  stoppedBy: StopReason,
): OptimizeResult {
  return { theta: Float64Array.from(theta), costHistory, evaluations, stoppedBy };
}
