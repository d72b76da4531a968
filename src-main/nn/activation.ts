/**
 * The sigmoid unit and its derivative, side by side, as every implementation must compute them.
 *
 * Numerical safety: we keep Ng's formula g(z) = 1 / (1 + e^−z) exactly, because in IEEE doubles it
 * is already safe for any |z|: for z < −709, e^−z overflows to +∞ and g(z) is exactly 0; for
 * z > 37, e^−z is below half an ulp of 1 and g(z) rounds to exactly 1. It never yields NaN for a
 * finite z, and it gives the same bits as Octave's sigmoid.m for ordinary inputs, so the numbers
 * match the course to the last digit. (A two-branch "stable" form would change the last bit for
 * negative z without making anything finite that isn't already.)
 */

/** g(z) = 1 / (1 + e^−z): the sigmoid (logistic) activation of a unit with weighted input z. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** g′(z) = g(z)·(1 − g(z)): how fast the sigmoid changes at z; 0.25 at z = 0, → 0 for large |z|. */
export function sigmoidGradient(z: number): number {
  const g = sigmoid(z);
  return g * (1 - g);
}

/**
 * g′(z) written in terms of the unit's activation a = g(z), which backprop already has at hand;
 * gives exactly the same bits as sigmoidGradient(z) when a was computed by sigmoid(z).
 */
export function sigmoidGradientFromActivation(a: number): number {
  return a * (1 - a);
}

/** g(z) = tanh z: a hidden unit centred on 0, with outputs in (−1, 1). */
export function tanh(z: number): number {
  return Math.tanh(z);
}

/** g′(z) = 1 − tanh²z, from the unit's activation a = tanh z: 1 at z = 0, → 0 for large |z|. */
export function tanhGradientFromActivation(a: number): number {
  return 1 - a * a;
}

/** g(z) = max(0, z): the rectified linear unit. */
export function relu(z: number): number {
  return z > 0 ? z : 0;
}

/**
 * g′(z) = 1 for z > 0, else 0 (0 at z = 0 exactly, as PyTorch takes it), from a = max(0, z):
 * a > 0 exactly when z > 0, so the activation alone decides.
 */
export function reluGradientFromActivation(a: number): number {
  return a > 0 ? 1 : 0;
}
