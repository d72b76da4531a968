/**
 * Training health: the numbers practitioners watch to see whether a network can learn at all, per
 * layer, at one Θ. How large ∂J/∂Θ and ∂J/∂b are (Nielsen's "speed of learning": a first hidden layer
 * whose bias gradient is many times smaller than the last's is the vanishing gradient), how far the
 * last step moved Θ relative to its size (‖ΔΘ‖/‖Θ‖, about 1e-3 for healthy SGD), how many units sit
 * where g′ is nearly 0 (saturated: blame flowing back through them nearly stops), and how the
 * weights, activations and δ are spread (TensorBoard's distributions).
 *
 * Layers are numbered as the lab numbers them: layer l = 2 is the first hidden layer, L the output;
 * layer l's weights are Θ(l−1), the matrix that feeds it, its biases that matrix's column 0.
 */
import type { Examples } from './cost';
import { sigmoid } from './activation';
import type { CostName, HiddenActivation, ModelChoice } from './model';
import { thetaLayout, type LayerSizes } from './shape';
import { validateThetaLength } from './validate';

/**
 * The percentiles of each distribution: TensorBoard's, so a practitioner reads the bands as there.
 * Between min and max they sit at the mean and ±0.5σ, ±1σ, ±1.5σ of a normal distribution, so a
 * normally spread quantity gives evenly spaced bands and a skewed or saturated one shows at a glance.
 */
export const HEALTH_PERCENTILES = [0, 6.68, 15.87, 30.85, 50, 69.15, 84.13, 93.32, 100] as const;

/** Training examples the activations, δ and saturation are measured on (evenly spaced, fixed for a run). */
export const HEALTH_SAMPLE_SIZE = 200;

/** A unit is saturated on an example when its g′ is below this fraction of g′'s largest value. */
export const SATURATED_SLOPE_FRACTION = 0.02;

/** One layer's health at one Θ. */
export interface LayerHealth {
  /** 2 = the first hidden layer, L = the output layer. */
  layer: number;
  /** ‖∂J/∂Θ(l−1)‖ without the bias column: the regularized gradient the optimizer follows, on the training set. */
  gradientNorm: number;
  /** ‖∂J/∂b‖ of this layer's biases (Θ(l−1)'s column 0): how fast the layer learns. */
  biasGradientNorm: number;
  /**
   * ‖ΔΘ‖/‖Θ‖ of the weights (no bias column) over the last optimizer iteration; null at the start. For
   * sgd an iteration is an epoch of m/batchSize steps, so this is larger than the per-step ratio the
   * 10⁻³ rule of thumb is about.
   */
  updateRatio: number | null;
  /**
   * Sigmoid and tanh: the fraction of (unit, example) pairs of the sample with g′ below 2 % of its
   * largest value. ReLU: the fraction of units dead (a = 0) on every example of the sample.
   */
  saturatedFraction: number;
  /** HEALTH_PERCENTILES of Θ(l−1)'s weights (no bias column). */
  weights: number[];
  /** HEALTH_PERCENTILES of a(l) over the sample's examples and units. */
  activations: number[];
  /** HEALTH_PERCENTILES of δ(l) over the sample. */
  deltas: number[];
}

/** g(z) of a hidden unit and g′ written in its activation a (as backprop has it), side by side. */
interface Unit {
  g(z: number): number;
  slopeFromActivation(a: number): number;
  /** The largest g′ anywhere: 0.25 for the sigmoid, 1 for tanh and ReLU. */
  maxSlope: number;
}

// The merge with the activations branch should take tanh and ReLU from activation.ts; they are
// written here so that health already measures them the way its definitions say.
const UNITS: Record<HiddenActivation, Unit> = {
  sigmoid: { g: sigmoid, slopeFromActivation: (a) => a * (1 - a), maxSlope: 0.25 },
  tanh: { g: Math.tanh, slopeFromActivation: (a) => 1 - a * a, maxSlope: 1 },
  relu: { g: (z) => (z > 0 ? z : 0), slopeFromActivation: (a) => (a > 0 ? 1 : 0), maxSlope: 1 },
};

/** Rows of the health sample: `size` evenly spaced examples of m (all of them when m ≤ size). */
export function healthSampleRows(m: number, size = HEALTH_SAMPLE_SIZE): Uint32Array {
  if (!Number.isInteger(m) || m < 0) throw new Error(`m must be a whole number ≥ 0, got ${m}`);
  const n = Math.min(m, size);
  return Uint32Array.from({ length: n }, (_, i) => Math.floor((i * m) / n));
}

export interface HealthInput {
  theta: Float64Array;
  /** ∂J/∂Θ at theta as the optimizer sees it: regularized, over the whole training set. */
  grad: Float64Array;
  /** Θ one optimizer iteration before theta; null at the start. */
  previousTheta: Float64Array | null;
  sizes: LayerSizes;
  /** The training examples the activations and δ are measured on. */
  sample: Examples;
  /** The sample's rows of `sample` (healthSampleRows). */
  rows: Uint32Array;
  model: ModelChoice;
}

