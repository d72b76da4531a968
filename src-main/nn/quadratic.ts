/**
 * The quadratic cost's per-output term ½(h − y)² and its δ at the output unit, side by side.
 * J = 1/(2m)·Σᵢ ‖a(L) − y‖² is these terms summed over outputs and examples, divided by m.
 */

/** One output unit's quadratic cost: ½(h − y)², y = 1 for the example's class, else 0. */
export function quadraticTerm(h: number, isTargetClass: boolean): number {
  const error = isTargetClass ? h - 1 : h;
  return 0.5 * error * error;
}

/**
 * δ at an output unit: ∂(½(h − y)²)/∂z = (h − y)·g′(z) = (h − y)·h(1 − h). Unlike cross-entropy, the
 * sigmoid's slope stays in: a confidently wrong output (h near 0 or 1) learns slowly.
 */
export function quadraticDelta(h: number, isTargetClass: boolean): number {
  return (isTargetClass ? h - 1 : h) * h * (1 - h);
}
