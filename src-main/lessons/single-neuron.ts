/**
 * Nielsen's single sigmoid neuron ("Neural Networks and Deep Learning", chapter 3): one input x = 1, one
 * weight w, one bias b, target y = 0, trained by gradient descent with η = 0.15 on either cost. It is the
 * smallest network in which the quadratic cost's learning slowdown can be seen: δ = ∂C/∂z keeps the
 * factor σ′(z) under the quadratic cost and loses it under cross-entropy, so an output that starts
 * confidently wrong (a near 1 for y = 0) learns slowly with the first and at full speed with the second.
 * Pure: every curve is computed from the numbers given, so the lesson can recompute it as they change.
 */
import type { CostName } from '../nn/model';

/** Nielsen's set-up: the input, the target, the learning rate η and the number of epochs. */
export const NEURON_SETUP = { input: 1, target: 0, rate: 0.15, epochs: 300 } as const;

/** The two starts Nielsen shows: a mildly wrong output (0.82) and a confidently wrong one (0.98). */
export const NEURON_STARTS = [
  { w: 0.6, b: 0.9 },
  { w: 2, b: 2 },
] as const;

/**
 * "Barely moves": the output is still within this distance of where it started. The plateau is the
 * number of epochs for which that holds.
 */
export const PLATEAU_TOLERANCE = 0.05;

/** Largest number of epochs the lesson trains (the curve holds epochs + 1 points). */
export const NEURON_MAX_EPOCHS = 100_000;

/** σ(z) = 1/(1 + e^−z), the neuron's activation. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** σ′(z) = σ(z)(1 − σ(z)), written in terms of the output a = σ(z): a(1 − a). */
export function sigmoidSlope(a: number): number {
  return a * (1 - a);
}

/** The cost of one output a against its target y: (a − y)²/2, or −[y ln a + (1 − y) ln(1 − a)]. */
export function neuronCost(cost: CostName, a: number, y: number): number {
  if (cost === 'quadratic') return ((a - y) * (a - y)) / 2;
  // Only the term y selects, so y ∈ {0, 1} never evaluates 0·ln 0 (as nn/cross-entropy.ts does).
  if (y === 1) return -Math.log(a);
  if (y === 0) return -Math.log(1 - a);
  return -(y * Math.log(a) + (1 - y) * Math.log(1 - a));
}

/** ∂C/∂a beside the cost above: a − y for the quadratic cost, (a − y)/(a(1 − a)) for cross-entropy. */
export function neuronCostSlope(cost: CostName, a: number, y: number): number {
  return cost === 'quadratic' ? a - y : (a - y) / sigmoidSlope(a);
}

/** δ(L) for one sigmoid output unit, as the chain rule writes it: ∂C/∂z = ∂C/∂a · g′(z). */
export interface DeltaFactors {
  /** ∂C/∂a, the cost's own slope at the output. */
  readonly costSlope: number;
  /** g′(z) = a(1 − a), the sigmoid's slope. */
  readonly activationSlope: number;
  /** Their product δ = ∂C/∂z: a − y for cross-entropy (g′ cancels), (a − y)·a(1 − a) for the quadratic cost. */
  readonly delta: number;
}

/**
 * The factors of δ(L) = ∂C/∂a · g′(z) for an output a with target y. Cross-entropy's δ is a − y itself
 * (the cancelled form backprop uses), so it stays exact even where a(1 − a) rounds to 0.
 */
export function deltaFactors(cost: CostName, a: number, y: number): DeltaFactors {
  const activationSlope = sigmoidSlope(a);
  const costSlope = neuronCostSlope(cost, a, y);
  const delta = cost === 'quadratic' ? costSlope * activationSlope : a - y;
  return { costSlope, activationSlope, delta };
}

/** Where the neuron starts and how it trains. */
export interface NeuronSettings {
  readonly w: number;
  readonly b: number;
  /** The learning rate η. */
  readonly rate: number;
  readonly epochs: number;
}

/** One training of the neuron: index e holds the values after e epochs (index 0: the start). */
export interface NeuronCurve {
  readonly cost: CostName;
  readonly output: number[];
  readonly costs: number[];
  readonly w: number[];
  readonly b: number[];
}

/** Throws naming the setting and the value when a setting cannot train the neuron. */
export function validateNeuronSettings(s: NeuronSettings): void {
  for (const key of ['w', 'b'] as const) {
    if (!Number.isFinite(s[key]) || Math.abs(s[key]) > 1000)
      throw new Error(`starting ${key} must be a number from −1000 to 1000, got ${s[key]}`);
  }
  if (!Number.isFinite(s.rate) || s.rate <= 0 || s.rate > 1000)
    throw new Error(`the learning rate η must be greater than 0 and at most 1000, got ${s.rate}`);
  if (!Number.isInteger(s.epochs) || s.epochs < 1 || s.epochs > NEURON_MAX_EPOCHS)
    throw new Error(`epochs must be a whole number from 1 to ${NEURON_MAX_EPOCHS}, got ${s.epochs}`);
}

/**
 * Gradient descent on the one example (x, y) of NEURON_SETUP: each epoch w ← w − η·δ·x and b ← b − η·δ
 * with δ = ∂C/∂z from `deltaFactors`, i.e. ∂C/∂w = (a − y)σ′(z)x for the quadratic cost and (a − y)x
 * for cross-entropy.
 */
export function trainNeuron(cost: CostName, settings: NeuronSettings): NeuronCurve {
  validateNeuronSettings(settings);
  const { input: x, target: y } = NEURON_SETUP;
  let { w, b } = settings;
  const curve: NeuronCurve = { cost, output: [], costs: [], w: [], b: [] };
  for (let epoch = 0; ; epoch++) {
    const a = sigmoid(w * x + b);
    curve.output.push(a);
    curve.costs.push(neuronCost(cost, a, y));
    curve.w.push(w);
    curve.b.push(b);
    if (epoch === settings.epochs) return curve;
    const { delta } = deltaFactors(cost, a, y);
    w -= settings.rate * delta * x;
    b -= settings.rate * delta;
  }
}

/** How long the output barely moved: the epochs it stayed within `tolerance` of its start. */
export interface Plateau {
  /** Epochs before the output first moved `tolerance` or more (all of them if it never did). */
  readonly epochs: number;
  /** false when the output was still within `tolerance` after the last epoch: the plateau lasts at least `epochs`. */
  readonly ended: boolean;
}

/**
 * The epoch (1-based: epoch e takes the cost from costs[e − 1] to costs[e]) in which the cost fell the
 * most. A curve with no plateau learns fastest at once (epoch 1); one with a plateau much later.
 */
export function fastestFall(curve: Pick<NeuronCurve, 'costs'>): { epoch: number; fall: number } {
  let best = { epoch: 0, fall: -Infinity };
  for (let e = 1; e < curve.costs.length; e++) {
    const fall = curve.costs[e - 1] - curve.costs[e];
    if (fall > best.fall) best = { epoch: e, fall };
  }
  return best;
}

/** The plateau of a curve: the number of epochs its output stays within `tolerance` of output[0]. */
export function plateau(curve: Pick<NeuronCurve, 'output'>, tolerance = PLATEAU_TOLERANCE): Plateau {
  const start = curve.output[0];
  const moved = curve.output.findIndex((a) => Math.abs(a - start) >= tolerance);
  return moved === -1 ? { epochs: curve.output.length - 1, ended: false } : { epochs: moved, ended: true };
}
