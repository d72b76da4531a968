/**
 * explain.example and explain.sumCheck through the real API over a real store file. The expected
 * numbers come from explainExample with the stored weights and the run's own split, loaded here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { loadDataSplit } from '../data/load';
import { explainExample, oneStep } from '../explain/backprop';
import { parameterCount, rollThetas } from '../nn/shape';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { writeFinishedRun } from '../store/fixtures';
import { openTestApi, type TestApi } from './testing/test-api';

let t: TestApi;
let runId: number;
let bare: number;
const sizes = [784, 5, 10];
const dataset = { ...DEFAULT_DATASET, trainSize: 120, validationSize: 10, testSize: 30, dataSeed: 4 };
const theta = Float64Array.from({ length: parameterCount(sizes) }, (_, i) => Math.sin(i * 0.7 + 1) / 4);
const theta0 = Float64Array.from(theta, (v) => v / 10);

/** A finished 784-5-10 run (λ = 3) on 160 bundled digits, written through the store as training writes it. */
const finishedRun = (initialTheta?: Float64Array) =>
  writeFinishedRun(t.store, {
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [5], lambda: 3 },
    dataset,
    sizes,
    theta,
    ...(initialTheta ? { initialTheta } : {}),
  });

beforeAll(() => {
  t = openTestApi('bpl-explain-api-');
  runId = finishedRun(theta0);
  bare = finishedRun();
});
afterAll(() => t.close());

const split = () => loadDataSplit(dataset);
const row = (set: { X: Float64Array; n: number }, i: number) => set.X.slice(i * set.n, (i + 1) * set.n);

