import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { decode } from 'fast-png';
import { FINAL_STATUSES } from '../run/record';
import { initialTheta } from '../nn/init';
import { spawnNodeWorker } from './node-worker';
import type { SupervisorEvent } from './supervisor';
import { REPO_ROOT } from './testing/build-worker';
import { integrityCheck, longRun, labPerTest, quickRun, statusOf, until } from './testing/harness';

const labs = labPerTest();

const progressOf = (events: SupervisorEvent[], runId: number) =>
  events.flatMap((e) => (e.type === 'progress' && e.runId === runId ? e.points.map((p) => p.iteration) : []));

describe('Supervisor with real training processes', () => {
  it('runs four runs two at a time, FIFO, and keeps complete histories and images of all four', async () => {
    const lab = labs.open({ concurrency: 2 });
    const { supervisor, store, events } = lab;
    // Runs 1 and 2 are the same network from the same seed; 3 and 4 start elsewhere.
    const ids = [1, 1, 2, 3].map((seed, i) => supervisor.start({ ...quickRun({ seed }), name: `run ${i + 1}` }));

    expect(supervisor.activeRuns()).toEqual({ running: ids.slice(0, 2), queued: ids.slice(2) });
    expect(ids.map((id) => store.getRun(id).status)).toEqual(['running', 'running', 'queued', 'queued']);
    expect(store.getRun(ids[2]).startedAt).toBeNull();

    await Promise.all(ids.map((id) => lab.waitFor(`run ${id} finished`, statusOf(id, 'finished'))));

    // Replaying the status events: never more than two running, and 3 and 4 start in order.
    let running = 0;
    let most = 0;
    const starts: number[] = [];
    for (const e of events) {
      if (e.type !== 'status') continue;
      if (e.status === 'running') {
        running++;
        starts.push(e.runId);
      } else if (FINAL_STATUSES.includes(e.status)) running--;
      most = Math.max(most, running);
    }
    expect(most).toBe(2);
    expect(starts).toEqual(ids);
    const firstEnd = events.findIndex((e) => e.type === 'status' && e.status === 'finished');
    const thirdStart = events.findIndex(statusOf(ids[2], 'running'));
    expect(thirdStart).toBeGreaterThan(firstEnd);

    const histories = store.getHistories(ids);
    for (const [i, id] of ids.entries()) {
      const run = store.getRun(id);
      expect(run.status).toBe('finished');
      expect([run.width, run.height, run.hiddenLayers]).toEqual([28, 28, [25]]);
      // J(Θ₀) at iteration 0, then one point per CG iteration, stored exactly as the events said.
      expect(histories[i].iteration).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(progressOf(events, id)).toEqual(histories[i].iteration);
      expect(run.historyLength).toBe(11);
      // CG never increases J; a small random Θ₀ starts near 10·ln 2 ≈ 6.93 (ten outputs at ½).
      const cost = histories[i].cost;
      expect(cost.every((c, k) => k === 0 || c <= cost[k - 1])).toBe(true);
      expect(cost[0]).toBeGreaterThan(6.5);
      expect(cost[0]).toBeLessThan(7.5);
      expect(run.metrics!.finalCost).toBe(cost[10]);
      // Start, then 10 iterations ≤ 20 snapshots: one per iteration.
      expect(run.snapshots.map((s) => s.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(run.snapshots.map((s) => s.unitCount)).toEqual(new Array(11).fill(25));
      // J_cv and validation accuracy came through the process into the store at every snapshot; the last
      // is the final Θ's, as the run's metrics say.
      expect(run.snapshots.every((s) => s.validationCost! > 0 && Number.isFinite(s.validationCost))).toBe(true);
      expect(run.snapshots[0].validationCost).toBeGreaterThan(6.5);
      expect(run.snapshots[10].validationAccuracy).toBe(run.metrics!.validationAccuracy);
      const images = store.getSnapshotImages(id, 10);
      const grid = decode(images.gridPng);
      // 25 units in 5 rows of 5 tiles of 28×28 with 1-pixel borders: 1 + 5·29 = 146.
      expect([grid.width, grid.height, grid.channels]).toEqual([146, 146, 1]);
      expect(decode(images.unitPngs[24]).width).toBe(28);
      expect(run.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(100);
      expect(run.metrics!.costEvaluations).toBeGreaterThan(10);
    }
    // The same seed in two processes gives the same Θ, bit for bit; another seed does not.
    expect(store.getWeights(ids[1]).theta).toEqual(store.getWeights(ids[0]).theta);
    expect(store.getWeights(ids[2]).theta).not.toEqual(store.getWeights(ids[0]).theta);
    // Θ₀ travels from the worker process to the store: seed 1's uniform start, bit for bit.
    const { init, epsilon, seed } = store.getRun(ids[0]).hyperparameters;
    expect(seed).toBe(1);
    expect(init).toBe('uniform');
    expect(store.getWeights(ids[0]).initialTheta).toEqual(
      initialTheta([784, 25, 10], { init: 'uniform', epsilon, seed }),
    );
    expect(
      events
        .filter((e) => e.type === 'done')
        .map((e) => e.runId)
        .sort(),
    ).toEqual([...ids].sort());
    // A slot frees when its process has exited, just after the run is stored.
    await until('every process to exit', () => supervisor.activeRuns().running.length === 0);
  }, 120_000);

  it('starts runs marked alone one after another, each with no other run beside it', async () => {
    const lab = labs.open({ concurrency: 3 });
    const { supervisor, events } = lab;
    const ids = [
      supervisor.start({ ...quickRun({ seed: 1 }), name: 'alone 1', alone: true }),
      supervisor.start({ ...quickRun({ seed: 2 }), name: 'alone 2', alone: true }),
      supervisor.start({ ...quickRun({ seed: 3 }), name: 'with others' }),
    ];
    expect(supervisor.activeRuns()).toEqual({ running: [ids[0]], queued: ids.slice(1) });
    await Promise.all(ids.map((id) => lab.waitFor(`run ${id} finished`, statusOf(id, 'finished'))));
    // Replaying the status events: each starts only after the one before it has finished.
    const order = events
      .filter((e) => e.type === 'status' && (e.status === 'running' || e.status === 'finished'))
      .map((e) => `${e.runId} ${(e as { status: string }).status}`);
    expect(order).toEqual(ids.flatMap((id) => [`${id} running`, `${id} finished`]));
  }, 120_000);

  it('fails a run whose worker is killed with SIGKILL and finishes the others; the file stays sound', async () => {
    const lab = labs.open({ concurrency: 3 });
    const { supervisor, store } = lab;
    const [a, b, c] = [quickRun(), longRun(), quickRun({ seed: 2 })].map((r) => supervisor.start(r));
    await lab.waitFor(
      'progress of the long run',
      (e) => e.type === 'progress' && e.runId === b && e.points.at(-1)!.iteration >= 2,
    );
    process.kill(lab.spawned[1].pid!, 'SIGKILL');

    const failed = await lab.waitFor('the killed run to fail', statusOf(b, 'failed'));
    expect(failed).toEqual({
      type: 'status',
      runId: b,
      status: 'failed',
      reason: 'training process exited with signal SIGKILL before training ended',
    });
    await Promise.all([a, c].map((id) => lab.waitFor(`run ${id} finished`, statusOf(id, 'finished'))));
    expect(store.getRun(b).failureReason).toBe('training process exited with signal SIGKILL before training ended');
    expect(store.getRun(b).historyLength).toBeGreaterThanOrEqual(3);
    expect([a, c].map((id) => store.getRun(id).status)).toEqual(['finished', 'finished']);
    expect(integrityCheck(lab.dbPath)).toBe('ok');
  }, 120_000);

  it('cancels a running run within a second and keeps its history so far', async () => {
    const lab = labs.open();
    const { supervisor, store, events } = lab;
    const id = supervisor.start(longRun());
    await lab.waitFor(
      'some progress',
      (e) => e.type === 'progress' && e.runId === id && e.points.at(-1)!.iteration >= 3,
    );

    const asked = Date.now();
    expect(supervisor.cancel(id)).toBe(true);
    await lab.waitFor('the cancelled status', statusOf(id, 'cancelled'), 1000);
    expect(Date.now() - asked).toBeLessThan(1000);

    const run = store.getRun(id);
    expect(run.status).toBe('cancelled');
    expect(run.hasWeights).toBe(false);
    const [history] = store.getHistories([id]);
    expect(history.iteration).toEqual(progressOf(events, id));
    expect(history.iteration.slice(0, 4)).toEqual([0, 1, 2, 3]);
    expect(run.snapshots[0]).toMatchObject({ index: 0, iteration: 0, unitCount: 25 });
    expect(supervisor.cancel(id)).toBe(false);
  });

  it('cancels a queued run without ever starting it', async () => {
    const lab = labs.open({ concurrency: 1 });
    const { supervisor, store, events } = lab;
    const first = supervisor.start(longRun());
    const second = supervisor.start(quickRun());
    expect(store.getRun(second).status).toBe('queued');

    expect(supervisor.cancel(second)).toBe(true);
    const run = store.getRun(second);
    expect([run.status, run.startedAt, run.historyLength]).toEqual(['cancelled', null, 0]);
    expect(supervisor.activeRuns()).toEqual({ running: [first], queued: [] });

    supervisor.cancel(first);
    await lab.waitFor('the first run cancelled', statusOf(first, 'cancelled'));
    expect(
      events.filter((e) => e.type === 'status' && e.runId === second).map((e) => (e as { status: string }).status),
    ).toEqual(['queued', 'cancelled']);
    expect(lab.spawned).toHaveLength(1);
  });

  it('fails a run whose data file is missing with the data error as the reason', async () => {
    const lab = labs.open();
    const file = join(lab.dir, 'no-such-digits.csv');
    const id = lab.supervisor.start({
      ...quickRun(),
      dataset: { ...quickRun().dataset, source: 'csv', file },
      width: 28,
      height: 28,
    });
    const e = await lab.waitFor('the run to fail', statusOf(id, 'failed'));
    expect(e).toEqual({ type: 'status', runId: id, status: 'failed', reason: `${file}: file not found` });
    expect(lab.store.getRun(id).failureReason).toBe(`${file}: file not found`);
  });

  it('close() cancels queued and running runs and waits for their processes to end', async () => {
    const lab = labs.open({ concurrency: 1 });
    const { supervisor, store } = lab;
    const running = supervisor.start(longRun());
    const queued = supervisor.start(longRun());
    await lab.waitFor('the first run training', (e) => e.type === 'progress' && e.runId === running);
    const pid = lab.spawned[0].pid!;

    await supervisor.close();
    expect([store.getRun(running).status, store.getRun(queued).status]).toEqual(['cancelled', 'cancelled']);
    expect(supervisor.activeRuns()).toEqual({ running: [], queued: [] });
    expect(() => process.kill(pid, 0)).toThrow();
    expect(() => supervisor.start(quickRun())).toThrow('the supervisor is closed: no new runs can start');
  });
});

describe('Supervisor against misbehaving training processes', () => {
  const misbehaving = join(REPO_ROOT, 'src-main/training/testing/misbehaving-worker.cjs');
  const labWith = (mode: string, gracePeriodMs?: number) =>
    labs.open(
      {
        spawn: (p) => spawnNodeWorker(p, { env: { BACKPROP_MISBEHAVE: mode } }),
        ...(gracePeriodMs ? { gracePeriodMs } : {}),
      },
      misbehaving,
    );

  it('kills a process that ignores cancel after the grace period; the run is cancelled', async () => {
    const lab = labWith('ignore-cancel', 300);
    const id = lab.supervisor.start(longRun());
    await lab.waitFor('progress', (e) => e.type === 'progress' && e.runId === id && e.points[0].iteration >= 2);
    const asked = Date.now();
    lab.supervisor.cancel(id);
    await lab.waitFor('the cancelled status', statusOf(id, 'cancelled'), 2000);
    expect(Date.now() - asked).toBeGreaterThanOrEqual(290);
    expect(lab.store.getRun(id).historyLength).toBeGreaterThanOrEqual(2);
  });

  it('fails a run on a malformed message, naming the field, and stops its process', async () => {
    const lab = labWith('bad-message');
    const id = lab.supervisor.start(quickRun());
    const e = await lab.waitFor('the run to fail', statusOf(id, 'failed'));
    expect(e.type === 'status' && e.reason).toMatch(
      /^invalid message from the training process \(progress\): points\.0\.cost: /,
    );
    await until('the process to be killed', () => lab.supervisor.activeRuns().running.length === 0);
  });

  it('fails a run whose process exits on its own, with the exit code', async () => {
    const lab = labWith('exit-3');
    const id = lab.supervisor.start(quickRun());
    const e = await lab.waitFor('the run to fail', statusOf(id, 'failed'));
    expect(e).toMatchObject({ reason: 'training process exited with code 3 before training ended' });
  });

  it('refuses bad requests before creating a run', () => {
    const lab = labWith('exit-3');
    const { supervisor, store } = lab;
    expect(() =>
      supervisor.start({ ...quickRun(), dataset: { ...quickRun().dataset, source: 'idx', file: '/x.idx' } }),
    ).toThrow("width and height of the images are needed for dataset source 'idx'");
    expect(() => supervisor.start({ ...quickRun(), width: 28 })).toThrow(
      'width and height must both be whole numbers ≥ 1, got 28×undefined',
    );
    expect(() => supervisor.start(quickRun({ init: 'file' }))).toThrow(
      "hyperparameters.init is 'file' but no initial weights",
    );
    expect(() => supervisor.start({ ...quickRun(), initialThetas: [] })).toThrow(
      "initial weights were given but hyperparameters.init is 'uniform'",
    );
    expect(() => supervisor.start(quickRun({ lambda: -1 }))).toThrow(/^hyperparameters: lambda: /);
    expect(store.countRuns()).toBe(0);
  });
});
