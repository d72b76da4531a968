/**
 * Training health at each snapshot (nn/health.ts), measured the way the optimizer sees the network:
 * the gradient is the run's own cost function over the whole training set (regularized, as the
 * optimizer follows it), the activations and δ a fixed, evenly spaced sample of the training examples.
 */
import type { CostFunction, Examples } from '../nn/cost';
import { healthSampleRows, networkHealth, type LayerHealth } from '../nn/health';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import type { LayerSizes } from '../nn/shape';

export interface HealthProbe {
  /**
   * Health at Θ, with the step from `previousTheta` (null at the start); null when a number is not
   * finite. `gradient`, when given, is ∇J at Θ of the same f (the optimizer's own), used instead of
   * evaluating f again: on 60,000 photos that evaluation made every snapshot cost one more J and ∇J.
   */
  measure(theta: Float64Array, previousTheta: Float64Array | null, gradient?: Float64Array): LayerHealth[] | null;
}

/** A probe over the run's cost function f and training set, for a network of `sizes` and the run's model. */
export function createHealthProbe(
  f: CostFunction,
  sizes: LayerSizes,
  trainSet: Examples,
  model: ModelChoice = NG_MODEL,
): HealthProbe {
  const rows = healthSampleRows(trainSet.m);
  let grad: Float64Array | null = null;
  return {
    measure(theta, previousTheta, gradient) {
      if (!gradient) {
        grad ??= new Float64Array(theta.length);
        f.evaluate(theta, grad);
      }
      const layers = networkHealth({
        theta,
        grad: gradient ?? grad!,
        previousTheta,
        sizes,
        sample: trainSet,
        rows,
        model,
      });
      // JSON and the worker protocol carry finite numbers only; a diverged Θ has no health to draw.
      return layers.every(allFinite) ? layers : null;
    },
  };
}

function allFinite(h: LayerHealth): boolean {
  const scalars = [h.gradientNorm, h.biasGradientNorm, h.updateRatio ?? 0, h.saturatedFraction];
  return [...scalars, ...h.weights, ...h.activations, ...h.deltas].every(Number.isFinite);
}
