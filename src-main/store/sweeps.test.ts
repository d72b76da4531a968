import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { smallResult, smallRun } from './fixtures';
import { type NewSweep, type RunStore } from './types';
import { errorOf, useTempStore } from './test-helpers';

let store: RunStore;
useTempStore((opened) => ({ store } = opened));

const setup = (values: number[] = [0, 0.1, 1]): NewSweep['base'] => ({
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3] },
  dataset: { ...DEFAULT_DATASET, trainSize: 60, validationSize: 20, testSize: 20 },
  values,
});

describe('sweeps', () => {
  it('groups runs created into a sweep, lists them in x order and counts them by status', () => {
    const sweepId = store.createSweep({ kind: 'validation-curve', name: '  λ sweep  ', base: setup() });
    // Created out of x order: the sweep still lists them by x.
    const big = store.createRun({ ...smallRun({ lambda: 1 }), sweep: { id: sweepId, x: 1 } });
    const zero = store.createRun({ ...smallRun({ lambda: 0 }), sweep: { id: sweepId, x: 0 } });
    const mid = store.createRun({ ...smallRun({ lambda: 0.1 }), sweep: { id: sweepId, x: 0.1 } });
    const outside = store.createRun(smallRun());
    store.markRunning(zero);
    store.finishRun(zero, smallResult());
    store.failRun(mid, 'stopped');

    const detail = store.getSweep(sweepId);
    expect(detail).toEqual({
      id: sweepId,
      kind: 'validation-curve',
      name: 'λ sweep',
      createdAt: detail.createdAt,
      runCount: 3,
      finishedCount: 1,
      activeCount: 1,
      base: setup(),
      runIds: [zero, mid, big],
    });
    expect(Math.abs(detail.createdAt - Date.now())).toBeLessThan(10_000);
    expect(store.listRuns({ sweepId, sort: 'lambda', order: 'asc' }).map((r) => [r.id, r.sweepId, r.sweepX])).toEqual([
      [zero, sweepId, 0],
      [mid, sweepId, 0.1],
      [big, sweepId, 1],
    ]);
    expect(store.getRun(outside)).toMatchObject({ sweepId: null, sweepX: null });
    expect(store.countRuns({ sweepId })).toBe(3);
  });

  it('names an unnamed sweep after its id and lists sweeps newest first', () => {
    const a = store.createSweep({ kind: 'seeds', base: setup([1, 2, 3]) });
    const b = store.createSweep({ kind: 'symmetry', base: setup([0, 1]) });
    expect(store.listSweeps().map((s) => [s.id, s.name, s.kind, s.runCount, s.finishedCount, s.activeCount])).toEqual([
      [b, `Sweep ${b}`, 'symmetry', 0, 0, 0],
      [a, `Sweep ${a}`, 'seeds', 0, 0, 0],
    ]);
    expect(store.getSweep(a).runIds).toEqual([]);
  });

  it('deleting a sweep keeps its runs, which lose their sweep and x; deleting a run leaves the sweep', () => {
    const sweepId = store.createSweep({ kind: 'overfit', base: setup([0, 1]) });
    const [a, b] = [0, 1].map((x) => store.createRun({ ...smallRun({ lambda: x }), sweep: { id: sweepId, x } }));
    store.deleteRun(a);
    expect(store.getSweep(sweepId).runIds).toEqual([b]);
    store.deleteSweep(sweepId);
    expect(store.getRun(b)).toMatchObject({ sweepId: null, sweepX: null, status: 'queued' });
    expect(store.listSweeps()).toEqual([]);
    expect(errorOf(() => store.getSweep(sweepId))).toMatchObject({
      code: 'not-found',
      message: `sweep ${sweepId} does not exist`,
    });
    expect(errorOf(() => store.deleteSweep(sweepId)).code).toBe('not-found');
  });

  it('refuses a run for a sweep that does not exist or with an x that is not a finite number', () => {
    expect(errorOf(() => store.createRun({ ...smallRun(), sweep: { id: 99, x: 0 } }))).toMatchObject({
      code: 'not-found',
      message: 'sweep 99 does not exist',
    });
    const sweepId = store.createSweep({ kind: 'seeds', base: setup([1]) });
    expect(errorOf(() => store.createRun({ ...smallRun(), sweep: { id: sweepId, x: NaN } })).message).toBe(
      'createRun: sweep.x must be a finite number, got NaN',
    );
    expect(errorOf(() => store.createRun({ ...smallRun(), sweep: { id: 0, x: 1 } })).message).toBe(
      'createRun: sweep.id must be a whole number ≥ 1, got 0',
    );
    expect(store.countRuns()).toBe(0);
  });

  it.each<[string, unknown, string]>([
    [
      'an unknown kind',
      { kind: 'grid', base: setup() },
      'createSweep: kind must be one of validation-curve, learning-curve, seeds, symmetry, implementations, overfit, got grid',
    ],
    ['no base', { kind: 'seeds' }, 'createSweep: base must be {hyperparameters, dataset, values}'],
    [
      'a bad λ',
      { kind: 'seeds', base: { ...setup(), hyperparameters: { ...setup().hyperparameters, lambda: -1 } } },
      'createSweep: base.hyperparameters.lambda:',
    ],
    [
      'a bad dataset',
      { kind: 'seeds', base: { ...setup(), dataset: { source: 'mnist' } } },
      'createSweep: base.dataset.trainSize:',
    ],
    ['no values', { kind: 'seeds', base: setup([]) }, 'createSweep: base.values must be a list of 1 to 1000 numbers'],
    [
      'a NaN value',
      { kind: 'seeds', base: setup([1, NaN]) },
      'createSweep: base.values[1] must be a finite number, got NaN',
    ],
    ['an empty name', { kind: 'seeds', name: ' ', base: setup() }, 'createSweep: name must not be empty'],
  ])('refuses a sweep with %s', (_, input, message) => {
    const e = errorOf(() => store.createSweep(input as NewSweep));
    expect(e.code).toBe('invalid-argument');
    expect(e.message.startsWith(message)).toBe(true);
    expect(store.listSweeps()).toEqual([]);
  });
});
