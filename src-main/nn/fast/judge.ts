/**
 * J_cv and accuracy (judge.ts) on the fast kernel: a run judges Θ on its validation set at every
 * snapshot, and the reference forward pass (dense, ml-matrix) took longer on 1,000 digits than a
 * full evaluation of J and ∇J on 5,000 does here. The kernel computes the hidden layers over the
 * inputs in its layout; the output layer and its costs are finished below from z(L), exactly as
 * judge.ts does (softplus of ±z, so an overconfident network still gets a finite J_cv; the quadratic
 * cost's bounded ½(h − y)² from h).
 */
import { sigmoid } from '../activation';
import type { Examples } from '../cost';
import { createJudge, softplus, type Judgement } from '../judge';
import { NG_MODEL, type ModelChoice } from '../model';
import { predict } from '../predict';
import { quadraticTerm } from '../quadratic';
import { thetaLayout, type LayerSizes } from '../shape';
import { validateExamples, validateThetaLength } from '../validate';
import { createFastCost } from './index';
import { wasmKernelSupported } from './wasm-kernel';

/** Judges Θ on fixed examples, and predicts their classes, reusing one kernel layout of them. */
export interface FastJudge {
  judge(theta: Float64Array): Judgement;
  /** The class of each example, as predict.ts gives it. */
  predict(theta: Float64Array): Uint8Array;
  dispose(): void;
}

/**
 * A judge of any Θ on `examples` (at least one): J of `model` without λ and the accuracy, as
 * createJudge gives them (to rounding: the sums run in another order). Uses createJudge where the
 * kernel can't run or the network has no hidden layer.
 */
export function createFastJudge(sizes: LayerSizes, examples: Examples, model: ModelChoice = NG_MODEL): FastJudge {
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error('judging needs at least 1 example, got m = 0');
  if (sizes.length < 3 || !wasmKernelSupported()) {
    const judge = createJudge(sizes, examples, model);
    return {
      judge,
      predict: (theta) => predict(theta, sizes, examples.X, examples.m, model),
      dispose: () => {},
    };
  }
  const f = createFastCost(sizes, examples, 0, { ...model, threads: 1 });
  const quadratic = model.cost === 'quadratic';
  const { y, m } = examples;
  const last = sizes.length - 1;
  const K = sizes[last];
  const units = sizes[last - 1];
  const width = units + (units & 1);
  const { offset, cols } = thetaLayout(sizes)[last - 1];
  const z = new Float64Array(K);
  return {
    judge(theta) {
      validateThetaLength(sizes, theta);
      const a = f.lastHidden!(theta);
      let J = 0;
      let right = 0;
      for (let i = 0; i < m; i++) {
        const base = i * width;
        for (let k = 0; k < K; k++) {
          const row = offset + k * cols;
          let sum = theta[row];
          for (let j = 0; j < units; j++) sum += a[base + j] * theta[row + 1 + j];
          z[k] = sum;
        }
        const label = y[i];
        let best = 0;
        let bestH = -1;
        for (let k = 0; k < K; k++) {
          const h = sigmoid(z[k]); // compared as h, as predict does: where h rounds to a tie, the lower class wins
          J += quadratic ? quadraticTerm(h, k === label) : softplus(k === label ? -z[k] : z[k]);
          if (h > bestH) [best, bestH] = [k, h];
        }
        if (best === label) right++;
      }
      return { cost: J / m, accuracy: right / m };
    },
    predict: (theta) => f.predict!(theta),
    dispose: () => f.dispose(),
  };
}
