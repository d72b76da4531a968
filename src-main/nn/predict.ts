/**
 * Using a trained network: the predicted class of each example, how often it is right, and which
 * digits it confuses with which.
 */
import { activationBuffers, forwardInto } from './forward';
import { NG_MODEL, type ModelChoice } from './model';
import { modelMath } from './model-math';
import { thetaLayout, type LayerSizes } from './shape';
import { validateThetaLength } from './validate';

/**
 * The class (0…K−1) whose output unit is largest for each of the m rows of X (m×n row-major), as
 * Ng's predict.m takes [~, p] = max(h2, [], 2). Ties go to the lowest class, as Octave's max does.
 * `model`'s hidden activation is used in the hidden layers (its cost plays no part).
 */
export function predict(
  theta: Float64Array,
  sizes: LayerSizes,
  X: Float64Array,
  m: number,
  model: ModelChoice = NG_MODEL,
): Uint8Array {
  const { hidden } = modelMath(model);
  const layout = thetaLayout(sizes);
  validateThetaLength(sizes, theta);
  const n = sizes[0];
  const K = sizes[sizes.length - 1];
  if (K > 256) throw new Error(`predict returns classes as bytes, so at most 256 classes are supported, got ${K}`);
  if (!Number.isInteger(m) || m < 0) throw new Error(`m must be a whole number ≥ 0, got ${m}`);
  if (X.length !== m * n) throw new Error(`X must hold m·n = ${m}·${n} = ${m * n} values, got ${X.length}`);
  const a = activationBuffers(sizes);
  const h = a[a.length - 1];
  const predictions = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    forwardInto(theta, layout, X, i * n, a, undefined, hidden);
    let best = 0;
    for (let k = 1; k < K; k++) if (h[k] > h[best]) best = k;
    predictions[i] = best;
  }
  return predictions;
}

/**
 * Fraction (0–1) of predictions equal to the labels y. Of zero examples it is NaN, not 0 or 1:
 * there is no accuracy to report, and NaN makes a display show "n/a" instead of a made-up number.
 */
export function accuracy(predictions: Uint8Array, y: Uint8Array): number {
  if (predictions.length !== y.length) {
    throw new Error(`got ${predictions.length} predictions for ${y.length} labels; they must match one to one`);
  }
  if (y.length === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < y.length; i++) if (predictions[i] === y[i]) correct++;
  return correct / y.length;
}

/**
 * K×K counts: entry [t][p] is how many examples of true class t were predicted as p, so the
 * diagonal holds the correct ones. With no examples every count is 0.
 */
export function confusionMatrix(predictions: Uint8Array, y: Uint8Array, K: number): number[][] {
  if (!Number.isInteger(K) || K < 1) throw new Error(`K (number of classes) must be a whole number ≥ 1, got ${K}`);
  if (predictions.length !== y.length) {
    throw new Error(`got ${predictions.length} predictions for ${y.length} labels; they must match one to one`);
  }
  const counts = Array.from({ length: K }, () => new Array<number>(K).fill(0));
  for (let i = 0; i < y.length; i++) {
    if (y[i] >= K) throw new Error(`label of example ${i} is ${y[i]}, outside the ${K} classes 0…${K - 1}`);
    if (predictions[i] >= K)
      throw new Error(`prediction for example ${i} is ${predictions[i]}, outside the ${K} classes 0…${K - 1}`);
    counts[y[i]][predictions[i]]++;
  }
  return counts;
}

/** h(x) of each of the m rows of X (m×n row-major): m×K output activations, row after row. */
export function outputScores(
  theta: Float64Array,
  sizes: LayerSizes,
  X: Float64Array,
  m: number,
  model: ModelChoice = NG_MODEL,
): Float64Array {
  const { hidden } = modelMath(model);
  const layout = thetaLayout(sizes);
  validateThetaLength(sizes, theta);
  const n = sizes[0];
  const K = sizes[sizes.length - 1];
  if (X.length !== m * n) throw new Error(`X must hold m·n = ${m}·${n} = ${m * n} values, got ${X.length}`);
  const a = activationBuffers(sizes);
  const scores = new Float64Array(m * K);
  for (let i = 0; i < m; i++) {
    forwardInto(theta, layout, X, i * n, a, undefined, hidden);
    scores.set(a[a.length - 1], i * K);
  }
  return scores;
}
