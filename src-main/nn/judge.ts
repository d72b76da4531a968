/**
 * How well Θ does on examples it is not trained on: the cost J without the λ term (ex5's J_cv, the
 * data term only, so runs with different λ are judged alike) and the accuracy, from one forward pass.
 * Training calls it at every snapshot on the validation set, where overfitting shows as J_cv turning
 * up while the training J keeps falling.
 *
 * The cost terms are computed from z(L) rather than from h = g(z(L)): −log(g(z)) = log(1 + e^−z) and
 * −log(1 − g(z)) = log(1 + e^z). They are the same numbers, but an overfit network is often so sure
 * of a wrong answer that h rounds to exactly 1, and −log(1 − h) would then print ∞ where the true
 * cost is large but finite. The quadratic cost's terms ½(h − y)² are bounded, so they are taken from h.
 */
import { Matrix } from 'ml-matrix';
import type { Examples } from './cost';
import { sigmoid } from './activation';
import { NG_MODEL, type ModelChoice } from './model';
import { modelMath } from './model-math';
import { quadraticTerm } from './quadratic';
import { rowsOf, timesTransposed } from './row-products';
import { thetaLayout, type LayerSizes } from './shape';
import { validateExamples, validateThetaLength } from './validate';

/** Examples per block of the forward pass, so that memory stays small for any m. */
const BLOCK = 256;

export interface Judgement {
  /** J_cv: (1/m)·ΣΣ −y·log(h) − (1−y)·log(1−h) (or ½(h − y)² for the quadratic cost), no λ term. */
  cost: number;
  /** Fraction of examples whose largest output is their label (ties go to the lower class, as predict). */
  accuracy: number;
}

/** A function giving J of `model` (no λ term) and the accuracy of any Θ on `examples` (at least one). */
export function createJudge(
  sizes: LayerSizes,
  examples: Examples,
  model: ModelChoice = NG_MODEL,
): (theta: Float64Array) => Judgement {
  const { hidden } = modelMath(model);
  const quadratic = model.cost === 'quadratic';
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error('judging needs at least 1 example, got m = 0');
  const layout = thetaLayout(sizes);
  const { X, y, m, n } = examples;
  const thetas = layout.map(({ rows, cols }) => new Matrix(rows, cols));
  const rowsPerBlock = Math.min(BLOCK, m);
  const last = sizes.length - 1;
  // A[l] holds [1 a(l)] for a block's examples; the last holds z(L), turned into costs below. A short
  // last block has matrices of its own.
  const blockMatrices = (rows: number) => sizes.map((s, l) => new Matrix(rows, l === last ? s : s + 1));
  const A = blockMatrices(rowsPerBlock);
  const tail = m % rowsPerBlock === 0 ? A : blockMatrices(m % rowsPerBlock);

  return (theta) => {
    validateThetaLength(sizes, theta);
    thetas.forEach((T, l) => {
      const { cols, offset } = layout[l];
      rowsOf(T).forEach((row, r) => row.set(theta.subarray(offset + r * cols, offset + (r + 1) * cols)));
    });
    let J = 0;
    let right = 0;
    for (let start = 0; start < m; start += rowsPerBlock) {
      const count = Math.min(rowsPerBlock, m - start);
      const layers = count === rowsPerBlock ? A : tail;
      rowsOf(layers[0]).forEach((row, i) => {
        row[0] = 1;
        row.set(X.subarray((start + i) * n, (start + i + 1) * n), 1);
      });
      for (let l = 0; l < last; l++) {
        const hasBias = l + 1 < last;
        timesTransposed(layers[l], thetas[l], layers[l + 1], hasBias ? 1 : 0);
        if (!hasBias) continue;
        for (const row of rowsOf(layers[l + 1])) {
          row[0] = 1;
          for (let j = 1; j < row.length; j++) row[j] = hidden(row[j]);
        }
      }
      const outputs = rowsOf(layers[last]);
      for (let i = 0; i < count; i++) {
        const z = outputs[i];
        const label = y[start + i];
        let best = 0;
        let bestH = -1;
        for (let k = 0; k < z.length; k++) {
          const h = sigmoid(z[k]); // compared as h, as predict does: where h rounds to a tie, the lower class wins
          J += quadratic ? quadraticTerm(h, k === label) : softplus(k === label ? -z[k] : z[k]);
          if (h > bestH) [best, bestH] = [k, h];
        }
        if (best === label) right++;
      }
    }
    return { cost: J / m, accuracy: right / m };
  };
}

/** log(1 + e^x) without overflow for large x. */
export function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}
