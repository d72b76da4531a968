/**
 * δ checked node by node: backprop says δ(l)ⱼ = ∂C/∂z(l)ⱼ, the slope of this example's cost C in the
 * unit's weighted input. Here that slope is measured instead, by a central difference in z (not in Θ):
 *
 *   (C(z(l)ⱼ + e) − C(z(l)ⱼ − e)) / 2e, with the forward pass run again from layer l upward.
 *
 * Only g and the cost itself are used, never g′ or δ. Subtracting two costs of about 1 to see a change
 * of about 1e-6·δ would lose most digits to rounding, so the difference is carried through the layers
 * instead of the two values: each unit's change g(v + D) − g(v) and each cost term's change are written
 * in forms without cancellation (expm1, log1p, sinh), which makes the check good to ~1e-10 even for the
 * tiny δ of a saturated unit.
 */
import { relu, sigmoid, tanh } from '../nn/activation';
import type { ExampleExplanation } from './backprop';
import type { ModelChoice } from '../nn/model';
import { thetaLayout, type LayerSizes, type ThetaBlock } from '../nn/shape';
import { validateThetaLength } from '../nn/validate';

/** The perturbation of z, small enough that the truncation error e²·C‴/6 is far below the 1e-7 asked for. */
export const DELTA_CHECK_STEP = 1e-6;

/** One unit: backprop's δ beside the measured slope of the cost in the unit's z. */
export interface UnitDeltaCheck {
  readonly delta: number;
  readonly numeric: number;
  /** |δ − numeric| / max(|δ|, |numeric|); 0 when both are 0. */
  readonly relativeDifference: number;
  /** A ReLU the perturbation pushed across z = 0, where C has no slope: left out of `largest`. */
  readonly atKink: boolean;
  /**
   * δ is exactly 0 while the true slope is below 2.2e-16: an a rounded to exactly 0 or 1 (±1 for tanh)
   * makes a(1 − a) or 1 − a² exactly 0 in backprop. Shown, but left out of `largest`.
   */
  readonly roundedToZero: boolean;
}

export interface DeltaCheck {
  readonly e: number;
  /** Per layer after the input (δ(2)…δ(L)), one entry per unit. */
  readonly layers: UnitDeltaCheck[][];
  /** The largest relative difference over all units not at a kink, and where it is (layer 2 = first hidden). */
  readonly largest: { readonly relativeDifference: number; readonly layer: number; readonly unit: number };
  readonly units: number;
  readonly kinks: number;
  /** Units whose δ rounded to exactly 0 (see UnitDeltaCheck.roundedToZero). */
  readonly roundedToZero: number;
}

/** g(v + D) − g(v) without cancellation, and whether a kink lies between. */
type Change = (v: number, D: number) => { change: number; kink: boolean };

const sigmoidChange: Change = (v, D) => ({ change: -Math.expm1(-D) * sigmoid(v + D) * sigmoid(-v), kink: false });
const CHANGE: Record<ModelChoice['activation'], Change> = {
  sigmoid: sigmoidChange,
  // tanh(u) − tanh(v) = sinh(u − v) / (cosh u · cosh v)
  tanh: (v, D) => ({ change: Math.sinh(D) / (Math.cosh(v + D) * Math.cosh(v)), kink: false }),
  relu: (v, D) => {
    const u = v + D;
    if (v > 0 && u > 0) return { change: D, kink: false };
    if (v <= 0 && u <= 0) return { change: 0, kink: false };
    return { change: Math.max(0, u) - Math.max(0, v), kink: true };
  },
};

/**
 * C(v + D) − C(v) of one output unit with weighted input v, target y ∈ {0, 1}: for cross-entropy
 * −log(h₊/h₋) = −log1p(Δh/h₋) (or with 1 − h for y = 0, 1 − σ(v) = σ(−v)); for the quadratic cost
 * ½(h₊ − y)² − ½(h₋ − y)² = Δh·((h₋ − y) + Δh/2).
 */
