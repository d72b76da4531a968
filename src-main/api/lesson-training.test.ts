import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bestLambda, curvePoints } from '../lessons/sweeps';
import type { RunStore, RunSummary } from '../store/types';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import type { Api } from './handlers';
import { openTestApi, type TestApi } from './testing/test-api';
import type { SweepPoints, SweepView } from './draw-and-lesson-schemas';
import type { ApiEvent } from './table';

/** The sweep's points, checked to be of `kind` and typed as that kind. */
function pointsOf<K extends SweepPoints['kind']>(view: SweepView, kind: K): Extract<SweepPoints, { kind: K }> {
  expect(view.points.kind).toBe(kind);
  return view.points as Extract<SweepPoints, { kind: K }>;
}

// Sweeps end to end: the API over a real store file and a supervisor running the built worker in
// real child processes, on a few hundred bundled digits so each run takes about a second.
let t: TestApi;
let store: RunStore;
let api: Api;
let events: ApiEvent[];
let value: TestApi['value'];

beforeAll(async () => {
  t = openTestApi('api-lab-training-', {
    workerPath: await ensureBuiltWorker(),
    concurrency: 2,
    allowWholeFolder: true,
  });
  ({ store, api, events, value } = t);
}, 120_000);

afterAll(() => t.close());

async function allDone(runIds: number[], timeoutMs = 90_000): Promise<void> {
  const done = () => runIds.every((id) => events.some((e) => e.name === 'run.done' && e.payload.runId === id));
  for (const start = Date.now(); !done(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for runs ${runIds.join(', ')} to end`);
  }
}

const TINY = { trainSize: 200, validationSize: 100, testSize: 100, dataSeed: 1 };
const base = { hyperparameters: { hiddenLayers: [10], iterations: 10, impl: 'vectorized' }, dataset: TINY };

describe('sweeps with real training processes', () => {
  it('a 3-point validation curve: three runs grouped as one sweep, curve points per λ and the best λ', async () => {
    const { sweepId, runIds } = await value('sweeps.start', [
      { kind: 'validation-curve', name: 'Three λ', base, lambdas: [10, 0, 1] },
    ]);
    expect(runIds).toHaveLength(3);
    expect(events.filter((e) => e.name === 'sweeps.changed').map((e) => e.payload)).toContainEqual({
      sweepIds: [sweepId],
      change: 'created',
    });
    await allDone(runIds);

    const view = await value('sweeps.get', [sweepId]);
    const points = pointsOf(view, 'validation-curve');
    expect(view.sweep).toMatchObject({
      id: sweepId,
      kind: 'validation-curve',
      name: 'Three λ',
      runCount: 3,
      finishedCount: 3,
      activeCount: 0,
    });
    expect(view.sweep.base.values).toEqual([10, 0, 1]);
    expect(view.sweep.base.hyperparameters).toMatchObject({
      hiddenLayers: [10],
      iterations: 10,
      impl: 'vectorized',
      lambda: 1,
    });
    // Runs come in x order whatever order the λ were given in; each is named after the sweep and its λ.
    const runs: RunSummary[] = view.runs;
    expect(runs.map((r) => [r.lambda, r.sweepX, r.sweepId, r.status])).toEqual([
      [0, 0, sweepId, 'finished'],
      [1, 1, sweepId, 'finished'],
      [10, 10, sweepId, 'finished'],
    ]);
    expect(runs.map((r) => r.name)).toEqual(['Three λ · λ = 0', 'Three λ · λ = 1', 'Three λ · λ = 10']);
    expect(points.curve.map((p: { x: number }) => p.x)).toEqual([0, 1, 10]);
    points.curve.forEach((p, i) => {
      expect(p.trainError).toBe(1 - runs[i].metrics!.trainAccuracy);
      expect(p.validationError).toBe(1 - runs[i].metrics!.validationAccuracy!);
      expect(p.runs).toBe(1);
    });
    expect(points.best).toEqual(bestLambda(curvePoints(runs, 'lambda')));
    expect(points.best).not.toBeNull();
    // Same seed and data, only λ differs: the same Θ₀, whose J grows with λ by the penalty λ/2m·ΣΘ².
    const histories = store.getHistories(runs.map((r) => r.id));
    expect(histories[1].cost[0]).toBeGreaterThan(histories[0].cost[0]);
    expect(histories[2].cost[0] - histories[0].cost[0]).toBeCloseTo(
      10 * (histories[1].cost[0] - histories[0].cost[0]),
      10,
    );
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);

    const list = await value('sweeps.list', []);
    expect(list.map((s: { id: number; runCount: number }) => [s.id, s.runCount])).toContainEqual([sweepId, 3]);

    // Deleting the sweep keeps its runs as ordinary runs.
    await value('sweeps.delete', [sweepId]);
    expect(runs.map((r) => store.getRun(r.id)).map((r) => [r.status, r.sweepId, r.sweepX])).toEqual(
      new Array(3).fill(['finished', null, null]),
    );
    const gone = await api.dispatch('sweeps.get', [sweepId]);
    expect(gone).toEqual({
      ok: false,
      error: { code: 'not-found', message: `sweeps.get: sweep ${sweepId} does not exist` },
    });
  }, 120_000);

  it('a learning curve from 2 seeds per point: the same data for both seeds, mean and sd per m', async () => {
    const { sweepId, runIds } = await value('sweeps.start', [
      { kind: 'learning-curve', base, trainSizes: [100, 200], seedsPerPoint: 2 },
    ]);
    expect(runIds).toHaveLength(4);
    await allDone(runIds);
    const view = await value('sweeps.get', [sweepId]);
    const runs: RunSummary[] = view.runs;
    expect(runs.map((r) => [r.sweepX, r.trainSize, r.seed, r.status])).toEqual([
      [100, 100, 1, 'finished'],
      [100, 100, 2, 'finished'],
      [200, 200, 1, 'finished'],
      [200, 200, 2, 'finished'],
    ]);
    expect(runs[1].name).toBe('Learning curve · m = 100 · seed 2');
    // Only Θ₀ differs between a point's runs.
    const [a, b] = [runs[0], runs[1]].map((r) => store.getWeights(r.id).initialTheta!);
    expect(Array.from(a)).not.toEqual(Array.from(b));
    const points = pointsOf(view, 'learning-curve');
    points.curve.forEach((p, i) => {
      const [e1, e2] = [runs[2 * i], runs[2 * i + 1]].map((r) => 1 - r.metrics!.trainAccuracy);
      const [v1, v2] = [runs[2 * i], runs[2 * i + 1]].map((r) => 1 - r.metrics!.validationAccuracy!);
      expect(p.runs).toBe(2);
      expect(p.trainError).toBeCloseTo((e1 + e2) / 2, 15);
      // The sd of two values is their distance over √2.
      expect(p.trainErrorSd).toBeCloseTo(Math.abs(e1 - e2) / Math.SQRT2, 15);
      expect(p.validationErrorSd).toBeCloseTo(Math.abs(v1 - v2) / Math.SQRT2, 15);
    });
  }, 120_000);

  it('symmetry: zero Θ₀ ends with one distinct hidden unit, random Θ₀ with all ten', async () => {
    const { sweepId, runIds } = await value('sweeps.start', [
      { kind: 'symmetry', base: { ...base, hyperparameters: { ...base.hyperparameters, lambda: 0 } } },
    ]);
    await allDone(runIds);
    const view = await value('sweeps.get', [sweepId]);
    const points = pointsOf(view, 'symmetry');
    expect(view.sweep.name).toBe('Symmetry');
    expect(view.runs.map((r: RunSummary) => [r.name, r.init])).toEqual([
      ['Symmetry lesson · all-zero Θ₀', 'zeros'],
      ['Symmetry lesson · random Θ₀', 'uniform'],
    ]);
    expect(
      points.runs.map((p: { init: string; units: number; distinctUnits: number; identical: boolean }) => [
        p.init,
        p.units,
        p.distinctUnits,
        p.identical,
      ]),
    ).toEqual([
      ['zeros', 10, 1, true],
      ['uniform', 10, 10, false],
    ]);
  }, 120_000);

  it('implementations: loop, vectorized and fast trace the same cost curve, one after another; each reports its time per iteration', async () => {
    const { sweepId, runIds } = await value('sweeps.start', [{ kind: 'implementations', base }]);
    // Their times are compared, so they never share the cores: one trains, the others wait.
    // (A run of an earlier test may still be ending: the first waits for it, it does not join it.)
    const { running, queued } = t.supervisor.activeRuns();
    expect(running.filter((id) => runIds.includes(id)).length).toBeLessThanOrEqual(1);
    expect(queued).toEqual(expect.arrayContaining(runIds.slice(1)));
    await allDone(runIds);
    const runs = runIds.map((id: number) => store.getRun(id));
    for (let i = 1; i < runs.length; i++) expect(runs[i].startedAt! >= runs[i - 1].finishedAt!).toBe(true);
    const view = await value('sweeps.get', [sweepId]);
    const points = pointsOf(view, 'implementations');
    expect(points.runs.map((p: { impl: string; iterations: number }) => [p.impl, p.iterations])).toEqual([
      ['loop', 10],
      ['vectorized', 10],
      ['fast', 10],
    ]);
    for (const p of points.runs) {
      const run = view.runs.find((r: RunSummary) => r.id === p.runId);
      expect(p.msPerIteration).toBe(run!.metrics!.durationMs / 10);
      expect(p.finalCost).toBe(run!.metrics!.finalCost);
    }
    // Summation order differs between implementations, so the curves agree to rounding, not bit for bit.
    expect(points.largestCostDifference).toBeLessThan(1e-9);
  }, 120_000);

  it('seeds: n runs with seeds s…s+n−1 and the spread of their results', async () => {
    const { sweepId, runIds } = await value('sweeps.start', [
      { kind: 'seeds', seeds: 3, base: { ...base, hyperparameters: { ...base.hyperparameters, seed: 5 } } },
    ]);
    await allDone(runIds);
    const view = await value('sweeps.get', [sweepId]);
    const points = pointsOf(view, 'seeds');
    expect(view.runs.map((r: RunSummary) => [r.seed, r.sweepX])).toEqual([
      [5, 5],
      [6, 6],
      [7, 7],
    ]);
    const costs = view.runs.map((r: RunSummary) => r.metrics!.finalCost);
    expect(points.finalCost).toMatchObject({ count: 3, min: Math.min(...costs), max: Math.max(...costs) });
    expect(points.testAccuracy!.count).toBe(3);
  }, 120_000);
});