/** Health of every layer l = 2…L at Θ: gradient norms, update ratio, saturation and distributions. */
export function networkHealth(input: HealthInput): LayerHealth[] {
  const { theta, grad, previousTheta, sizes, sample, rows, model } = input;
  validateThetaLength(sizes, theta, grad);
  if (previousTheta) validateThetaLength(sizes, previousTheta);
  const layout = thetaLayout(sizes);
  const { a, delta } = sampleActivations(theta, sizes, sample, rows, model);
  const L = sizes.length;
  return layout.map(({ rows: units, cols, offset }, i) => {
    const l = i + 2; // the layer Θ(i+1) feeds
    let g2 = 0;
    let b2 = 0;
    let step2 = 0;
    let w2 = 0;
    const weights = new Float64Array(units * (cols - 1));
    for (let r = 0; r < units; r++) {
      const row = offset + r * cols;
      b2 += grad[row] ** 2;
      for (let c = 1; c < cols; c++) {
        g2 += grad[row + c] ** 2;
        w2 += theta[row + c] ** 2;
        if (previousTheta) step2 += (theta[row + c] - previousTheta[row + c]) ** 2;
        weights[r * (cols - 1) + c - 1] = theta[row + c];
      }
    }
    const unit = UNITS[l === L ? 'sigmoid' : model.activation];
    const activation = l === L ? 'sigmoid' : model.activation;
    return {
      layer: l,
      gradientNorm: Math.sqrt(g2),
      biasGradientNorm: Math.sqrt(b2),
      updateRatio: previousTheta ? (w2 === 0 ? null : Math.sqrt(step2) / Math.sqrt(w2)) : null,
      saturatedFraction: saturatedFraction(a[l - 1], units, activation, unit),
      weights: percentiles(weights),
      activations: percentiles(a[l - 1]),
      deltas: percentiles(delta[l - 1]),
    };
  });
}

/**
 * Forward and back propagation of the sample, keeping a(l) and δ(l) of every example (example-major:
 * a[l][t·s(l) + j]). δ(L) = ∂J/∂z(L) of one example's cost: a − y for cross-entropy, (a − y)·g′ for
 * the quadratic cost; δ(l) = (Θ(l)ᵀδ(l+1) without the bias entry)·g′(z(l)).
 */
function sampleActivations(
  theta: Float64Array,
  sizes: LayerSizes,
  sample: Examples,
  rows: Uint32Array,
  model: ModelChoice,
): { a: Float64Array[]; delta: Float64Array[] } {
  const layout = thetaLayout(sizes);
  const L = sizes.length;
  const S = rows.length;
  const a = sizes.map((s) => new Float64Array(S * s));
  const delta = sizes.map((s) => new Float64Array(S * s));
  const hidden = UNITS[model.activation];
  for (let t = 0; t < S; t++) {
    const x = rows[t] * sample.n;
    for (let j = 0; j < sizes[0]; j++) a[0][t * sizes[0] + j] = sample.X[x + j];
    for (let l = 1; l < L; l++) {
      const { rows: units, cols, offset } = layout[l - 1];
      const g = l === L - 1 ? sigmoid : hidden.g;
      const input = a[l - 1];
      const inBase = t * sizes[l - 1] - 1; // input[inBase + c] is the unit Θ's column c reads
      const out = a[l];
      for (let r = 0; r < units; r++) {
        const row = offset + r * cols;
        let z = theta[row];
        for (let c = 1; c < cols; c++) z += theta[row + c] * input[inBase + c];
        out[t * units + r] = g(z);
      }
    }
    const K = sizes[L - 1];
    for (let k = 0; k < K; k++) {
      const h = a[L - 1][t * K + k];
      const e = h - (sample.y[rows[t]] === k ? 1 : 0);
      delta[L - 1][t * K + k] = outputDelta(model.cost, e, h);
    }
    for (let l = L - 2; l >= 1; l--) {
      const { rows: next, cols, offset } = layout[l];
      const s = sizes[l];
      const after = delta[l + 1];
      for (let j = 0; j < s; j++) {
        let back = 0;
        for (let r = 0; r < next; r++) back += theta[offset + r * cols + j + 1] * after[t * next + r];
        delta[l][t * s + j] = back * hidden.slopeFromActivation(a[l][t * s + j]);
      }
    }
  }
  return { a, delta };
}

/** δ(L) of one output unit with error e = a − y and activation a. */
function outputDelta(cost: CostName, e: number, a: number): number {
  return cost === 'cross-entropy' ? e : e * a * (1 - a);
}

function saturatedFraction(a: Float64Array, units: number, activation: HiddenActivation, unit: Unit): number {
  if (a.length === 0) return 0;
  if (activation === 'relu') {
    const S = a.length / units;
    let dead = 0;
    for (let j = 0; j < units; j++) {
      let alive = false;
      for (let t = 0; t < S && !alive; t++) alive = a[t * units + j] > 0;
      if (!alive) dead++;
    }
    return dead / units;
  }
  const below = SATURATED_SLOPE_FRACTION * unit.maxSlope;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (unit.slopeFromActivation(a[i]) < below) n++;
  return n / a.length;
}

/** HEALTH_PERCENTILES of the values, interpolated linearly between order statistics (numpy's default). */
export function percentiles(values: Float64Array): number[] {
  if (values.length === 0) return HEALTH_PERCENTILES.map(() => 0);
  const sorted = Float64Array.from(values).sort();
  const last = sorted.length - 1;
  return HEALTH_PERCENTILES.map((p) => {
    const at = (p / 100) * last;
    const lo = Math.floor(at);
    const hi = Math.min(last, lo + 1);
    return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
  });
}
