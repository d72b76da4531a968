/**
 * Ng's tiny network for gradient checking, built exactly as ex4's checkNNGradients.m builds it,
 * so our numbers can be compared with what learners see in Octave.
 */
import type { Examples } from './cost';
import { unrollThetas, type LayerSizes } from './shape';

/**
 * Ng's debugInitializeWeights(fan_out, fan_in): a fan_out × (1 + fan_in) matrix (as rows) holding
 * sin(1), sin(2), … / 10 filled column by column, as Octave's reshape(sin(1:numel(W)), size(W)) does.
 * Deterministic "random-looking" weights, the same on every machine.
 */
export function debugInitializeWeights(fanOut: number, fanIn: number): number[][] {
  const cols = 1 + fanIn;
  return Array.from(
    { length: fanOut },
    (_, r) => Array.from({ length: cols }, (_, c) => Math.sin(1 + r + c * fanOut) / 10), // column-major position + 1
  );
}

/**
 * checkNNGradients' network: 3 inputs, 5 hidden units, 3 classes, m = 5 examples.
 * Θ1 = debugInitializeWeights(5, 3), Θ2 = debugInitializeWeights(3, 5); X = debugInitializeWeights(5, 2),
 * which is 5×3 and used without a bias column; y = 1 + mod(1:m, 3)' = 2, 3, 1, 2, 3 in Octave's
 * 1-based classes, i.e. 1, 2, 0, 1, 2 here.
 */
export function debugNetwork(): { sizes: LayerSizes; theta: Float64Array; examples: Examples } {
  const inputLayerSize = 3;
  const hiddenLayerSize = 5;
  const numLabels = 3;
  const m = 5;
  const sizes: LayerSizes = [inputLayerSize, hiddenLayerSize, numLabels];
  const theta = unrollThetas(
    [debugInitializeWeights(hiddenLayerSize, inputLayerSize), debugInitializeWeights(numLabels, hiddenLayerSize)],
    sizes,
  );
  const X = Float64Array.from(debugInitializeWeights(m, inputLayerSize - 1).flat());
  const y = Uint8Array.from({ length: m }, (_, i) => (i + 1) % numLabels); // 1 + mod(t, 3), minus 1
  return { sizes, theta, examples: { X, y, m, n: inputLayerSize } };
}
