/**
 * LiveRuns against real training: a run is joined halfway, so its stored history and the progress
 * events that arrive while that history loads overlap, and the curve must hold each iteration once,
 * in order, exactly as the store ends up recording it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindRealApi, until, type TestApi } from '../../lib/testing/real-api';

let t: TestApi;
let LiveRuns: typeof import('./live-runs.svelte').LiveRuns;

beforeAll(async () => {
  t = await bindRealApi('live-runs-');
  ({ LiveRuns } = await import('./live-runs.svelte'));
}, 120_000);
afterAll(() => t?.close());

/** Online-ish gradient descent on 100 digits: thousands of small steps, so the run is still going when joined. */
const LONG = {
  hyperparameters: { hiddenLayers: [8], optimizer: 'sgd', batchSize: 10, iterations: 3000, impl: 'vectorized' },
  dataset: { trainSize: 100, validationSize: 20, testSize: 20, dataSeed: 1 },
};

const storedCount = async (id: number) => (await t.value('runs.histories', [[id]]))[0]?.iteration.length ?? 0;

describe('LiveRuns follows real runs', () => {
  it('joined halfway: every iteration once, in order, equal to the stored history at the end', async () => {
    const { ids } = await t.value('training.start', [{ ...LONG, name: 'joined halfway' }]);
    const id = ids[0];
    for (const start = Date.now(); (await storedCount(id)) < 20; await new Promise((r) => setTimeout(r, 20))) {
      if (Date.now() - start > 60_000) throw new Error('the run stored no history');
    }
    const live = new LiveRuns([id]);
    try {
      await until('the run to finish and its final detail to load', () => live.allDone, 120_000);
      const run = live.byId.get(id)!;
      const [history] = await t.value('runs.histories', [[id]]);
      expect(run.status).toBe('finished');
      expect(run.detail?.status).toBe('finished');
      expect(history.iteration.length).toBeGreaterThan(20);
      expect(run.points.map((p) => p.x)).toEqual(history.iteration);
      expect(run.points.map((p) => p.y)).toEqual(history.cost);
      expect(run.lastIteration).toBe(history.iteration.at(-1));
      expect(run.fraction).toBe(1);
      expect(live.error).toBeNull();
    } finally {
      live.dispose();
    }
  }, 180_000);

  it('cancelAll stops a running run and keeps its curve so far', async () => {
    const { ids } = await t.value('training.start', [
      { ...LONG, hyperparameters: { ...LONG.hyperparameters, iterations: 100_000 }, name: 'cancelled' },
    ]);
    const live = new LiveRuns(ids);
    try {
      await until('the first cost points', () => live.runs[0].points.length >= 5);
      await live.cancelAll();
      await until('the run to end', () => live.allDone);
      const run = live.runs[0];
      const [history] = await t.value('runs.histories', [ids]);
      expect(run.status).toBe('cancelled');
      expect(run.active).toBe(false);
      expect(run.points.map((p) => p.x)).toEqual(history.iteration);
      expect(run.lastIteration).toBeLessThan(100_000);
    } finally {
      live.dispose();
    }
  }, 180_000);

  it('a run id that does not exist: the error is kept and nothing is followed', async () => {
    const live = new LiveRuns([987_654]);
    try {
      await until('the refresh to end', () => !live.loading);
      // Detail and history are asked for together; whichever answers first names itself.
      expect(live.error).toMatch(/^runs\.(get|histories): run 987654 does not exist$/);
      expect(live.allDone).toBe(false);
    } finally {
      live.dispose();
    }
  });
});
