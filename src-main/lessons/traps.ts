/**
 * The "Traps" lesson: three ways a network fails to learn, each a small set of runs that differ in one
 * setting, and the pure read-outs of their symptoms from what the runs store:
 *   - vanishing gradients: a deep sigmoid network 784-30-30-30-10 whose first hidden layer's bias
 *     gradient ‖∂J/∂b‖ at Θ₀ is many times smaller than the last hidden layer's (Nielsen, chapter 5),
 *     beside tanh, ReLU and the per-layer √6/√(L_in + L_out) start;
 *   - saturation: Θ₀ drawn from a too wide [−ε, ε], so most hidden units start where g′ ≈ 0;
 *   - a learning rate too large for SGD: J goes up and down from epoch to epoch, or leaves the start behind.
 * Layers are numbered as the lab numbers them: 2 = the first hidden layer.
 */
import type { Hyperparameters } from '../run/hyperparameters';

export const TRAP_IDS = ['vanishing', 'saturation', 'learning-rate'] as const;
export type TrapId = (typeof TRAP_IDS)[number];

/** One run of a trap: what sets it apart, as a label and its hyperparameters over the lesson's base. */
export interface TrapRun {
  readonly key: string;
  readonly label: string;
  readonly hyperparameters: Partial<Hyperparameters>;
}

export interface Trap {
  readonly id: TrapId;
  /** The tag that marks the runs, so the lesson finds the newest set again. */
  readonly tag: string;
  readonly runs: readonly TrapRun[];
  /** Iterations (sgd: epochs) and training examples m of each run. */
  readonly iterations: number;
  readonly trainSize: number;
}

const DEEP = [30, 30, 30];
// Every run names its ε, though tanh and ReLU would get these by default: the start is what this trap compares.

export const TRAPS: Record<TrapId, Trap> = {
  vanishing: {
    id: 'vanishing',
    tag: 'trap-vanishing',
    iterations: 10,
    trainSize: 1000,
    runs: [
      { key: 'sigmoid', label: 'sigmoid, ε = 0.12', hyperparameters: { hiddenLayers: DEEP, epsilon: 0.12 } },
      {
        key: 'per-layer',
        label: 'sigmoid, per-layer ε',
        hyperparameters: { hiddenLayers: DEEP, epsilon: 'per-layer' },
      },
      {
        key: 'tanh',
        label: 'tanh, per-layer ε',
        hyperparameters: { hiddenLayers: DEEP, activation: 'tanh', epsilon: 'per-layer' },
      },
      {
        key: 'relu',
        label: 'ReLU, He ε',
        hyperparameters: { hiddenLayers: DEEP, activation: 'relu', epsilon: 'he' },
      },
    ],
  },
  saturation: {
    id: 'saturation',
    tag: 'trap-saturation',
    iterations: 20,
    trainSize: 1000,
    runs: [
      { key: 'eps-0.12', label: 'ε = 0.12', hyperparameters: { epsilon: 0.12 } },
      { key: 'eps-2', label: 'ε = 2', hyperparameters: { epsilon: 2 } },
      { key: 'eps-5', label: 'ε = 5', hyperparameters: { epsilon: 5 } },
    ],
  },
  'learning-rate': {
    id: 'learning-rate',
    tag: 'trap-learning-rate',
    iterations: 20,
    trainSize: 1000,
    runs: [
      { key: 'rate-0.5', label: 'η = 0.5', hyperparameters: { optimizer: 'sgd', learningRate: 0.5 } },
      { key: 'rate-5', label: 'η = 5', hyperparameters: { optimizer: 'sgd', learningRate: 5 } },
      { key: 'rate-20', label: 'η = 20', hyperparameters: { optimizer: 'sgd', learningRate: 20 } },
    ],
  },
};

/** The part of a layer's health the read-outs use. */
export interface LayerReading {
  layer: number;
  biasGradientNorm: number;
  saturatedFraction: number;
}

/** The first stored snapshot (the start Θ₀ when the run kept it), or null without any. */
export function firstSnapshot<T extends { iteration: number }>(health: readonly T[]): T | null {
  let first: T | null = null;
  for (const h of health) if (!first || h.iteration < first.iteration) first = h;
  return first;
}

