import { describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-web';
import { onnx } from 'onnx-proto';
import { feedForward } from '../nn/forward';
import { unrollThetas } from '../nn/shape';
import { initialTheta } from '../nn/init';
import { networkOfRun } from './network';
import { buildOnnxModel, ONNX_INPUT, ONNX_OUTPUT } from './onnx';
import { TINY_NETWORK as tiny, digitSets, trainedWeights } from './testing';

ort.env.wasm.numThreads = 1;

/** Runs the model bytes in ONNX Runtime on m rows of n features; returns the m×K scores. */
async function runOnnx(model: Uint8Array, X: Float64Array, m: number, n: number): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ [ONNX_INPUT]: new ort.Tensor('float32', Float32Array.from(X), [m, n]) });
  await session.release();
  return out[ONNX_OUTPUT].data as Float32Array;
}

const argmax = (v: ArrayLike<number>, from: number, K: number) => {
  let best = 0;
  for (let k = 1; k < K; k++) if (v[from + k] > v[from + best]) best = k;
  return best;
};

describe('buildOnnxModel', () => {
  it('computes h(x) of a hand-checked 2-2-2 network, with and without standardization', async () => {
    // numpy: a(2) = σ(Θ(1)[1 x]) = [0.7109495, 0.3318122]; a(3) = σ(Θ(2)[1 a(2)]).
    const plain = await runOnnx(buildOnnxModel(tiny, 'test'), new Float64Array([1, 2]), 1, 2);
    expect(plain[0]).toBeCloseTo(0.5301789529046018, 6);
    expect(plain[1]).toBeCloseTo(0.6809790026625318, 6);
    const standardized = { ...tiny, standardization: { mean: [0.5, 1], sd: [2, 4] } };
    const z = await runOnnx(buildOnnxModel(standardized, 'test'), new Float64Array([1, 2]), 1, 2);
    expect(z[0]).toBeCloseTo(0.6017535008072498, 6);
    expect(z[1]).toBeCloseTo(0.5435013698795991, 6);
  });

  it('is a self-describing graph: Sub, Div, then Gemm + Sigmoid per layer, names in the metadata', () => {
    const model = onnx.ModelProto.decode(
      buildOnnxModel({ ...tiny, standardization: { mean: [0, 0], sd: [1, 1] } }, '0.1.0'),
    );
    const graph = model.graph!;
    expect(graph.node!.map((n) => n.opType)).toEqual(['Sub', 'Div', 'Gemm', 'Sigmoid', 'Gemm', 'Sigmoid']);
    expect(graph.input!.map((i) => i.name)).toEqual(['features']);
    expect(graph.output!.map((o) => o.name)).toEqual(['scores']);
    const dims = graph.output![0].type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue));
    expect(dims).toEqual(['N', 2]);
    const meta = Object.fromEntries(model.metadataProps!.map((p) => [p.key, p.value]));
    expect(meta).toEqual({
      class_names: '["no","yes"]',
      feature_names: '["height","weight"]',
      standardized: 'true',
    });
    expect(model.producerName).toBe('backprop-lab');
    expect(model.producerVersion).toBe('0.1.0');
  });

  it("agrees with the lab's forward pass on a whole test set: scores within 1e-5, the same class every time", async () => {
    const { train, test } = digitSets(300);
    const weights = trainedWeights([784, 25, 10], train, 30);
    const scores = await runOnnx(buildOnnxModel(networkOfRun(weights), 'test'), test.X, test.m, test.n);
    let maxDiff = 0;
    let sameClass = 0;
    for (let i = 0; i < test.m; i++) {
      const h = feedForward(weights.theta, weights.sizes, test.X.subarray(i * 784, (i + 1) * 784))[2];
      for (let k = 0; k < 10; k++) maxDiff = Math.max(maxDiff, Math.abs(h[k] - scores[i * 10 + k]));
      if (argmax(h, 0, 10) === argmax(scores, i * 10, 10)) sameClass++;
    }
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
    expect(sameClass).toBe(300);
  });

  it('exports two hidden layers and the standardization the run used', async () => {
    const { train, test } = digitSets(200);
    const n = 784;
    const mean = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let i = 0; i < train.m; i++) s += train.X[i * n + j];
      return s / train.m;
    });
    const sd = mean.map((mu, j) => {
      let s = 0;
      for (let i = 0; i < train.m; i++) s += (train.X[i * n + j] - mu) ** 2;
      return Math.sqrt(s / train.m) || 1;
    });
    const standardize = (X: Float64Array) => X.map((x, i) => (x - mean[i % n]) / sd[i % n]);
    const weights = trainedWeights([784, 12, 8, 10], { ...train, X: standardize(train.X) }, 20);
    const network = networkOfRun(weights, { standardization: { mean, sd } });
    const scores = await runOnnx(buildOnnxModel(network, 'test'), test.X, test.m, n);
    const Z = standardize(test.X);
    let maxDiff = 0;
    for (let i = 0; i < test.m; i++) {
      const h = feedForward(weights.theta, weights.sizes, Z.subarray(i * n, (i + 1) * n))[3];
      for (let k = 0; k < 10; k++) maxDiff = Math.max(maxDiff, Math.abs(h[k] - scores[i * 10 + k]));
      expect(argmax(scores, i * 10, 10), `example ${i}`).toBe(argmax(h, 0, 10));
    }
    expect(maxDiff).toBeLessThanOrEqual(1e-5);
  });

  it('refuses class or feature names that do not fit the network', () => {
    const weights = { sizes: tiny.sizes as number[], theta: unrollThetas(tiny.thetas, tiny.sizes as number[]) };
    expect(() => networkOfRun(weights, { classNames: ['a', 'b', 'c'] })).toThrow(
      'the run has 2 outputs but 3 class names',
    );
    expect(() => networkOfRun(weights, { featureNames: ['x'] })).toThrow('the run has 2 inputs but 1 feature names');
  });
});

describe('buildOnnxModel with other hidden activations', () => {
  it.each([
    ['tanh', 'Tanh', 'per-layer'],
    ['relu', 'Relu', 'he'],
  ] as const)(
    '%s hidden units become %s nodes and give the lab’s h(x) within 1e-5',
    async (activation, op, epsilon) => {
      const { test } = digitSets(100);
      const sizes = [784, 12, 8, 10];
      const theta = initialTheta(sizes, { init: 'uniform', epsilon, seed: 3 });
      const network = networkOfRun({ sizes, theta }, { hyperparameters: { activation } });
      const bytes = buildOnnxModel(network, 'test');
      const graph = onnx.ModelProto.decode(bytes).graph!;
      expect(graph.node!.map((n) => n.opType)).toEqual(['Gemm', op, 'Gemm', op, 'Gemm', 'Sigmoid']);
      const scores = await runOnnx(bytes, test.X, test.m, test.n);
      let maxDiff = 0;
      for (let i = 0; i < test.m; i++) {
        const x = test.X.subarray(i * 784, (i + 1) * 784);
        const h = feedForward(theta, sizes, x, { cost: 'cross-entropy', activation })[3];
        for (let k = 0; k < 10; k++) maxDiff = Math.max(maxDiff, Math.abs(h[k] - scores[i * 10 + k]));
      }
      expect(maxDiff).toBeLessThanOrEqual(1e-5);
      // and it is not the sigmoid network's answer: the activation really is in the graph
      const sigmoidH = feedForward(theta, sizes, test.X.subarray(0, 784))[3];
      expect(Math.max(...sigmoidH.map((v, k) => Math.abs(v - scores[k])))).toBeGreaterThan(1e-3);
    },
  );
});
