/**
 * Checks shared by all optimizers: bad settings or a bad Θ₀ fail before any work with a message
 * naming the field, and a cost that turns NaN or ±∞ stops the run naming the iteration.
 */
import type { CostFunction } from '../cost';
import { parameterCount } from '../shape';
import type { OptimizerName, OptimizerSettings } from './types';

const OPTIMIZER_NAMES: readonly OptimizerName[] = ['cg', 'lbfgs', 'sgd'];

/** Throws a clear error unless Θ₀ fits f and the settings are usable by the chosen optimizer. */
export function checkStart(f: CostFunction, theta0: Float64Array, settings: OptimizerSettings): void {
  if (!(theta0 instanceof Float64Array)) throw new Error('optimizer: theta0 must be a Float64Array');
  if (theta0.length === 0) throw new Error('optimizer: theta0 is empty; there are no parameters to optimize');
  const expected = parameterCount(f.sizes);
  if (theta0.length !== expected) {
    throw new Error(`optimizer: theta0 has ${theta0.length} values, but layers ${f.sizes.join('-')} need ${expected}`);
  }
  for (let i = 0; i < theta0.length; i++) {
    if (!Number.isFinite(theta0[i])) throw new Error(`optimizer: theta0[${i}] is ${theta0[i]}, not a finite number`);
  }
  const s = settings;
  if (!OPTIMIZER_NAMES.includes(s.optimizer)) {
    throw new Error(
      `optimizer: unknown optimizer '${String(s.optimizer)}', expected one of ${OPTIMIZER_NAMES.join(', ')}`,
    );
  }
  if (!Number.isInteger(s.iterations) || s.iterations < 1) {
    throw new Error(`optimizer: iterations must be a whole number ≥ 1, got ${s.iterations}`);
  }
  if (s.optimizer !== 'sgd') return;
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1) {
    throw new Error(`sgd: batchSize must be a whole number ≥ 1, got ${s.batchSize}`);
  }
  if (!Number.isFinite(s.learningRate) || s.learningRate <= 0) {
    throw new Error(`sgd: learningRate must be a finite number > 0, got ${s.learningRate}`);
  }
  if (!Number.isFinite(s.momentum) || s.momentum < 0 || s.momentum >= 1) {
    throw new Error(`sgd: momentum must be in [0, 1), got ${s.momentum}`);
  }
  if (!Number.isInteger(s.seed) || s.seed < 0 || s.seed > 0xffffffff) {
    throw new Error(`sgd: seed must be a whole number in [0, 2^32 − 1], got ${s.seed}`);
  }
  if (!Number.isInteger(f.m) || f.m < 1) throw new Error(`sgd: the cost function has ${f.m} examples; need at least 1`);
}

/**
 * Throws unless J (and the slope along the search direction, when given) is finite. `iteration` is
 * the one in progress (the epoch for sgd), counted from 1 (0 = the starting point).
 */
export function checkFinite(
  optimizer: OptimizerName,
  cost: number,
  iteration: number,
  evaluations: number,
  slope = 0,
): void {
  if (Number.isFinite(cost) && Number.isFinite(slope)) return;
  const where =
    iteration === 0 ? 'at the starting Θ' : `in ${optimizer === 'sgd' ? 'epoch' : 'iteration'} ${iteration}`;
  const what = Number.isFinite(cost) ? `the gradient contains ${slope}` : `the cost became ${cost}`;
  const hint =
    optimizer === 'sgd' ? ' (a smaller learningRate usually helps)' : iteration === 0 ? ' (check Θ₀ and the data)' : '';
  throw new Error(`${optimizer}: ${what} ${where}, evaluation ${evaluations}${hint}`);
}
