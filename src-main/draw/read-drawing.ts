/**
 * What a trained network makes of one preprocessed drawing: every layer's activations (to light up
 * the hidden units) and the output units ranked. Pure, so the drawing pad can run it on every stroke.
 */
import { feedForward } from '../nn/forward';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import type { LayerSizes } from '../nn/shape';

/** One output unit: its class (digit k is class k) and its activation h_k in (0, 1). */
export interface ClassScore {
  readonly digit: number;
  readonly h: number;
}

export interface DrawingReading {
  /** a(1)…a(L) without bias units; a(1) is the input, a(L) = h(x). */
  readonly activations: Float64Array[];
  /** The class with the largest h_k (the lowest class on a tie, as Ng's predict.m). */
  readonly predicted: number;
  /** Every class, largest h_k first. */
  readonly ranked: ClassScore[];
}

/**
 * Forward pass of input x through Θ (with the run's hidden activation, `model`). The h_k are K separate sigmoid outputs, one-vs-all: they need
 * not sum to 1 and are not probabilities, so a display should show them as "how strongly unit k
 * fires", not as percentages of one whole.
 */
export function readDrawing(
  theta: Float64Array,
  sizes: LayerSizes,
  x: Float64Array,
  model: ModelChoice = NG_MODEL,
): DrawingReading {
  const activations = feedForward(theta, sizes, x, model);
  const h = activations[activations.length - 1];
  const ranked = Array.from(h, (value, digit) => ({ digit, h: value })).sort((a, b) => b.h - a.h || a.digit - b.digit);
  return { activations, predicted: ranked[0].digit, ranked };
}
