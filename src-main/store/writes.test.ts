import { beforeEach, describe, expect, it } from 'vitest';
import { png, smallResult, smallRun } from './fixtures';
import { type RunStore } from './types';
import { errorOf, useTempStore } from './test-helpers';

let store: RunStore;
useTempStore((opened) => ({ store } = opened));

describe('createRun', () => {
  it('creates queued runs with increasing ids, a default name and the hyperparameters as given', () => {
    const t0 = Date.now();
    const a = store.createRun(smallRun());
    const b = store.createRun(smallRun({ lambda: 3 }, '  λ = 3  '));
    expect([a, b]).toEqual([1, 2]);
    const run = store.getRun(a);
    expect(run.name).toBe('Run 1');
    expect(store.getRun(b).name).toBe('λ = 3');
    expect(run.status).toBe('queued');
    expect(run.createdAt).toBeGreaterThanOrEqual(t0);
    expect(run.createdAt).toBeLessThanOrEqual(Date.now());
    expect([run.startedAt, run.finishedAt, run.failureReason, run.metrics, run.confusion]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(run.hyperparameters).toEqual(smallRun().hyperparameters);
    expect(run.dataset).toEqual({ source: 'mnist', trainSize: 60, validationSize: 20, testSize: 20, dataSeed: 1 });
    expect([run.width, run.height, run.hiddenSize, run.optimizer, run.lambda]).toEqual([4, 4, 3, 'cg', 1]);
    expect([run.historyLength, run.hasWeights, run.snapshots, run.tags, run.notes]).toEqual([0, false, [], [], '']);
  });

  it('rejects bad hyperparameters, datasets and sizes, naming the field', () => {
    expect(errorOf(() => store.createRun(smallRun({ lambda: -1 }))).message).toMatch(
      /^createRun: hyperparameters\.lambda: /,
    );
    expect(
      errorOf(() => store.createRun({ ...smallRun(), dataset: { ...smallRun().dataset, trainSize: 0 } })).message,
    ).toMatch(/^createRun: dataset\.trainSize: /);
    expect(errorOf(() => store.createRun({ ...smallRun(), width: 0 })).message).toBe(
      'createRun: width must be a whole number from 1 to 1000000, got 0',
    );
    expect(errorOf(() => store.createRun(smallRun({}, '   '))).message).toBe('createRun: name must not be empty');
    expect(errorOf(() => store.createRun(smallRun({}, 'x'.repeat(201)))).message).toBe(
      'createRun: name is 201 characters, at most 200 allowed',
    );
    expect(store.countRuns()).toBe(0);
  });
});

describe('a run from queued to finished', () => {
  it('stores progress, snapshots, weights, metrics and confusion, with times in order', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const started = store.getRun(id).startedAt as number;
    expect(started).toBeGreaterThanOrEqual(store.getRun(id).createdAt);
    expect(store.getRun(id).status).toBe('running');

    store.appendProgress(id, [
      { iteration: 1, cost: 3.3, elapsedMs: 10 },
      { iteration: 2, cost: 2.2, elapsedMs: 20.5 },
    ]);
    store.appendProgress(id, []);
    store.appendProgress(id, [{ iteration: 5, cost: 0.5, elapsedMs: 40 }]);
    store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(1), unitPngs: [png(2), png(3), png(4)] });
    store.addSnapshot(id, { index: 1, iteration: 5, gridPng: png(5), unitPngs: [png(6), png(7), png(8)] });
    const live = store.getRun(id);
    expect([live.lastIteration, live.lastCost, live.historyLength]).toEqual([5, 0.5, 3]);

    const result = smallResult();
    store.finishRun(id, result);
    const run = store.getRun(id);
    expect(run.status).toBe('finished');
    expect(run.finishedAt).toBeGreaterThanOrEqual(started);
    expect(run.metrics).toEqual({
      trainAccuracy: 0.95,
      validationAccuracy: 0.9,
      testAccuracy: 0.85,
      finalCost: 0.3123,
      durationMs: 1234.5,
      costEvaluations: 51,
    });
    expect(run.confusion).toEqual(result.confusion);
    expect(run.hasWeights).toBe(true);
    expect(run.snapshots).toEqual([
      { index: 0, iteration: 0, unitCount: 3 },
      { index: 1, iteration: 5, unitCount: 3 },
    ]);
    expect(store.getHistories([id])).toEqual([
      { runId: id, iteration: [1, 2, 5], cost: [3.3, 2.2, 0.5], elapsedMs: [10, 20.5, 40] },
    ]);
    const w = store.getWeights(id);
    expect(w.sizes).toEqual([16, 3, 10]);
    expect(Buffer.from(w.theta.buffer).equals(Buffer.from(result.theta.buffer))).toBe(true);
    expect(Object.is(w.theta[1], -0)).toBe(true);
  });

  it('accepts a validation- and test-less run (null accuracies)', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const r = smallResult();
    store.finishRun(id, { ...r, metrics: { ...r.metrics, validationAccuracy: null, testAccuracy: null } });
    expect(store.getRun(id).metrics).toEqual({
      trainAccuracy: 0.95,
      validationAccuracy: null,
      testAccuracy: null,
      finalCost: 0.3123,
      durationMs: 1234.5,
      costEvaluations: 51,
    });
  });
});

