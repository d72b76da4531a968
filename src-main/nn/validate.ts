/**
 * Input checks shared by the cost implementations, so that bad data fails at once with a message
 * naming what was wrong and where, instead of surfacing later as a NaN cost or a silent wrong answer.
 */
import type { Examples } from './cost';
import { parameterCount, validateLayerSizes, type LayerSizes } from './shape';

/** Throws unless λ is a finite number ≥ 0. */
export function validateLambda(lambda: number): void {
  if (typeof lambda !== 'number' || !Number.isFinite(lambda) || lambda < 0) {
    throw new Error(`λ (lambda) must be a finite number ≥ 0, got ${lambda}`);
  }
}

/**
 * Throws unless the examples fit a network of these sizes: n = s(1) inputs, X holding m·n finite
 * values, y holding m class indices 0…K−1 with K = s(L). m = 0 is allowed here; callers that need
 * at least one example say so themselves.
 */
export function validateExamples(sizes: LayerSizes, examples: Examples): void {
  validateLayerSizes(sizes);
  const { X, y, m, n } = examples;
  const inputs = sizes[0];
  const K = sizes[sizes.length - 1];
  if (!Number.isInteger(m) || m < 0) throw new Error(`examples.m must be a whole number ≥ 0, got ${m}`);
  if (n !== inputs) throw new Error(`examples have ${n} features (n) but the input layer has ${inputs} units`);
  if (X.length !== m * n) {
    throw new Error(`examples.X must hold m·n = ${m}·${n} = ${m * n} values, got ${X.length}`);
  }
  if (y.length !== m) throw new Error(`examples.y must hold m = ${m} labels, got ${y.length}`);
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new Error(`examples.X at example ${Math.floor(i / n)}, feature ${i % n} is ${X[i]}, not a finite number`);
    }
  }
  for (let i = 0; i < m; i++) {
    if (y[i] >= K) {
      throw new Error(`label of example ${i} is ${y[i]}, but the output layer has ${K} classes (0…${K - 1})`);
    }
  }
}

/** Throws unless θ (and the gradient buffer, if given) has exactly one entry per parameter. */
export function validateThetaLength(sizes: LayerSizes, theta: Float64Array, grad?: Float64Array): void {
  const count = parameterCount(sizes);
  if (theta.length !== count) {
    throw new Error(`θ must hold ${count} parameters for layers ${sizes.join('-')}, got ${theta.length}`);
  }
  if (grad !== undefined && grad.length !== count) {
    throw new Error(`the gradient buffer must hold ${count} values for layers ${sizes.join('-')}, got ${grad.length}`);
  }
}

/** Throws unless `rows` names at least one example and every index is < m. */
export function validateRows(rows: Uint32Array, m: number): void {
  if (rows.length === 0) throw new Error('rows is empty: J over no examples (m = 0) is undefined');
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] >= m) throw new Error(`rows[${i}] = ${rows[i]} is not an example index (m = ${m})`);
  }
}
