/**
 * What the "Why this cost?" lesson shows, computed from the numbers in front of it: the output units of
 * one explained example with δ(L) split into its chain-rule factors for both costs, and Nielsen's neuron
 * trained with both costs from the learner's start, measured (plateau, fastest fall, output at an epoch).
 */
import {
  NEURON_SETUP,
  deltaFactors,
  fastestFall,
  plateau,
  sigmoid,
  trainNeuron,
  type DeltaFactors,
  type NeuronCurve,
  type NeuronSettings,
  type Plateau,
} from '../../../../src-main/api/table';

/** One output unit of an explained example: a, its target y, and δ's factors under each cost. */
export interface OutputUnitRow {
  unit: number;
  a: number;
  y: number;
  crossEntropy: DeltaFactors;
  quadratic: DeltaFactors;
  /** The δ(L) the lab's backprop computed for this unit (explain's answer). */
  labDelta: number;
}

/** The output layer of an explained example (explain's a, δ and target label), one row per unit. */
export function outputUnitRows(view: { a: number[][]; delta: number[][]; label: number }): OutputUnitRow[] {
  const out = view.a[view.a.length - 1] ?? [];
  const delta = view.delta[view.delta.length - 1] ?? [];
  return out.map((a, unit) => {
    const y = unit === view.label ? 1 : 0;
    return {
      unit,
      a,
      y,
      crossEntropy: deltaFactors('cross-entropy', a, y),
      quadratic: deltaFactors('quadratic', a, y),
      labDelta: delta[unit],
    };
  });
}

/** The unit whose output is furthest from its target, |a − y| largest (the first on ties); null for none. */
export function mostWrongUnit(rows: readonly OutputUnitRow[]): OutputUnitRow | null {
  let best: OutputUnitRow | null = null;
  for (const r of rows) if (!best || Math.abs(r.a - r.y) > Math.abs(best.a - best.y)) best = r;
  return best;
}

/**
 * Largest |lab's δ − δ of `cost`| over the rows: how closely the lab's backprop computed that cost's
 * δ(L) (a − y for cross-entropy, (a − y)·a(1 − a) for the quadratic cost).
 */
export function largestDeltaDifference(
  rows: readonly OutputUnitRow[],
  cost: 'cross-entropy' | 'quadratic' = 'cross-entropy',
): number {
  return rows.reduce(
    (m, r) => Math.max(m, Math.abs(r.labDelta - (cost === 'quadratic' ? r.quadratic : r.crossEntropy).delta)),
    0,
  );
}

/** One cost's training of the neuron, measured. */
export interface NeuronMeasure {
  curve: NeuronCurve;
  plateau: Plateau;
  fastest: { epoch: number; fall: number };
  /** The output after `readAt` epochs and how far it has moved from its start. */
  outputAt: number;
  movedAt: number;
  /** The output after the last epoch. */
  outputEnd: number;
  /** The first step's change of w, −η·∂C/∂w. */
  firstStep: number;
}

/** Both costs trained from the same start, and the start itself. */
export interface NeuronComparison {
  z: number;
  a: number;
  /** σ′(z) at the start: the factor by which the quadratic cost's first step is the smaller. */
  slope: number;
  /** The epoch the outputs are read at (clamped to the epochs trained). */
  readAt: number;
  quadratic: NeuronMeasure;
  crossEntropy: NeuronMeasure;
}

function measure(curve: NeuronCurve, readAt: number): NeuronMeasure {
  const last = curve.output.length - 1;
  return {
    curve,
    plateau: plateau(curve),
    fastest: fastestFall(curve),
    outputAt: curve.output[readAt],
    movedAt: curve.output[readAt] - curve.output[0],
    outputEnd: curve.output[last],
    firstStep: curve.w[1] - curve.w[0],
  };
}

/** Trains the neuron with both costs (throws naming a bad setting) and measures both at epoch `readAt`. */
export function compareCosts(settings: NeuronSettings, readAt: number): NeuronComparison {
  const quadratic = trainNeuron('quadratic', settings);
  const crossEntropy = trainNeuron('cross-entropy', settings);
  const at = Math.max(0, Math.min(settings.epochs, Math.round(readAt)));
  const z = settings.w * NEURON_SETUP.input + settings.b;
  const a = sigmoid(z);
  return {
    z,
    a,
    slope: a * (1 - a),
    readAt: at,
    quadratic: measure(quadratic, at),
    crossEntropy: measure(crossEntropy, at),
  };
}

/**
 * A curve as chart points (x = epoch), at most about `limit` of them: every k-th epoch and always the
 * last, so a 100,000-epoch training still draws at once.
 */
export function epochPoints(values: readonly number[], limit = 1000): { x: number; y: number }[] {
  const step = Math.max(1, Math.ceil(values.length / limit));
  const points: { x: number; y: number }[] = [];
  for (let e = 0; e < values.length; e += step) points.push({ x: e, y: values[e] });
  const last = values.length - 1;
  if (last >= 0 && points[points.length - 1].x !== last) points.push({ x: last, y: values[last] });
  return points;
}
