/**
 * "They agree to N significant digits", counted from the measured difference instead of claimed: two
 * numbers whose relative difference is r share about −log₁₀ r leading digits, so N = ⌊−log₁₀ r⌋
 * (1 % → 2, 4.98e-9 → 8). A double holds about 15.95 decimal digits, so N is at most 15.
 */

/** Most digits a double can agree to: ⌊−log₁₀ 2⁻⁵²⌋. */
export const MAX_AGREEING_DIGITS = 15;

/** Significant digits two numbers agree to, from their relative difference r ≥ 0 (0 → MAX_AGREEING_DIGITS). */
export function agreeingDigits(relativeDifference: number): number {
  if (!(relativeDifference >= 0))
    throw new Error(`relative difference must be a number ≥ 0, got ${relativeDifference}`);
  if (relativeDifference === 0) return MAX_AGREEING_DIGITS;
  return Math.min(MAX_AGREEING_DIGITS, Math.max(0, Math.floor(-Math.log10(relativeDifference))));
}

/** A cost curve: J at each iteration. */
export interface CostCurve {
  readonly iteration: readonly number[];
  readonly cost: readonly number[];
}

/**
 * How far other curves stray from the first at the iterations they share: the largest |J_a − J_b|
 * and the largest |J_a − J_b| / |J_b| (J_b the first curve's; a J_b of 0 counts only if J_a differs).
 * Null with fewer than two curves or no shared iteration.
 */
export function largestCurveDifference(
  curves: readonly CostCurve[],
): { absolute: number; relative: number; digits: number } | null {
  if (curves.length < 2) return null;
  const [first, ...others] = curves;
  const reference = new Map(first.iteration.map((it, i) => [it, first.cost[i]]));
  let absolute = 0;
  let relative = 0;
  let shared = 0;
  for (const c of others) {
    c.iteration.forEach((it, i) => {
      const b = reference.get(it);
      if (b === undefined) return;
      shared++;
      const d = Math.abs(c.cost[i] - b);
      absolute = Math.max(absolute, d);
      relative = Math.max(relative, b === 0 ? (d === 0 ? 0 : Infinity) : d / Math.abs(b));
    });
  }
  if (shared === 0) return null;
  return { absolute, relative, digits: agreeingDigits(relative) };
}