describe('explain.example', () => {
  it("a training example: the run's own example, label and every number of explainExample", async () => {
    const { train } = split();
    const v = await t.value('explain.example', [{ runId, source: { kind: 'train', index: 7 } }]);
    const e = explainExample(theta, sizes, row(train, 7), train.y[7]);
    expect(v.a).toEqual(e.a.map((a) => Array.from(a)));
    expect(v.z).toEqual(e.z.map((a) => Array.from(a)));
    expect(v.delta).toEqual(e.delta.map((a) => Array.from(a)));
    expect(v.grad).toEqual(rollThetas(e.grad, sizes));
    expect(v.backpropagated).toEqual([Array.from(e.backpropagated[0])]);
    expect(v.slope).toEqual([Array.from(e.slope[0])]);
    expect([v.cost, v.label, v.trueLabel, v.predicted]).toEqual([e.cost, train.y[7], train.y[7], e.predicted]);
    expect([v.width, v.height, v.sizes, v.lambda, v.weights, v.hasInitialWeights]).toEqual([
      28,
      28,
      sizes,
      3,
      'final',
      true,
    ]);
    expect(v.description).toBe(`training example 7 of run ${runId}`);
    // contributions: the three terms Θ(2)[k][j+1]·δ(3)ₖ of largest size, which add up with the rest to (Θ(2)ᵀδ(3))ⱼ
    const c = v.contributions[0][2];
    expect(c).toHaveLength(3);
    expect(Math.abs(c[0].product)).toBeGreaterThanOrEqual(Math.abs(c[1].product));
    expect(c[0].product).toBe(c[0].weight * c[0].delta);
    expect(c[0].weight).toBe(theta[5 * 785 + c[0].unit * 6 + 3]);
    // one step with the default rate 1, and the unit images before and after it
    const step = oneStep(theta, sizes, row(train, 7), train.y[7], 1);
    expect(v.step.rate).toBe(1);
    expect(v.step.output).toEqual(Array.from(step.after.a[2]));
    expect(v.step.cost).toBe(step.after.cost);
    expect(v.step.unitPngsBefore).toHaveLength(5);
    const png = decode(Buffer.from(v.step.unitPngsAfter[0], 'base64'));
    expect([png.width, png.height]).toEqual([28, 28]);
  });

  it('a test example (as a misclassified digit names it) with "what if the label were k" and a chosen rate', async () => {
    const { test } = split();
    const k = (test.y[4] + 1) % 10;
    const v = await t.value('explain.example', [{ runId, source: { kind: 'test', index: 4 }, label: k, rate: 0.5 }]);
    const e = explainExample(theta, sizes, row(test, 4), k);
    expect([v.label, v.trueLabel, v.cost]).toEqual([k, test.y[4], e.cost]);
    expect(v.delta[1][k]).toBe(e.a[2][k] - 1);
    expect(v.step.output).toEqual(Array.from(oneStep(theta, sizes, row(test, 4), k, 0.5).after.a[2]));
    expect(v.step.output[k]).toBeGreaterThan(v.a[2][k]); // the step pushes the new target's output up
  });

  it('a saved drawing, and raw pixels from the pad (no label: the target is the answer)', async () => {
    const input = Array.from({ length: 784 }, (_, i) => ((i * 37) % 255) / 255);
    const { id } = await t.value('handwriting.save', [{ label: 3, input }]);
    const v = await t.value('explain.example', [{ runId, source: { kind: 'drawing', id } }]);
    expect([v.label, v.trueLabel, v.description]).toEqual([3, 3, `saved drawing ${id}`]);
    const stored = t.store.listHandwriting()[0].pixels;
    expect(v.a[0]).toEqual(Array.from(stored, (b) => b / 255));

    const pad = await t.value('explain.example', [{ runId, source: { kind: 'pixels', pixels: input } }]);
    const e = explainExample(theta, sizes, Float64Array.from(input), 0);
    expect([pad.trueLabel, pad.label, pad.predicted]).toEqual([null, e.predicted, e.predicted]);
  });

  it('the untrained network: Θ₀ when the run kept it', async () => {
    const { train } = split();
    const v = await t.value('explain.example', [{ runId, source: { kind: 'train', index: 0 }, weights: 'initial' }]);
    expect(v.weights).toBe('initial');
    expect(v.a[2]).toEqual(Array.from(explainExample(theta0, sizes, row(train, 0), train.y[0]).a[2]));
  });

  it.each([
    [{ runId: 999, source: { kind: 'train', index: 0 } }, 'explain.example: run 999 does not exist'],
    [
      { runId: 1, source: { kind: 'train', index: 120 } },
      'training example 120 is out of range: run 1 has 120 (0…119)',
    ],
    [
      { runId: 1, source: { kind: 'pixels', pixels: [0.5, 1] } },
      "the input has 2 values, but run 1's network takes 784",
    ],
    [{ runId: 1, source: { kind: 'drawing', id: 4242 } }, 'there is no saved drawing 4242'],
    [{ runId: 1, source: { kind: 'train', index: 0 }, label: 10 }, 'label must be a class 0…9, got 10'],
    [{ runId: 2, source: { kind: 'train', index: 0 }, weights: 'initial' }, 'run 2 finished before initial weights'],
    [{ runId: 1, source: { kind: 'train', index: -1 } }, 'request.source.index: must be ≥ 0, got -1'],
    [{ runId: 1, source: { kind: 'photo' } }, 'request.source.kind'],
    [{ runId: 1, source: { kind: 'train', index: 0 }, rate: 0 }, 'request.rate'],
  ])('refuses %j', async (request, message) => {
    const e = await t.failure('explain.example', [request]);
    expect(e.message).toContain(message);
    expect(['invalid-argument', 'not-found']).toContain(e.code);
  });

  it('refuses an unfinished run', async () => {
    const id = t.store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset,
      width: 28,
      height: 28,
    });
    const e = await t.failure('explain.example', [{ runId: id, source: { kind: 'train', index: 0 } }]);
    expect(e.message).toBe(
      `explain.example: run ${id} is queued: only a finished run has weights to explain examples with`,
    );
  });
});

describe('explain.sumCheck', () => {
  it("adds up every training example's gradient (λ = 3) and matches the vectorized gradient to 1e-12", async () => {
    const v = await t.value('explain.sumCheck', [bare]);
    expect([v.runId, v.m, v.lambda]).toEqual([bare, 120, 3]);
    expect(v.relativeDifference).toBeLessThan(1e-12);
    expect(v.maxAbsDifference).toBeLessThan(1e-12 * v.maxAbsGradient);
    expect(v.maxAbsGradient).toBeGreaterThan(0);
    const few = await t.value('explain.sumCheck', [bare, { limit: 10 }]);
    expect(few.m).toBe(10);
  });
});
