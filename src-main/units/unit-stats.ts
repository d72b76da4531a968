/**
 * One hidden unit seen through the training set: which examples excite it most and least, how its
 * activation a(l)ⱼ is spread over the m examples, how often it is saturated (its g′ so small that
 * blame nearly stops reaching it; for ReLU: dead, z ≤ 0, g′ = 0), and where its output goes (Θ(l)'s column j).
 *
 * Units use Ng's numbering: layer l is 2…L−1 (layer 1 is the input, L the output) and unit j is
 * 1…s(l), so "hidden unit 7" is a(2)₇ and its outgoing weights are Θ(2)[·][7] (column 0 is the bias).
 * The activations of every example come from the forward pass in nn/forward.ts, computed once per
 * network (hiddenActivations) and shared by every unit asked about.
 */
import { activationBuffers, forwardInto } from '../nn/forward';
import { NG_MODEL, type HiddenActivation, type ModelChoice } from '../nn/model';
import { modelMath } from '../nn/model-math';
import { thetaLayout, type LayerSizes } from '../nn/shape';
import { validateThetaLength } from '../nn/validate';
import { canSkipZeros, forwardSkippingZeros } from './sparse-forward';

/** g′(z) below this counts as saturated: the unit passes on less than 2% of the blame a slope of 1 would. */
export const SATURATION_SLOPE = 0.02;
/** Examples listed at each end (the 9 that activate a unit most and the 9 that activate it least). */
export const EXTREME_EXAMPLES = 9;
/**
 * Equal-width bins of the activation histogram over histogramRange: for the sigmoid 0.02 wide, so the
 * first and last bins hold exactly the saturated examples' side of [0, 1] (a(1 − a) < 0.02 means
 * a < 0.0204 or a > 0.9796).
 */
export const HISTOGRAM_BINS = 50;

/**
 * Whether a unit of this activation is saturated at activation a: g′ written in a below SATURATION_SLOPE
 * (sigmoid a(1 − a), tanh 1 − a², whose maximum is 1, so 2 % of it); a ReLU unit is dead when z ≤ 0
 * (a = 0, g′ = 0: no blame at all passes).
 */
export function isSaturated(a: number, activation: HiddenActivation): boolean {
  if (activation === 'relu') return a <= 0;
  return (activation === 'tanh' ? 1 - a * a : a * (1 - a)) < SATURATION_SLOPE;
}

/** The span the histogram covers: g's range, [0, 1] for the sigmoid, [−1, 1] for tanh, [0, largest a] for ReLU. */
export function histogramRange(activation: HiddenActivation, max: number): [number, number] {
  if (activation === 'tanh') return [-1, 1];
  if (activation === 'relu') return [0, max > 0 ? max : 1];
  return [0, 1];
}

/** The examples a network reads: m rows of n features in X (row-major) and a label per row. */
export interface UnitExamples {
  readonly X: Float64Array;
  readonly y: ArrayLike<number>;
  readonly m: number;
  readonly n: number;
}

/**
 * The forward activations of every hidden layer for every example: entry l − 2 holds a(l) for
 * l = 2…L−1 as an m × s(l) matrix, example after example. What a cache keeps per run.
 */
export interface HiddenActivations {
  readonly sizes: readonly number[];
  readonly m: number;
  /** The hidden units' g, which says what saturation means and where the histogram spans. */
  readonly activation: HiddenActivation;
  readonly layers: Float64Array[];
  /** The class h(x) picks for each example (argmax of a(L), the lower class on a tie), as predict does. */
  readonly predicted: Uint8Array;
}

/** One example at an end of the ranking: its row in the training set, label and a(l)ⱼ. */
export interface RankedExample {
  index: number;
  label: number;
  activation: number;
}

/** Everything the unit view shows about a(l)ⱼ over the training set. */
export interface HiddenUnitStats {
  layer: number;
  unit: number;
  m: number;
  /** Θ(l−1)[j][0], the weight on the previous layer's bias unit. */
  bias: number;
  /** Θ(l−1)[j][1…s(l−1)]: the weights over the input (l = 2) or over the previous hidden layer. */
  incoming: number[];
  /** Θ(l)[k][j] for k = 1…s(l+1): to the classes when l = L−1, otherwise to the next layer's units. */
  outgoing: number[];
  outgoingTo: 'classes' | 'units';
  /** Highest activation first; ties go to the lower example index. */
  top: RankedExample[];
  /** Lowest activation first; ties go to the lower example index. */
  bottom: RankedExample[];
  activation: HiddenActivation;
  /** HISTOGRAM_BINS counts over [lo, hi] = histogramRange; bin b is [lo + b·w, lo + (b+1)·w), the last one closed. */
  histogram: number[];
  histogramRange: [number, number];
  mean: number;
  min: number;
  max: number;
  /**
   * Examples where isSaturated holds, split into nearly off (below g's middle: ½ for the sigmoid, 0 for
   * tanh; every dead ReLU example) and nearly on.
   */
  saturated: { count: number; fraction: number; off: number; on: number };
}

/**
 * a(2)…a(L−1) of every example, by the same forwardInto the cost functions use (skipping zero inputs,
 * which changes no bit: sparse-forward.ts), so the numbers are those of training to the last bit.
 * Costs m forward passes; call once per network and keep it.
 */