/** The vanishing-gradient read-out of one snapshot: ‖∂J/∂b‖ of each hidden layer and first / last hidden. */
export interface BiasGradients {
  /** Hidden layers 2 … L−1, input side first. */
  hidden: { layer: number; norm: number }[];
  /** ‖∂J/∂b‖ of layer 2 over that of layer L−1; null with a single hidden layer or a last norm of 0. */
  ratio: number | null;
}

/** Bias-gradient norms of the hidden layers (the output layer, the largest number, left out) and their ratio. */
export function biasGradients(layers: readonly LayerReading[]): BiasGradients {
  if (layers.length < 2) throw new Error(`need a hidden and an output layer, got ${layers.length} layer(s)`);
  const sorted = [...layers].sort((a, b) => a.layer - b.layer);
  const hidden = sorted.slice(0, -1).map((l) => ({ layer: l.layer, norm: l.biasGradientNorm }));
  const first = hidden[0].norm;
  const last = hidden[hidden.length - 1].norm;
  return { hidden, ratio: hidden.length < 2 || last === 0 ? null : first / last };
}

/** The saturated fraction of one layer (2 = first hidden); null when the snapshot has no such layer. */
export function saturatedOf(layers: readonly LayerReading[], layer = 2): number | null {
  return layers.find((l) => l.layer === layer)?.saturatedFraction ?? null;
}

/**
 * The rule of the oscillation detector, stated beside its verdict: over the last `window` steps of the
 * curve, J's rises add up to at least `share` of what J had fallen from its start to its lowest point.
 * SGD's J always wobbles a little from epoch to epoch; this asks whether the wobble undoes a fair part
 * of the progress.
 */
export const OSCILLATION_RULE = { window: 10, share: 0.1 } as const;

/** What the J curve of a run did, read off its points. */
export interface CostTrouble {
  /**
   * diverged: a point not finite; overshoot: J went above its start J(Θ₀) after it; oscillating: the
   * rises of the last `window` steps add up to at least `share` of the fall; none: none of these.
   */
  kind: 'diverged' | 'overshoot' | 'oscillating' | 'none';
  /** Steps (from one point to the next) among the last `window` in which J went up. */
  rises: number;
  /** Steps looked at: min(window, points − 1). */
  steps: number;
  /** The sum of those rises. */
  riseSum: number;
  /** J(Θ₀) minus the lowest J of the curve (0 when it never fell). */
  fall: number;
  start: number;
  final: number;
  /** The highest J after the start (the start itself for a single point). */
  peak: number;
}

/**
 * The oscillation detector. J of a healthy run falls, wobbling a little under SGD; too large a learning
 * rate overshoots: J jumps above where it started, or goes up and down so much that the rises of the
 * last epochs undo a good part of the fall. A point not finite means the run diverged. Only finite
 * points are summed. Throws on an empty curve or a rule that is not positive.
 */
export function costTrouble(
  cost: readonly number[],
  rule: { window: number; share: number } = OSCILLATION_RULE,
): CostTrouble {
  if (cost.length === 0) throw new Error('costTrouble: the cost curve has no points');
  if (!(Number.isInteger(rule.window) && rule.window >= 1 && rule.share > 0))
    throw new Error(
      `costTrouble: window must be a whole number ≥ 1 and share > 0, got ${rule.window} and ${rule.share}`,
    );
  const finite = cost.filter(Number.isFinite);
  const start = cost[0];
  const final = cost[cost.length - 1];
  const from = Math.max(0, cost.length - 1 - rule.window);
  let rises = 0;
  let riseSum = 0;
  for (let i = from + 1; i < cost.length; i++) {
    const up = cost[i] - cost[i - 1];
    if (up > 0 && Number.isFinite(up)) {
      rises++;
      riseSum += up;
    }
  }
  const fall = Math.max(0, start - Math.min(...finite));
  const peak = cost.length > 1 ? Math.max(...cost.slice(1)) : start;
  const steps = cost.length - 1 - from;
  const kind =
    finite.length < cost.length
      ? 'diverged'
      : peak > start
        ? 'overshoot'
        : riseSum > 0 && riseSum >= rule.share * fall
          ? 'oscillating'
          : 'none';
  return { kind, rises, steps, riseSum, fall, start, final, peak };
}
