/**
 * Backprop for one example, kept whole so it can be shown: every a(l), z(l), δ(l), this example's
 * gradient δ(l+1)·[1; a(l)]ᵀ and its cost. The numbers come from loop.ts's own per-example step
 * (backpropExample and accumulateGradient), the very code that computes J(Θ) in training, so what the
 * Backprop view shows is what training did, not a second copy of the math.
 */
import type { Examples } from '../nn/cost';
import { activationBuffers } from '../nn/forward';
import { accumulateGradient, backpropExample, type ExampleBuffers } from '../nn/loop';
import { regularizeGradient } from '../nn/regularization';
import { thetaLayout, type LayerSizes } from '../nn/shape';
import { validateExamples, validateLambda, validateThetaLength } from '../nn/validate';
import { createVectorizedCost } from '../nn/vectorized';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import { modelMath } from '../nn/model-math';

/** Below this slope g′(z) a unit counts as saturated: blame flowing back through it nearly stops. */
export const SATURATION_SLOPE = 0.02;

/** Everything backprop computed for one example. Arrays per layer leave out bias units. */
export interface ExampleExplanation {
  readonly sizes: readonly number[];
  /** The cost and hidden activation the numbers were computed with. */
  readonly model: ModelChoice;
  /** The target class y (one-hot over the K outputs). */
  readonly label: number;
  /** argmax of a(L): the class the network answers. */
  readonly predicted: number;
  /** a(1)…a(L), input first; a(L) = h(x). */
  readonly a: Float64Array[];
  /** z(2)…z(L), one per layer after the input. */
  readonly z: Float64Array[];
  /** δ(2)…δ(L), one per layer after the input, the output layer last. */
  readonly delta: Float64Array[];
  /** For each hidden layer l = 2…L−1: (Θ(l)ᵀ·δ(l+1)) without the bias entry, the error routed back before g′. */
  readonly backpropagated: Float64Array[];
  /** g′(z) for each hidden layer (a·(1 − a) for the sigmoid): the slope each unit multiplies its routed-back error by. */
  readonly slope: Float64Array[];
  /** This example's unregularized ∂J/∂Θ, unrolled like θ: δ(l+1)·[1; a(l)]ᵀ for every Θ(l). */
  readonly grad: Float64Array;
  /** This example's unregularized cost: Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ), or Σₖ ½(hₖ − yₖ)² (quadratic). */
  readonly cost: number;
}

/**
 * Forward and back propagation of one example x with target class `label` through the network Θ of
 * `sizes` with `model`'s cost and hidden activation, keeping every intermediate value.
 */