export function hiddenActivations(
  theta: Float64Array,
  sizes: LayerSizes,
  examples: UnitExamples,
  model: ModelChoice = NG_MODEL,
): HiddenActivations {
  const { hidden: g } = modelMath(model);
  validateThetaLength(sizes, theta);
  if (sizes.length < 3) throw new Error(`the network ${sizes.join('-')} has no hidden layer`);
  const { X, m, n } = examples;
  if (n !== sizes[0]) throw new Error(`the examples have ${n} features but the network reads ${sizes[0]}`);
  if (X.length !== m * n) throw new Error(`X must hold m·n = ${m * n} values, got ${X.length}`);
  const layout = thetaLayout(sizes);
  const buffers = activationBuffers(sizes);
  const hidden = sizes.slice(1, -1);
  const layers = hidden.map((s) => new Float64Array(m * s));
  const predicted = new Uint8Array(m);
  const output = buffers[buffers.length - 1];
  const skipZeros = canSkipZeros(theta, layout);
  const nonzero = new Uint32Array(n);
  for (let i = 0; i < m; i++) {
    if (skipZeros) forwardSkippingZeros(theta, layout, X, i * n, buffers, nonzero, g);
    else forwardInto(theta, layout, X, i * n, buffers, undefined, g);
    hidden.forEach((s, h) => layers[h].set(buffers[h + 1], i * s));
    let best = 0;
    for (let k = 1; k < output.length; k++) if (output[k] > output[best]) best = k;
    predicted[i] = best;
  }
  return { sizes: [...sizes], m, activation: model.activation, layers, predicted };
}

/**
 * The statistics of hidden unit j of layer l (Ng's numbering, see the file comment) from Θ, the
 * cached activations and the examples' labels.
 */
export function hiddenUnitStats(
  theta: Float64Array,
  activations: HiddenActivations,
  labels: ArrayLike<number>,
  layer: number,
  unit: number,
): HiddenUnitStats {
  const { sizes, m } = activations;
  const L = sizes.length;
  if (!Number.isInteger(layer) || layer < 2 || layer > L - 1) {
    throw new Error(`layer must be a hidden layer of the network ${sizes.join('-')}: 2…${L - 1}, got ${layer}`);
  }
  const s = sizes[layer - 1];
  if (!Number.isInteger(unit) || unit < 1 || unit > s) {
    throw new Error(`unit must be 1…${s} (layer ${layer} has ${s} units), got ${unit}`);
  }
  if (labels.length !== m) throw new Error(`got ${labels.length} labels for ${m} examples`);
  if (m < 1) throw new Error('a unit needs at least 1 example to be described');
  validateThetaLength(sizes, theta);

  const layout = thetaLayout(sizes);
  const into = layout[layer - 2];
  const row = into.offset + (unit - 1) * into.cols;
  const out = layout[layer - 1];
  const outgoing: number[] = [];
  for (let k = 0; k < out.rows; k++) outgoing.push(theta[out.offset + k * out.cols + unit]);

  const a = new Float64Array(m);
  const all = activations.layers[layer - 2];
  for (let i = 0; i < m; i++) a[i] = all[i * s + unit - 1];

  const { activation } = activations;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let off = 0;
  let on = 0;
  const middle = activation === 'sigmoid' ? 0.5 : activation === 'tanh' ? 0 : Infinity;
  for (let i = 0; i < m; i++) {
    const v = a[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (isSaturated(v, activation)) {
      if (v < middle) off++;
      else on++;
    }
  }
  const range = histogramRange(activation, max);
  const histogram = new Array<number>(HISTOGRAM_BINS).fill(0);
  const perUnit = HISTOGRAM_BINS / (range[1] - range[0]);
  for (let i = 0; i < m; i++) {
    histogram[Math.max(0, Math.min(HISTOGRAM_BINS - 1, Math.floor((a[i] - range[0]) * perUnit)))]++;
  }

  const ranked = (i: number): RankedExample => ({ index: i, label: labels[i], activation: a[i] });
  const top = extremes(a, Math.min(EXTREME_EXAMPLES, m), (p, q) => a[q] - a[p] || p - q).map(ranked);
  const bottom = extremes(a, Math.min(EXTREME_EXAMPLES, m), (p, q) => a[p] - a[q] || p - q).map(ranked);

  return {
    layer,
    unit,
    m,
    bias: theta[row],
    incoming: Array.from(theta.subarray(row + 1, row + into.cols)),
    outgoing,
    outgoingTo: layer === L - 1 ? 'classes' : 'units',
    top,
    bottom,
    activation,
    histogram,
    histogramRange: range,
    mean: sum / m,
    min,
    max,
    saturated: { count: off + on, fraction: (off + on) / m, off, on },
  };
}

/**
 * The first k example indices in `before` order, by one pass keeping a sorted list of k (m·k steps
 * rather than sorting all m: a unit click must stay a few milliseconds on 60,000 examples).
 */
function extremes(a: Float64Array, k: number, before: (p: number, q: number) => number): number[] {
  const kept: number[] = [];
  for (let i = 0; i < a.length; i++) {
    if (kept.length === k && before(i, kept[k - 1]) >= 0) continue;
    let at = kept.length === k ? k - 1 : kept.length;
    while (at > 0 && before(i, kept[at - 1]) < 0) {
      kept[at] = kept[at - 1];
      at--;
    }
    kept[at] = i;
    if (kept.length > k) kept.length = k;
  }
  return kept;
}
