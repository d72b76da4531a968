import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { activationBuffers, forwardInto } from '../nn/forward';
import { initialTheta } from '../nn/init';
import { thetaLayout } from '../nn/shape';
import { DEFAULT_DATASET } from '../run/hyperparameters';
import { canSkipZeros, forwardSkippingZeros } from './sparse-forward';
import { hiddenActivations } from './unit-stats';

const train = loadDataSplit({ ...DEFAULT_DATASET, trainSize: 400, validationSize: 0, testSize: 100 }).train;

/** Every hidden layer's a(l) and the classes by forwardInto alone, the dense reference. */
function denseActivations(theta: Float64Array, sizes: number[]) {
  const layout = thetaLayout(sizes);
  const buffers = activationBuffers(sizes);
  const layers = sizes.slice(1, -1).map((s) => new Float64Array(train.m * s));
  const outputs = new Float64Array(train.m * sizes[sizes.length - 1]);
  for (let i = 0; i < train.m; i++) {
    forwardInto(theta, layout, train.X, i * train.n, buffers);
    layers.forEach((layer, h) => layer.set(buffers[h + 1], i * sizes[h + 1]));
    outputs.set(buffers[buffers.length - 1], i * sizes[sizes.length - 1]);
  }
  return { layers, outputs };
}

const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

describe('the forward pass that skips zero inputs', () => {
  it('gives forwardInto’s bits on 400 digits (81% zero pixels), two hidden layers, with +0 and −0 biases', () => {
    const sizes = [784, 25, 12, 10];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.3, seed: 9 });
    const layout = thetaLayout(sizes);
    // Some biases exactly +0 and −0: a zero sum's sign is the one thing skipping may change, and g(±0) = ½.
    theta[layout[0].offset] = 0;
    theta[layout[0].offset + layout[0].cols] = -0;
    expect(canSkipZeros(theta, layout)).toBe(true);
    const dense = denseActivations(theta, sizes);
    const sparse = hiddenActivations(theta, sizes, train);
    expect(bits(sparse.layers[0]).equals(bits(dense.layers[0]))).toBe(true);
    expect(bits(sparse.layers[1]).equals(bits(dense.layers[1]))).toBe(true);

    const buffers = activationBuffers(sizes);
    const nonzero = new Uint32Array(784);
    for (const i of [0, 17, 399]) {
      forwardSkippingZeros(theta, layout, train.X, i * 784, buffers, nonzero);
      expect(bits(buffers[3]).equals(bits(dense.outputs.subarray(i * 10, i * 10 + 10)))).toBe(true);
    }
  });

  it('is not used when Θ(1) holds ∞ (∞·0 is NaN in the full sum), and the result stays forwardInto’s', () => {
    const sizes = [784, 5, 10];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 2 });
    // Pixel 1 (column 2 of Θ(1)) is black in every digit: ∞·0 = NaN reaches z for unit 1 only through it.
    expect(Array.from({ length: train.m }, (_, i) => train.X[i * 784 + 1]).every((v) => v === 0)).toBe(true);
    theta[2] = Infinity;
    expect(canSkipZeros(theta, thetaLayout(sizes))).toBe(false);
    const a = hiddenActivations(theta, sizes, train);
    expect(Number.isNaN(a.layers[0][0])).toBe(true);
    expect(bits(a.layers[0]).equals(bits(denseActivations(theta, sizes).layers[0]))).toBe(true);
  });
});
