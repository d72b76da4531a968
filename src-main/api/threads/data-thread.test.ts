/**
 * The API's long-lived data thread (issue 23 §3): the first open of a run in the Backprop view and
 * in the hidden-unit panel loads the run's data there, never on the API's thread, and the thread keeps
 * the split for the next request. The hidden units' m forward passes run there too (issue 20, B5's
 * closing note), to the same bits as in the calling thread.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../data/errors';
import { loadDataSplit } from '../../data/load';
import { initialTheta } from '../../nn/init';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../../run/hyperparameters';
import { writeFinishedRun, measuredTrainMetrics } from '../../store/fixtures';
import { ensureBuiltWorker } from '../../training/testing/build-worker';
import { loadActivationsInThread, type LoadedActivations } from './activation-loader';
import { dataThreadLoaders, type DataLoaders } from './data-thread';
import { createApi, type Api } from '../handlers';
import { RunActivationCache } from '../run-activations';
import { openTestApi, type TestApi } from '../testing/test-api';

let t: TestApi;
let readerFile: string;

beforeAll(async () => {
  readerFile = path.join(path.dirname(await ensureBuiltWorker()), 'data-reader.js');
  t = openTestApi('backprop-lab-data-thread-');
}, 180_000);
afterAll(() => t?.close());

const SMALL: DatasetSpec = { ...DEFAULT_DATASET, trainSize: 600, validationSize: 200, testSize: 200 };

/** 4,000 of the bundled digits: a 784-200-10 network over them is 4,000 forward passes of 159,000 weights. */
const DIGITS: DatasetSpec = { ...DEFAULT_DATASET, trainSize: 4000, validationSize: 0, testSize: 100 };

/** A finished 784-`hidden`-10 run on `dataset`, its training accuracy that of Θ on the reloaded rows. */
function finishedRun(dataset: DatasetSpec, hidden = [25]): { id: number; theta: Float64Array; sizes: number[] } {
  const train = loadDataSplit(dataset).train;
  const sizes = [784, ...hidden, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 3 });
  const id = writeFinishedRun(t.store, {
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: hidden },
    dataset,
    sizes,
    theta,
    metrics: measuredTrainMetrics(theta, sizes, train),
  });
  return { id, theta, sizes };
}

/** An API whose data loads go through `loaders`, each announced to `onAsked` once the thread has it. */
function apiWith(loaders: DataLoaders, onAsked: () => void): Api {
  return createApi({
    store: t.store,
    supervisor: t.supervisor,
    allowedRoots: [path.join(t.dir, 'allowed')],
    shell: 'web',
    version: '0.1.0',
    loadSplit: (spec) => {
      const job = loaders.loadSplit(spec);
      onAsked();
      return job;
    },
    loadActivations: (spec, target) => {
      const job = loaders.loadActivations(spec, target);
      onAsked();
      return job;
    },
  });
}

describe('the long-lived data thread', () => {
  for (const [view, channel, args] of [
    ['Backprop view', 'explain.example', (id: number) => [{ runId: id, source: { kind: 'train', index: 4 } }]],
    ['hidden-unit panel', 'runs.hiddenUnit', (id: number) => [id, 2, 5]],
  ] as const) {
    it(`answers another request while the ${view}'s first open loads the run's data`, async () => {
      const { id } = finishedRun({ ...SMALL, dataSeed: channel === 'explain.example' ? 11 : 12 });
      const loaders = dataThreadLoaders(readerFile);
      const order: string[] = [];
      let other: Promise<unknown> | undefined;
      // Once the thread has the load, the API's thread is free: app.info, asked then, is answered first.
      const api = apiWith(loaders, () => {
        other ??= api.dispatch('app.info', []).then((r) => order.push(r.ok ? 'app.info' : 'app.info failed'));
      });
      try {
        const opened = await api.dispatch(channel, args(id));
        order.push(channel);
        await other;
        expect(opened.ok).toBe(true);
        expect(order).toEqual(['app.info', channel]);
      } finally {
        api.close();
        loaders.close();
      }
    }, 120_000);
  }

  it('hands over the split bit for bit, and keeps it: the next request on the same data shares its memory', async () => {
    const loaders = dataThreadLoaders(readerFile);
    try {
      const here = loadDataSplit(SMALL);
      const split = await loaders.loadSplit(SMALL);
      expect([split.train.m, split.validation.m, split.test.m]).toEqual([600, 200, 200]);
      for (const part of ['train', 'validation', 'test'] as const) {
        expect(Buffer.from(split[part].X.buffer).equals(Buffer.from(here[part].X.buffer))).toBe(true);
        expect(Array.from(split[part].y)).toEqual(Array.from(here[part].y));
      }
      expect(split.train.X.buffer).toBeInstanceOf(SharedArrayBuffer);
      // The thread did not read the data again: a mark written into the split it sent shows up in the next.
      const sizes = [784, 25, 10];
      const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 3 });
      const before = split.train.X[0];
      split.train.X[0] = 0.123;
      const loaded = await loaders.loadActivations(SMALL, { theta, sizes, trainSize: 600 });
      expect(loaded.train.X[0]).toBe(0.123);
      split.train.X[0] = before;
      expect(loaded.train.X[0]).toBe(before);
      expect(loaded.activations!.layers[0]).toHaveLength(600 * 25);
    } finally {
      loaders.close();
    }
  }, 120_000);

  it('names the file it could not read, and starts again after it was stopped', async () => {
    const loaders = dataThreadLoaders(readerFile);
    try {
      const missing = path.join(t.dir, 'allowed', 'gone.csv');
      const error = await loaders.loadSplit({ ...SMALL, source: 'csv', file: missing }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataError);
      expect((error as DataError).file).toBe(missing);
      loaders.close();
      const split = await loaders.loadSplit(SMALL);
      expect(split.test.m).toBe(200);
    } finally {
      loaders.close();
    }
  }, 120_000);

  it("computes the same activations, bit for bit, as the calling thread; the cache keeps the thread's", async () => {
    const { id, theta, sizes } = finishedRun(DIGITS, [200]);
    const loaders = dataThreadLoaders(readerFile);
    try {
      let fromThread: LoadedActivations | undefined;
      const cache = new RunActivationCache(t.store, undefined, undefined, async (spec, target) => {
        fromThread = await loaders.loadActivations(spec, target);
        return fromThread;
      });
      await cache.prefetch(id, 'test');
      const { value, cached } = cache.get(id, 'test');
      expect(cached).toBe(false);
      // The cache holds the arrays the thread sent: nothing was run forward again on this thread.
      expect(value.activations).toBe(fromThread!.activations);
      expect(value.train).toBe(fromThread!.train);
      const here = await loadActivationsInThread(DIGITS, { theta, sizes, trainSize: 4000 });
      expect(value.activations!.layers[0]).toHaveLength(4000 * 200);
      expect(
        Buffer.from(value.activations!.layers[0].buffer).equals(Buffer.from(here.activations!.layers[0].buffer)),
      ).toBe(true);
      expect(Array.from(value.activations!.predicted)).toEqual(Array.from(here.activations!.predicted));
    } finally {
      loaders.close();
    }
  }, 120_000);

  it('a run whose reloaded data no longer has its m rows gets no forward pass (null activations)', async () => {
    const sizes = [784, 3, 10];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 5 });
    const loaders = dataThreadLoaders(readerFile);
    try {
      const loaded = await loaders.loadActivations(DIGITS, { theta, sizes, trainSize: 3999 });
      expect([loaded.train.m, loaded.activations]).toEqual([4000, null]);
    } finally {
      loaders.close();
    }
  }, 120_000);
});
