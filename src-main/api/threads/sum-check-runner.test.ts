/**
 * explain.sumCheck off the API's thread: the built sum-check thread gives the calling thread's numbers
 * bit for bit, other requests are answered while it computes, and its errors arrive as errors.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSplit } from '../../data/load';
import { computeSumCheck, type SumCheckJob } from '../../explain/sum-check';
import { parameterCount } from '../../nn/shape';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../../run/hyperparameters';
import { ensureBuiltWorker } from '../../training/testing/build-worker';
import { createApi } from '../handlers';
import { sumCheckInCallingThread, threadSumChecker } from './sum-check-runner';
import { writeFinishedRun } from '../../store/fixtures';
import { openTestApi, type TestApi } from '../testing/test-api';

let t: TestApi;
let threadFile: string;
const sizes = [784, 25, 10];
const theta = Float64Array.from({ length: parameterCount(sizes) }, (_, i) => Math.sin(i * 0.37 + 2) / 5);
const dataset = { ...DEFAULT_DATASET, trainSize: 5000, validationSize: 0, testSize: 100, dataSeed: 2 };

beforeAll(async () => {
  threadFile = path.join(path.dirname(await ensureBuiltWorker()), 'sum-check.js');
  t = openTestApi('bpl-sum-thread-');
}, 180_000);
afterAll(() => t?.close());

/** A finished 784-25-10 run (λ = 1) on 5,000 training digits: the Backprop view's default check, seconds long. */
const finishedRun = () =>
  writeFinishedRun(t.store, {
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [25], lambda: 1 },
    dataset,
    sizes,
    theta,
  });

describe('the sum-check thread', () => {
  it('answers exactly what the calling thread computes', async () => {
    const { train } = loadDataSplit({ ...dataset, trainSize: 300 });
    const job: SumCheckJob = { runId: 9, sizes, theta, lambda: 3, examples: train };
    const here = computeSumCheck(job);
    const there = await threadSumChecker(threadFile)(job);
    const numbers = (r: typeof here) => [
      r.runId,
      r.m,
      r.lambda,
      r.maxAbsDifference,
      r.relativeDifference,
      r.maxAbsGradient,
    ];
    expect(numbers(there)).toEqual(numbers(here));
    expect([there.runId, there.m, there.lambda]).toEqual([9, 300, 3]);
  });

  it('app.info is answered while explain.sumCheck computes over 5,000 examples', async () => {
    const id = finishedRun();
    const api = createApi({
      store: t.store,
      supervisor: t.supervisor,
      allowedRoots: [t.dir],
      shell: 'web',
      version: '0.1.0',
      sumCheck: threadSumChecker(threadFile),
    });
    const order: string[] = [];
    const checking = api.dispatch('explain.sumCheck', [id]).then((r) => (order.push('explain.sumCheck'), r));
    await api.dispatch('app.info', []).then(() => order.push('app.info'));
    const checked = await checking;
    expect(order).toEqual(['app.info', 'explain.sumCheck']);
    expect(checked).toMatchObject({ ok: true, value: { runId: id, m: 5000, lambda: 1 } });
    api.close();
  }, 60_000);

  it("the thread's error arrives as an error with the math's message", async () => {
    const { train } = loadDataSplit({ ...dataset, trainSize: 10 });
    const job: SumCheckJob = { runId: 1, sizes, theta: theta.subarray(1), lambda: 1, examples: train };
    const message = (() => {
      try {
        computeSumCheck(job);
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('computeSumCheck accepted a Θ one weight short');
    })();
    await expect(threadSumChecker(threadFile)(job)).rejects.toThrow(message);
  });

  it('without a built thread file, checks run in the calling thread', () => {
    expect(threadSumChecker(path.join(t.dir, 'no-such-thread.js'))).toBe(sumCheckInCallingThread);
  });
});
