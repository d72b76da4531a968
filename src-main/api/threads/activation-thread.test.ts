/**
 * The hidden-unit view's m forward passes run in the data-reading thread (issue 20, B5's closing
 * note): before, the training set was loaded off the API's thread but a(2)…a(L−1) of every example
 * were computed on it, so a wide network over thousands of digits held every other request.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSplit } from '../../data/load';
import { initialTheta } from '../../nn/init';
import { accuracy, predict } from '../../nn/predict';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../../run/hyperparameters';
import { ensureBuiltWorker } from '../../training/testing/build-worker';
import {
  loadActivationsInThread,
  threadActivationLoader,
  type LoadActivations,
  type LoadedActivations,
} from './activation-loader';
import { createApi, type Api } from '../handlers';
import { RunActivationCache } from '../run-activations';
import { threadSplitLoader } from './split-loader';
import { openTestApi, type TestApi } from '../testing/test-api';

let t: TestApi;
let readerFile: string;

beforeAll(async () => {
  readerFile = path.join(path.dirname(await ensureBuiltWorker()), 'data-reader.js');
  t = openTestApi('backprop-lab-activation-thread-');
}, 180_000);
afterAll(() => t?.close());

/** 4,000 of the bundled digits through 784-200-10: 4,000 forward passes of 159,000 weights. */
const DIGITS: DatasetSpec = { ...DEFAULT_DATASET, trainSize: 4000, validationSize: 0, testSize: 100 };

/** A finished run as the supervisor writes one, its train accuracy computed on the reloaded split. */
function finishedRun(hidden: number[]) {
  const train = loadDataSplit(DIGITS).train;
  const sizes = [train.n, ...hidden, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 5 });
  const id = t.store.createRun({
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: hidden },
    dataset: DIGITS,
    width: train.width,
    height: train.height,
  });
  t.store.markRunning(id);
  t.store.finishRun(id, {
    theta,
    sizes,
    metrics: {
      trainAccuracy: accuracy(predict(theta, sizes, train.X, train.m), train.y),
      validationAccuracy: null,
      testAccuracy: null,
      finalCost: 1,
      durationMs: 1,
      costEvaluations: 1,
    },
    confusion: Array.from({ length: 10 }, () => new Array(10).fill(0)),
    misclassified: [],
  });
  return { id, theta, sizes };
}

describe('hidden-unit activations in the data-reading thread', () => {
  it("the thread computes the same activations, bit for bit, as the calling thread; the cache keeps the thread's", async () => {
    const { id, theta, sizes } = finishedRun([200]);
    const target = { theta, sizes, trainSize: 4000 };
    let fromThread: LoadedActivations | undefined;
    const real = threadActivationLoader(readerFile);
    const cache = new RunActivationCache(t.store, undefined, undefined, async (spec, tgt) => {
      fromThread = await real(spec, tgt);
      return fromThread;
    });
    await cache.prefetch(id, 'test');
    const { value, cached } = cache.get(id, 'test');
    expect(cached).toBe(false);
    // The cache holds the arrays the thread sent: nothing was run forward again on this thread.
    expect(value.activations).toBe(fromThread!.activations);
    expect(value.train).toBe(fromThread!.train);
    const here = await loadActivationsInThread(DIGITS, target);
    expect(value.activations!.layers[0]).toHaveLength(4000 * 200);
    expect(
      Buffer.from(value.activations!.layers[0].buffer).equals(Buffer.from(here.activations!.layers[0].buffer)),
    ).toBe(true);
    expect(Array.from(value.activations!.predicted)).toEqual(Array.from(here.activations!.predicted));
  }, 120_000);

  it('a run whose reloaded data no longer has its m rows gets no forward pass (null activations)', async () => {
    const { theta, sizes } = finishedRun([3]);
    const loaded = await threadActivationLoader(readerFile)(DIGITS, { theta, sizes, trainSize: 3999 });
    expect([loaded.train.m, loaded.activations]).toEqual([4000, null]);
  }, 120_000);

  it('app.info is answered while runs.hiddenUnit runs its forward passes in the thread', async () => {
    const { id } = finishedRun([200]);
    const order: string[] = [];
    const real = threadActivationLoader(readerFile);
    let asked: Promise<unknown> | undefined;
    // The second request goes out once the thread has the job: the API's thread is then free.
    const loadActivations: LoadActivations = (spec, target) => {
      const job = real(spec, target).then((r) => {
        order.push('thread done');
        return r;
      });
      asked = api.dispatch('app.info', []).then(() => order.push('app.info'));
      return job;
    };
    const api: Api = createApi({
      store: t.store,
      supervisor: t.supervisor,
      allowedRoots: [path.join(t.dir, 'allowed')],
      shell: 'web',
      version: '0.1.0',
      loadSplit: threadSplitLoader(readerFile),
      loadActivations,
    });
    try {
      const unit = await api.dispatch('runs.hiddenUnit', [id, 2, 7]);
      order.push('runs.hiddenUnit');
      await asked;
      expect(unit.ok).toBe(true);
      expect(order).toEqual(['app.info', 'thread done', 'runs.hiddenUnit']);
    } finally {
      api.close();
    }
  }, 120_000);
});
