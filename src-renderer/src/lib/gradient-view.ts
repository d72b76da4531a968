/**
 * How the gradient-checking lesson shows its numbers: each checked weight by its place in Θ(l), and
 * how far backprop is from the numeric estimate for that weight alone, on the same scale as the
 * overall check (|numeric − backprop| / |numeric + backprop|), so a student sees which weights a bug touches.
 */
import type { GradientCheckRow } from '../../../src-main/lessons/gradient-check';

/** "Θ(2)[0][3]": the weight of Θ(l) in row `row` (unit of layer l+1) and column `col` (0 = bias). */
export function parameterName(row: Pick<GradientCheckRow, 'layer' | 'row' | 'col'>): string {
  return `Θ(${row.layer})[${row.row}][${row.col}]`;
}

/**
 * One weight's relative difference |numeric − backprop| / |numeric + backprop|; 0 when both are
 * exactly equal (including both 0), Infinity when they differ but cancel (numeric = −backprop ≠ 0).
 */
export function rowDifference(row: Pick<GradientCheckRow, 'numeric' | 'backprop'>): number {
  const diff = Math.abs(row.numeric - row.backprop);
  if (diff === 0) return 0;
  const sum = Math.abs(row.numeric + row.backprop);
  return sum === 0 ? Infinity : diff / sum;
}

/**
 * A level 0…1 for shading a row: 0 at or below 1e-11 (the agreement of a correct backprop), 1 at or
 * above 1e-1, evenly spaced by powers of ten in between, so 1e-9 (Ng's threshold) is 0.2.
 */
export function differenceLevel(relative: number): number {
  if (!(relative > 1e-11)) return 0;
  if (!Number.isFinite(relative)) return 1;
  return Math.min(1, (Math.log10(relative) + 11) / 10);
}

/** A number with 10 significant digits in scientific notation, as the check's columns show them. */
export function formatGradient(v: number): string {
  if (v === 0) return '0';
  return v.toExponential(9).replace('e+', 'e');
}
