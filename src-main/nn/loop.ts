/**
 * Cost and gradient by backpropagation, one example at a time, following the steps of Ng's ex4:
 *
 *   for t = 1…m:
 *     1. forward pass:   a(1) = x(t), a(l+1) = g(Θ(l)·[1; a(l)])
 *     2. output error:   δ(L) = a(L) − y(t)          (y(t) one-hot)
 *     3. hidden errors:  δ(l) = (Θ(l)ᵀ·δ(l+1)) without its bias entry, times g′(z(l)) = a(l)·(1 − a(l))
 *     4. accumulate:     Δ(l) += δ(l+1)·[1; a(l)]ᵀ
 *   then ∂J/∂Θ(l) = Δ(l)/m, plus (λ/m)·Θ(l) outside the bias column.
 *
 * Another ModelChoice swaps in its pieces (model-math.ts): the quadratic cost's δ(L) = (a − y)·a(1 − a),
 * tanh's g′ = 1 − a², ReLU's g′ = [z > 0]; the steps stay the same.
 *
 * Written to be read next to the lecture notes; the vectorized and fast versions must agree with it.
 */
import type { CostFunction, Examples } from './cost';
import { activationBuffers, forwardInto } from './forward';
import { NG_MODEL, type ModelChoice } from './model';
import { modelMath, type ModelMath } from './model-math';
import { regularizationCost, regularizeGradient } from './regularization';
import { thetaLayout, type LayerSizes, type ThetaBlock } from './shape';
import { validateExamples, validateLambda, validateRows, validateThetaLength } from './validate';

/**
 * The regularized cost J(Θ) of `model` (default Ng's) and its gradient for a network of `sizes`, computed
 * one example at a time. `evaluate(θ, grad, rows?)` writes ∂J/∂Θ into `grad` and returns J; with
 * `rows`, m = rows.length.
 */
export function createLoopCost(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  model: ModelChoice = NG_MODEL,
): CostFunction {
  return createLoopCostWith(sizes, examples, lambda, { model });
}

/** Step 3 for one hidden unit: δ(l) from Θ(l)ᵀ·δ(l+1) (bias entry left out) and the unit's a(l). */
export type HiddenDelta = (backpropagated: number, activation: number) => number;

/** δ(l) = (Θ(l)ᵀ·δ(l+1)) times g′(z(l)), read from a(l): a(l)·(1 − a(l)) for the lecture's sigmoid. */
function timesSlope(math: ModelMath): HiddenDelta {
  const slope = math.hiddenSlope;
  return (backpropagated, activation) => backpropagated * slope(activation);
}

const NG_MATH = modelMath(NG_MODEL);

/**
 * Internal: createLoopCost with step 3 swapped for `hiddenDelta` and errors naming `name`, so that
 * planted-bugs.ts can leave g′ out of this very loop instead of keeping a copy of it.
 */
export function createLoopCostWith(
  sizes: LayerSizes,
  examples: Examples,
  lambda: number,
  options: { hiddenDelta?: HiddenDelta; name?: string; model?: ModelChoice },
): CostFunction {
  const math = modelMath(options.model);
  const { hiddenDelta = timesSlope(math), name = 'loop cost' } = options;
  validateLambda(lambda);
  validateExamples(sizes, examples);
  if (examples.m === 0) throw new Error(`the ${name} needs at least 1 example, got m = 0`);

  const layout = thetaLayout(sizes);
  const { X, y, n } = examples;
  // Reused for every example: a(l) and δ(l) of the current example (δ(1) is never needed).
  const buffers: ExampleBuffers = { a: activationBuffers(sizes), delta: activationBuffers(sizes) };

  function evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
    validateThetaLength(sizes, theta, grad);
    if (rows !== undefined) validateRows(rows, examples.m);
    const m = rows !== undefined ? rows.length : examples.m;

    grad.fill(0); // grad holds Δ(1)…Δ(L−1) until the very end
    let J = 0;
    for (let t = 0; t < m; t++) {
      const example = rows !== undefined ? rows[t] : t;
      J += backpropExample(theta, layout, X, example * n, y[example], buffers, math, hiddenDelta);
      accumulateGradient(grad, layout, buffers);
    }

    regularizeGradient(grad, theta, layout, lambda, m);
    return J / m + regularizationCost(theta, layout, lambda, m);
  }

  return { sizes, lambda, m: examples.m, evaluate, dispose() {} };
}