function costChange(cost: ModelChoice['cost'], v: number, D: number, isTarget: boolean): number {
  const dh = sigmoidChange(v, D).change;
  if (cost === 'quadratic') return dh * (sigmoid(v) - (isTarget ? 1 : 0) + dh / 2);
  return isTarget ? -Math.log1p(dh / sigmoid(v)) : -Math.log1p(-dh / sigmoid(-v));
}

/**
 * Every unit's δ of `explanation` (from explainExample with the same Θ) against the central difference
 * of the example's cost in that unit's z, with step e.
 */
export function checkDeltas(
  theta: Float64Array,
  explanation: ExampleExplanation,
  e: number = DELTA_CHECK_STEP,
): DeltaCheck {
  const sizes: LayerSizes = explanation.sizes;
  validateThetaLength(sizes, theta);
  if (!(Number.isFinite(e) && e > 0)) throw new Error(`the step e must be a number > 0, got ${e}`);
  const layout = thetaLayout(sizes);
  const { model, a, z, delta, label } = explanation;
  const last = sizes.length - 1; // index of the output layer in a
  let largest = { relativeDifference: 0, layer: 2, unit: 0 };
  let units = 0;
  let kinks = 0;
  let rounded = 0;
  const layers = z.map((zl, i) => {
    const l = i + 1; // index in a of this layer
    return Array.from(zl, (zj, j): UnitDeltaCheck => {
      const { change, kink } = slopeInZ(theta, layout, model, a, l, j, zj - e, 2 * e, label, last);
      const numeric = change / (2 * e);
      const d = delta[i][j];
      const scale = Math.max(Math.abs(d), Math.abs(numeric));
      const relativeDifference = scale === 0 ? 0 : Math.abs(d - numeric) / scale;
      const roundedToZero = d === 0 && numeric !== 0 && Math.abs(numeric) < Number.EPSILON;
      units++;
      if (kink) kinks++;
      else if (roundedToZero) rounded++;
      else if (relativeDifference > largest.relativeDifference) largest = { relativeDifference, layer: l + 1, unit: j };
      return { delta: d, numeric, relativeDifference, atKink: kink, roundedToZero };
    });
  });
  return { e, layers, largest, units, kinks, roundedToZero: rounded };
}

/**
 * C(z(l)ⱼ = v + D) − C(z(l)ⱼ = v) for the example whose forward activations are `a`: the state at v is
 * propagated upward as values, the change D as changes.
 */
function slopeInZ(
  theta: Float64Array,
  layout: readonly ThetaBlock[],
  model: ModelChoice,
  a: readonly Float64Array[],
  l: number,
  j: number,
  v: number,
  D: number,
  label: number,
  last: number,
): { change: number; kink: boolean } {
  const hidden = model.activation === 'sigmoid' ? sigmoid : model.activation === 'tanh' ? tanh : relu;
  const change = CHANGE[model.activation];
  if (l === last) return { change: costChange(model.cost, v, D, j === label), kink: false };

  let kink = false;
  // Layer l at the lower point, and its change: only unit j moves.
  let values = Float64Array.from(a[l]);
  const first = change(v, D);
  kink ||= first.kink;
  values[j] = hidden(v);
  let changes = new Float64Array(values.length);
  changes[j] = first.change;

  for (let layer = l; ; layer++) {
    const { rows, cols, offset } = layout[layer]; // Θ(layer) maps `values` to the next layer's z
    const zNext = new Float64Array(rows);
    const dNext = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const row = offset + r * cols;
      let zr = theta[row];
      let dr = 0;
      for (let c = 1; c < cols; c++) {
        zr += theta[row + c] * values[c - 1];
        dr += theta[row + c] * changes[c - 1];
      }
      zNext[r] = zr;
      dNext[r] = dr;
    }
    if (layer + 1 === last) {
      let total = 0;
      for (let k = 0; k < rows; k++) total += costChange(model.cost, zNext[k], dNext[k], k === label);
      return { change: total, kink };
    }
    values = zNext.map(hidden);
    changes = zNext.map((zr, r) => {
      const c = change(zr, dNext[r]);
      kink ||= c.kink;
      return c.change;
    });
  }
}
