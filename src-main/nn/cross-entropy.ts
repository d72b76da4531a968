/**
 * The per-output term of Ng's cost, −y·log(h) − (1−y)·log(1−h), and its derivative at the output
 * unit, side by side.
 *
 * Labels are one-hot, so y is exactly 0 or 1 and one of the two products is 0·log(…). Octave would
 * evaluate 0·log(0) = 0·(−∞) = NaN when h rounds to exactly 0 or 1 for the *other* class; we
 * compute only the term the label selects. For every h in (0, 1) this is bit-for-bit Ng's formula
 * (0·finite is exactly 0 and 1·x is exactly x); it only differs where Octave would print NaN.
 * We do NOT clamp h: a confident wrong answer (h = 1 for y = 0) honestly costs +∞.
 */

/** One output unit's cost: −log(h) if this unit is the example's class (y = 1), else −log(1 − h). */
export function crossEntropyTerm(h: number, isTargetClass: boolean): number {
  return isTargetClass ? -Math.log(h) : -Math.log(1 - h);
}

/**
 * δ at an output unit: ∂(cost term)/∂z = h − y. The sigmoid's g′(z) cancels against the
 * cross-entropy's 1/(h(1−h)), which is why backprop starts from δ(L) = a(L) − y.
 */
export function outputDelta(h: number, isTargetClass: boolean): number {
  return isTargetClass ? h - 1 : h;
}