export function explainExample(
  theta: Float64Array,
  sizes: LayerSizes,
  x: Float64Array,
  label: number,
  model: ModelChoice = NG_MODEL,
): ExampleExplanation {
  const math = modelMath(model);
  validateThetaLength(sizes, theta);
  const K = sizes[sizes.length - 1];
  if (x.length !== sizes[0]) throw new Error(`the example has ${x.length} inputs but the network expects ${sizes[0]}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new Error(`input ${i} of the example is ${x[i]}, not a finite number`);
  }
  if (!Number.isInteger(label) || label < 0 || label >= K) {
    throw new Error(`label must be a class 0…${K - 1}, got ${label}`);
  }
  const layout = thetaLayout(sizes);
  const L = sizes.length;
  const buffers: Required<ExampleBuffers> = {
    a: activationBuffers(sizes),
    delta: activationBuffers(sizes),
    z: activationBuffers(sizes),
    backpropagated: activationBuffers(sizes),
  };
  const cost = backpropExample(theta, layout, x, 0, label, buffers, math);
  const grad = new Float64Array(theta.length);
  accumulateGradient(grad, layout, buffers);

  const hidden = buffers.a.slice(1, L - 1);
  return {
    sizes: [...sizes],
    model: { cost: model.cost, activation: model.activation },
    label,
    predicted: argmax(buffers.a[L - 1]),
    a: buffers.a,
    z: buffers.z.slice(1),
    delta: buffers.delta.slice(1),
    backpropagated: buffers.backpropagated.slice(1, L - 1),
    slope: hidden.map((a) => a.map(math.hiddenSlope)),
    grad,
    cost,
  };
}

/** Index of the largest value (the first one on ties), as predict.ts picks a class. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Θ − α·∂J/∂Θ: one gradient-descent step with learning rate α, as a new vector. */
export function gradientStep(theta: Float64Array, grad: Float64Array, rate: number): Float64Array {
  if (grad.length !== theta.length) throw new Error(`the gradient has ${grad.length} values, θ has ${theta.length}`);
  if (!Number.isFinite(rate) || rate <= 0)
    throw new Error(`the learning rate must be a finite number > 0, got ${rate}`);
  const next = new Float64Array(theta.length);
  for (let i = 0; i < theta.length; i++) next[i] = theta[i] - rate * grad[i];
  return next;
}

/** The example before and after one gradient-descent step on its own unregularized gradient. */
export interface OneStep {
  readonly rate: number;
  readonly before: ExampleExplanation;
  readonly after: ExampleExplanation;
  /** Θ after the step. */
  readonly theta: Float64Array;
}

/**
 * Applies Θ ← Θ − α·δ(l+1)·[1; a(l)]ᵀ for this one example and explains the example again with the
 * new Θ, with the cost and activation `before` was explained with.
 */
export function oneStep(
  theta: Float64Array,
  sizes: LayerSizes,
  x: Float64Array,
  label: number,
  rate = 1,
  before = explainExample(theta, sizes, x, label),
): OneStep {
  const next = gradientStep(theta, before.grad, rate);
  return { rate, before, after: explainExample(next, sizes, x, label, before.model), theta: next };
}

/** The per-example gradients added up, next to the vectorized gradient of the same J. */
export interface GradientSumCheck {
  readonly m: number;
  readonly lambda: number;
  /** (Σₜ δ(l+1)·[1; a(l)]ᵀ)/m + (λ/m)·Θ outside the bias column. */
  readonly summed: Float64Array;
  /** ∂J/∂Θ from vectorized.ts (matrix products over all m at once). */
  readonly vectorized: Float64Array;
  readonly maxAbsDifference: number;
  /** max |summed − vectorized| / max(max |summed|, max |vectorized|). */
  readonly relativeDifference: number;
}

/**
 * "Loop over examples or vectorize?": adds up every example's own gradient (from explain's step),
 * divides by m and adds (λ/m)·Θ on non-bias weights, then compares with the vectorized gradient
 * (both with `model`'s cost and hidden activation).
 */
export function checkGradientSum(
  theta: Float64Array,
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  model: ModelChoice = NG_MODEL,
): GradientSumCheck {
  const math = modelMath(model);
  validateLambda(lambda);
  validateExamples(sizes, examples);
  validateThetaLength(sizes, theta);
  const { X, y, m, n } = examples;
  if (m === 0) throw new Error('the sum check needs at least 1 example, got m = 0');
  const layout = thetaLayout(sizes);
  const buffers: ExampleBuffers = { a: activationBuffers(sizes), delta: activationBuffers(sizes) };
  const one = new Float64Array(theta.length);
  const summed = new Float64Array(theta.length);
  for (let t = 0; t < m; t++) {
    one.fill(0);
    backpropExample(theta, layout, X, t * n, y[t], buffers, math);
    accumulateGradient(one, layout, buffers); // this example's gradient on its own…
    for (let i = 0; i < one.length; i++) summed[i] += one[i]; // …then added to the others
  }
  regularizeGradient(summed, theta, layout, lambda, m);

  const vectorized = new Float64Array(theta.length);
  const f = createVectorizedCost(sizes, examples, lambda, model);
  try {
    f.evaluate(theta, vectorized);
  } finally {
    f.dispose();
  }
  let maxAbsDifference = 0;
  let scale = 0;
  for (let i = 0; i < summed.length; i++) {
    maxAbsDifference = Math.max(maxAbsDifference, Math.abs(summed[i] - vectorized[i]));
    scale = Math.max(scale, Math.abs(summed[i]), Math.abs(vectorized[i]));
  }
  return {
    m,
    lambda,
    summed,
    vectorized,
    maxAbsDifference,
    relativeDifference: scale === 0 ? 0 : maxAbsDifference / scale,
  };
}