/**
 * The per-example state of backprop, one Float64Array per layer (index 0 is the input layer; bias
 * units are never stored). `z` and `backpropagated` are filled only when given, for explaining an example.
 */
export interface ExampleBuffers {
  /** a(1)…a(L); a(1) = x. */
  readonly a: Float64Array[];
  /** δ(2)…δ(L) at indices 1…L−1 (index 0 is unused: the input has no error). */
  readonly delta: Float64Array[];
  /** z(2)…z(L) at indices 1…L−1. */
  readonly z?: Float64Array[];
  /** (Θ(l)ᵀ·δ(l+1)) without its bias entry, for each hidden layer l (indices 1…L−2): δ(l) before g′. */
  readonly backpropagated?: Float64Array[];
}

/**
 * Steps 1–3 for one example (the n values of X at `xOffset`, class `label`): forward pass into
 * buffers.a, δ(L) (a(L) − y for Ng's cost) and every hidden δ(l) into buffers.delta. Returns this
 * example's unregularized cost (Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ) for Ng's, Σₖ ½(hₖ − yₖ)² for the
 * quadratic). No checks: callers validate once.
 */
export function backpropExample(
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  X: Float64Array,
  xOffset: number,
  label: number,
  buffers: ExampleBuffers,
  math: ModelMath = NG_MATH,
  hiddenDelta: HiddenDelta = timesSlope(math),
): number {
  const { a, delta, z, backpropagated } = buffers;
  const L = a.length;

  // 1. forward pass
  forwardInto(theta, layout, X, xOffset, a, z, math.hidden);

  // 2. output error δ(L) (h − y for Ng's cost), and this example's share of the cost
  const h = a[L - 1];
  const deltaOut = delta[L - 1];
  const { costTerm, outputDelta } = math;
  let J = 0;
  for (let k = 0; k < h.length; k++) {
    J += costTerm(h[k], k === label);
    deltaOut[k] = outputDelta(h[k], k === label);
  }

  // 3. hidden errors, from the last hidden layer back to the first
  for (let l = L - 2; l >= 1; l--) {
    const { rows: unitsAbove, cols, offset } = layout[l]; // Θ(l) maps layer l to l+1
    const above = delta[l + 1];
    const here = delta[l];
    const al = a[l];
    for (let j = 0; j < here.length; j++) {
      // column j+1 of Θ(l): column 0 belongs to the bias unit, which has no δ
      let sum = 0;
      for (let r = 0; r < unitsAbove; r++) sum += theta[offset + r * cols + j + 1] * above[r];
      if (backpropagated !== undefined) backpropagated[l][j] = sum;
      here[j] = hiddenDelta(sum, al[j]);
    }
  }
  return J;
}

/** Step 4 for the example in `buffers`: Δ(l) += δ(l+1)·[1; a(l)]ᵀ for every Θ(l), into `grad` (unrolled). */
export function accumulateGradient(grad: Float64Array, layout: readonly ThetaBlock[], buffers: ExampleBuffers): void {
  const { a, delta } = buffers;
  for (let l = 0; l < layout.length; l++) {
    const { rows: unitsAbove, cols, offset } = layout[l];
    const above = delta[l + 1];
    const al = a[l];
    for (let r = 0; r < unitsAbove; r++) {
      const d = above[r];
      const row = offset + r * cols;
      grad[row] += d; // times the bias unit, 1
      for (let c = 1; c < cols; c++) grad[row + c] += d * al[c - 1];
    }
  }
}
