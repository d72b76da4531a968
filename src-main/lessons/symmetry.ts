/**
 * The symmetry lesson: why Θ must start random. If every weight starts at 0, all hidden units of a
 * layer compute the same activation, receive the same δ, get the same update Δ, and so stay
 * identical forever: 25 hidden units are then one unit copied 25 times. This file measures that.
 */
import { thetaLayout, type LayerSizes } from '../nn/shape';
import { validateThetaLength } from '../nn/validate';

export interface HiddenUnitSymmetry {
  /** l of the hidden layer examined, counted from 2 as in the lectures (layer 1 is the input). */
  readonly layer: number;
  /** Units in that layer. */
  readonly units: number;
  /** How many different units there are, grouping units whose incoming weights agree within tol. */
  readonly distinctUnits: number;
  /** True when every unit has the same incoming weights (distinctUnits = 1): the symmetry was never broken. */
  readonly identical: boolean;
  /** The groups of unit indices (from 0), each a set of units that are the same unit; in order of first member. */
  readonly groups: number[][];
  /** Largest |Θ[j][c] − Θ[0][c]| over all units j and columns c: how far the units are from unit 0. */
  readonly largestDifference: number;
}

/**
 * Whether the hidden units of hidden layer `layer` (default 2, the first hidden layer, fed by Θ(1))
 * all have identical incoming weights, bias included: unit j's weights are row j of Θ(layer − 1).
 * Units are grouped greedily: each joins the first group whose first unit differs from it by at
 * most `tol` in every weight (default 1e-12: units kept symmetric by the arithmetic are equal to the
 * last bit or nearly so, while random starts differ by ~0.1).
 */
export function hiddenUnitsIdentical(
  theta: Float64Array,
  sizes: LayerSizes,
  tol = 1e-12,
  layer = 2,
): HiddenUnitSymmetry {
  const layout = thetaLayout(sizes);
  validateThetaLength(sizes, theta);
  if (!(tol >= 0 && Number.isFinite(tol))) throw new Error(`symmetry: tol must be a finite number ≥ 0, got ${tol}`);
  if (!Number.isInteger(layer) || layer < 2 || layer > sizes.length - 1) {
    const hidden = sizes.length - 2;
    throw new Error(
      hidden === 0
        ? `symmetry: the network ${sizes.join('-')} has no hidden layer`
        : `symmetry: layer must be a hidden layer, 2…${sizes.length - 1} for ${sizes.join('-')}, got ${layer}`,
    );
  }
  const { rows, cols, offset } = layout[layer - 2]; // Θ(layer − 1) feeds layer `layer`
  const weight = (j: number, c: number) => theta[offset + j * cols + c];

  const groups: number[][] = [];
  let largestDifference = 0;
  for (let j = 0; j < rows; j++) {
    for (let c = 0; c < cols; c++)
      largestDifference = Math.max(largestDifference, Math.abs(weight(j, c) - weight(0, c)));
    const home = groups.find((g) => {
      for (let c = 0; c < cols; c++) if (!(Math.abs(weight(j, c) - weight(g[0], c)) <= tol)) return false;
      return true;
    });
    if (home) home.push(j);
    else groups.push([j]);
  }
  return {
    layer,
    units: rows,
    distinctUnits: groups.length,
    identical: groups.length === 1,
    groups,
    largestDifference,
  };
}