describe('argument checks of the supervisor writes', () => {
  let id: number;
  beforeEach(() => {
    id = store.createRun(smallRun());
    store.markRunning(id);
    store.appendProgress(id, [{ iteration: 3, cost: 1, elapsedMs: 1 }]);
  });

  it('progress must move forward with finite numbers; a bad batch stores nothing', () => {
    expect(errorOf(() => store.appendProgress(id, [{ iteration: 3, cost: 1, elapsedMs: 2 }])).message).toBe(
      `appendProgress: run ${id}: point 1: iteration 3 does not come after iteration 3`,
    );
    expect(
      errorOf(() =>
        store.appendProgress(id, [
          { iteration: 4, cost: 1, elapsedMs: 2 },
          { iteration: 5, cost: NaN, elapsedMs: 3 },
        ]),
      ).message,
    ).toBe(`appendProgress: run ${id}: point 2: cost must be a finite number, got NaN`);
    expect(errorOf(() => store.appendProgress(id, [{ iteration: 4.5, cost: 1, elapsedMs: 2 }])).code).toBe(
      'invalid-argument',
    );
    expect(errorOf(() => store.appendProgress(id, [{ iteration: 4, cost: 1, elapsedMs: -1 }])).message).toMatch(
      /elapsedMs must be a finite number ≥ 0, got -1/,
    );
    expect(store.getRun(id).historyLength).toBe(1);
  });

  it('snapshots need PNG bytes and a new index', () => {
    expect(
      errorOf(() => store.addSnapshot(id, { index: 0, iteration: 0, gridPng: new Uint8Array([1, 2, 3]), unitPngs: [] }))
        .message,
    ).toBe(`addSnapshot: run ${id}: snapshot 0: gridPng is not PNG bytes`);
    expect(
      errorOf(() =>
        store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(0), unitPngs: [png(1), new Uint8Array(0)] }),
      ).message,
    ).toBe(`addSnapshot: run ${id}: snapshot 0: unit 1 is not PNG bytes`);
    store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(0), unitPngs: [] });
    expect(
      errorOf(() => store.addSnapshot(id, { index: 0, iteration: 3, gridPng: png(0), unitPngs: [] })).message,
    ).toBe(`addSnapshot: run ${id} already has snapshot 0`);
  });

  it('the result must fit the run: layer sizes, parameter count, finite Θ, metrics, K×K confusion', () => {
    const r = smallResult();
    expect(errorOf(() => store.finishRun(id, { ...r, sizes: [16, 4, 10] })).message).toBe(
      `finishRun: run ${id}: sizes 16-4-10 do not match the run's network 16-3-K (width×height, hidden layers, classes)`,
    );
    expect(errorOf(() => store.finishRun(id, { ...r, theta: r.theta.subarray(1) })).message).toBe(
      `finishRun: run ${id}: theta has 90 values, layers 16-3-10 need 91`,
    );
    const inf = r.theta.slice();
    inf[7] = Infinity;
    expect(errorOf(() => store.finishRun(id, { ...r, theta: inf })).message).toBe(
      `finishRun: run ${id}: theta[7] is Infinity, weights must be finite`,
    );
    expect(errorOf(() => store.finishRun(id, { ...r, metrics: { ...r.metrics, testAccuracy: 95 } })).message).toBe(
      `finishRun: run ${id}: metrics.testAccuracy must be a fraction in [0, 1] or null, got 95`,
    );
    expect(errorOf(() => store.finishRun(id, { ...r, confusion: r.confusion.slice(1) })).message).toBe(
      `finishRun: run ${id}: confusion must be 10×10 (one row per class), got 9 rows`,
    );
    expect(
      errorOf(() =>
        store.finishRun(id, {
          ...r,
          confusion: r.confusion.map((row, i) => (i === 2 ? [...row.slice(0, 9), -1] : row)),
        }),
      ).message,
    ).toBe(`finishRun: run ${id}: confusion[2][9] must be a count ≥ 0, got -1`);
    expect(store.getRun(id).status).toBe('running');
    expect(store.getRun(id).hasWeights).toBe(false);
  });

  it('ids must be whole numbers ≥ 1 and exist', () => {
    expect(errorOf(() => store.markRunning(0)).message).toBe('run id must be a whole number ≥ 1, got 0');
    expect(errorOf(() => store.markRunning(1.5)).code).toBe('invalid-argument');
    const missing = errorOf(() => store.markRunning(42));
    expect([missing.code, missing.message]).toEqual(['not-found', 'run 42 does not exist']);
    expect(errorOf(() => store.appendProgress(42, [])).message).toBe('run 42 does not exist');
    expect(errorOf(() => store.failRun(42, 'x')).message).toBe('run 42 does not exist');
    expect(errorOf(() => store.failRun(id, '  ')).message).toBe(`failRun: run ${id}: reason must be non-empty text`);
  });
});

