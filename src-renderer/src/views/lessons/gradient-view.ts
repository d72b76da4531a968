/**
 * How the gradient-checking lesson shows its numbers: each checked weight by its place in Θ(l), and
 * its share of the check's disagreement. The check compares whole vectors, ‖numeric − backprop‖ /
 * ‖numeric + backprop‖, so a weight's |numeric − backprop| is measured against the same denominator:
 * a tiny partial derivative that differs in its 8th digit (normal rounding) is not flagged, while
 * every weight a bug touches is.
 */
import { weightName, type GradientCheckRow } from '../../../../src-main/api/table';

/**
 * "Θ(2)[class 1, unit 3]": a checked weight named as everywhere else in the lab (weightName: Ng's
 * 1-based Θ(l) with the bias in column 1, rows and columns in words), for the check's network `sizes`.
 */
export function parameterName(sizes: readonly number[], row: Pick<GradientCheckRow, 'layer' | 'row' | 'col'>): string {
  return weightName({ sizes }, row.layer, row.row, row.col);
}

/** ‖numeric + backprop‖ over the checked weights: the denominator of the relative difference. */
export function gradientScale(rows: readonly Pick<GradientCheckRow, 'numeric' | 'backprop'>[]): number {
  let sum = 0;
  for (const r of rows) sum += (r.numeric + r.backprop) ** 2;
  return Math.sqrt(sum);
}

/**
 * One weight's share of the relative difference, |numeric − backprop| / scale (scale from
 * gradientScale); 0 when the two agree exactly, Infinity when they differ and the scale is 0.
 */
export function rowShare(row: Pick<GradientCheckRow, 'numeric' | 'backprop'>, scale: number): number {
  const diff = Math.abs(row.numeric - row.backprop);
  if (diff === 0) return 0;
  return scale === 0 ? Infinity : diff / scale;
}

/**
 * A level 0…1 for shading a row: 0 at or below the 1e-9 threshold (agreement as good as the check
 * asks for), 1 at or above 1e-1, evenly spaced by powers of ten in between.
 */
export function differenceLevel(share: number): number {
  if (!(share > 1e-9)) return 0;
  if (!Number.isFinite(share)) return 1;
  return Math.min(1, (Math.log10(share) + 9) / 8);
}

/** A number with 10 significant digits in scientific notation, as the check's columns show them. */
export function formatGradient(v: number): string {
  if (v === 0) return '0';
  return v.toExponential(9).replace('e+', 'e');
}
