/**
 * Input checks for the fast cost function. The kernels trust their inputs (they run without bounds
 * checks in WebAssembly), so everything that could make them read or write out of place is checked
 * here first, with an error naming what was wrong and where.
 */
import { parameterCount, validateLayerSizes, type LayerSizes } from '../shape';
import type { Examples } from '../cost';

/** Throws unless the examples fit the network: X is m×n with n input units, finite, labels 0…K−1. */
export function checkExamples(sizes: LayerSizes, examples: Examples, lambda: number): void {
  validateLayerSizes(sizes);
  const { X, y, m, n } = examples;
  if (!Number.isInteger(m) || m < 1) throw new Error(`fast cost: m must be a whole number of examples ≥ 1, got ${m}`);
  if (n !== sizes[0]) throw new Error(`fast cost: examples have ${n} inputs but layer 0 has ${sizes[0]} units`);
  if (X.length !== m * n) throw new Error(`fast cost: X must hold m×n = ${m}×${n} = ${m * n} values, got ${X.length}`);
  if (y.length !== m) throw new Error(`fast cost: y must hold m = ${m} labels, got ${y.length}`);
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`fast cost: λ must be a finite number ≥ 0, got ${lambda}`);
  const classes = sizes[sizes.length - 1];
  for (let i = 0; i < m; i++) {
    if (y[i] >= classes) throw new Error(`fast cost: label of example ${i} is ${y[i]}, but the output layer has only ${classes} classes (0…${classes - 1})`);
  }
  for (let i = 0; i < X.length; i++) {
    if (!Number.isFinite(X[i])) {
      throw new Error(`fast cost: X[${Math.floor(i / n)}][${i % n}] (example ${Math.floor(i / n)}, input ${i % n}) is not a finite number`);
    }
  }
}

/** Throws unless Θ and the gradient buffer have one entry per parameter and `rows` names real examples. */
export function checkEvaluateArguments(
  sizes: LayerSizes,
  m: number,
  theta: Float64Array,
  grad: Float64Array,
  rows: Uint32Array | undefined,
): void {
  const count = parameterCount(sizes);
  if (theta.length !== count) throw new Error(`fast cost: Θ must have ${count} parameters for layers ${sizes.join('-')}, got ${theta.length}`);
  if (grad.length !== count) throw new Error(`fast cost: the gradient buffer must have ${count} entries for layers ${sizes.join('-')}, got ${grad.length}`);
  if (grad === theta) throw new Error('fast cost: the gradient buffer must not be Θ itself');
  if (rows !== undefined) {
    if (rows.length === 0) throw new Error('fast cost: rows must name at least one example');
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] >= m) throw new Error(`fast cost: rows[${i}] = ${rows[i]} is not an example (m = ${m})`);
    }
  }
}