describe('state transitions are guarded', () => {
  function finished(): number {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    store.finishRun(id, smallResult());
    return id;
  }

  it('a finished run can never be changed back or written to', () => {
    const id = finished();
    const attempts: [string, () => void][] = [
      ['start', () => store.markRunning(id)],
      ['record progress of', () => store.appendProgress(id, [{ iteration: 99, cost: 1, elapsedMs: 1 }])],
      ['add a snapshot to', () => store.addSnapshot(id, { index: 9, iteration: 9, gridPng: png(0), unitPngs: [] })],
      ['finish', () => store.finishRun(id, smallResult())],
      ['fail', () => store.failRun(id, 'late error')],
      ['cancel', () => store.cancelRun(id)],
    ];
    for (const [action, attempt] of attempts) {
      const e = errorOf(attempt);
      expect(e.code).toBe('invalid-state');
      expect(e.message).toMatch(
        new RegExp(
          `^cannot ${action} run ${id}: it is finished, and only a (queued or )?(running|queued) run allows that$`,
        ),
      );
    }
    expect(store.markInterrupted()).toBe(0);
    expect(store.getRun(id).status).toBe('finished');
  });

  it('a queued run cannot finish or take progress before it starts; it can be cancelled or failed', () => {
    const a = store.createRun(smallRun());
    expect(errorOf(() => store.finishRun(a, smallResult())).message).toBe(
      `cannot finish run ${a}: it is queued, and only a running run allows that`,
    );
    expect(errorOf(() => store.appendProgress(a, [])).code).toBe('invalid-state');
    store.cancelRun(a);
    expect(store.getRun(a).status).toBe('cancelled');
    expect(errorOf(() => store.markRunning(a)).message).toBe(
      `cannot start run ${a}: it is cancelled, and only a queued run allows that`,
    );
    const b = store.createRun(smallRun());
    store.failRun(b, 'dataset file missing');
    expect([store.getRun(b).status, store.getRun(b).failureReason]).toEqual(['failed', 'dataset file missing']);
  });

  it('cancelling a running run keeps its history and snapshots', () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    store.appendProgress(id, [{ iteration: 1, cost: 2, elapsedMs: 3 }]);
    store.addSnapshot(id, { index: 0, iteration: 0, gridPng: png(0), unitPngs: [png(1)] });
    store.cancelRun(id);
    const run = store.getRun(id);
    expect([run.status, run.historyLength, run.snapshots.length, run.hasWeights, run.failureReason]).toEqual([
      'cancelled',
      1,
      1,
      false,
      null,
    ]);
    expect(run.finishedAt).not.toBeNull();
    expect(errorOf(() => store.cancelRun(id)).message).toBe(
      `cannot cancel run ${id}: it is cancelled, and only a queued or running run allows that`,
    );
  });

  it('markInterrupted turns every queued and running run into interrupted, and only those', () => {
    const queued = store.createRun(smallRun());
    const running = store.createRun(smallRun());
    store.markRunning(running);
    const done = finished();
    const failed = store.createRun(smallRun());
    store.failRun(failed, 'boom');
    expect(store.markInterrupted()).toBe(2);
    expect(store.markInterrupted()).toBe(0);
    expect([queued, running, done, failed].map((id) => store.getRun(id).status)).toEqual([
      'interrupted',
      'interrupted',
      'finished',
      'failed',
    ]);
    expect(store.getRun(queued).failureReason).toBe('the app stopped while the run was queued');
    expect(store.getRun(running).failureReason).toBe('the app stopped while the run was running');
    expect(errorOf(() => store.markRunning(queued)).code).toBe('invalid-state');
  });
});

describe('markInterrupted leaves runs of another live process alone', () => {
  it('interrupts a run only once the process that owns it is gone', async () => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    // Hand the run to a real, live process, as if the CLI were training it while the app starts.
    const { spawn } = await import('node:child_process');
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(store.path);
    raw.prepare('UPDATE runs SET owner_pid = ? WHERE id = ?').run(other.pid, id);
    raw.close();

    expect(store.markInterrupted()).toBe(0);
    expect(store.getRun(id).status).toBe('running');

    await new Promise((resolve) => {
      other.once('exit', resolve);
      other.kill('SIGKILL');
    });
    expect(store.markInterrupted()).toBe(1);
    expect(store.getRun(id).status).toBe('interrupted');
  });

  it('asks the given liveness check about the owner, and treats its own pid as a predecessor', () => {
    const id = store.createRun(smallRun());
    const asked: number[] = [];
    expect(store.markInterrupted((pid) => (asked.push(pid), true))).toBe(1);
    // Created by this very process before it started supervising: a run no one is training any more.
    expect(asked).toEqual([]);
    expect(store.getRun(id).status).toBe('interrupted');
  });
});
