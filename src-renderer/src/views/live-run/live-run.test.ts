/**
 * A followed run's curves: stored history and live events merged by iteration, each point once, in order,
 * with the newest event's pace and accuracy kept. Literal histories and events, as the API sends them.
 */
import { describe, expect, it } from 'vitest';
import type { RunDetail } from '../../../../src-main/api/table';
import { LiveRun } from './live-run.svelte';

/** The fields of a stored run that LiveRun reads; the rest of RunDetail plays no part here. */
function detail(over: Partial<RunDetail> = {}): RunDetail {
  return {
    id: 7,
    name: 'λ = 1',
    status: 'running',
    failureReason: null,
    metrics: null,
    snapshots: [],
    startedAt: 1000,
    finishedAt: null,
    iterations: 10,
    dataset: { source: 'mnist', trainSize: 50, validationSize: 10, testSize: 10, dataSeed: 1 },
    ...over,
  } as RunDetail;
}

const snapshot = (index: number, iteration: number, validationCost: number | null, validationAccuracy: number | null) =>
  ({ index, iteration, validationCost, validationAccuracy }) as RunDetail['snapshots'][number];

const history = (iteration: number[], cost: number[], elapsedMs: number[]) => ({ iteration, cost, elapsedMs });

describe('LiveRun merges stored history and live events by iteration', () => {
  it('events that arrive while the history loads stay after it, the one both hold counted once', () => {
    const run = new LiveRun(7, 0);
    // run.progress events for iterations 3 and 4 come before the stored history (0…3) answers.
    run.addPoint(3, 0.9, 30);
    run.addPoint(4, 0.8, 40);
    run.load(detail(), history([0, 1, 2, 3], [2, 1.5, 1.2, 0.9], [0, 10, 20, 30]));
    expect(run.points).toEqual([
      { x: 0, y: 2 },
      { x: 1, y: 1.5 },
      { x: 2, y: 1.2 },
      { x: 3, y: 0.9 },
      { x: 4, y: 0.8 },
    ]);
    expect([run.lastIteration, run.lastCost]).toEqual([4, 0.8]);
    // The pace is the newest event's: 40 ms at iteration 4, not the history's 30 ms at iteration 3.
    expect(run.elapsedMs).toBe(40);
    expect(run.fraction).toBe(0.4);
  });

  it('an event older than the last point is dropped; a newer one is appended', () => {
    const run = new LiveRun(7, 0);
    run.load(detail(), history([0, 1, 2], [2, 1.5, 1.2], [0, 10, 20]));
    expect(run.addPoint(2, 1.2, 20)).toBe(false);
    expect(run.addPoint(1, 9, 99)).toBe(false);
    expect(run.addPoint(3, 1.1, 31)).toBe(true);
    expect(run.points.map((p) => p.x)).toEqual([0, 1, 2, 3]);
    expect([run.lastIteration, run.lastCost, run.elapsedMs]).toEqual([3, 1.1, 31]);
  });

  it('a reload after a reconnect (a longer history) fills the gap without doubling a point', () => {
    const run = new LiveRun(7, 0);
    run.load(detail(), history([0, 1], [2, 1.5], [0, 10]));
    run.addPoint(2, 1.2, 20);
    // Iterations 3…5 were sent while the stream was down; the store has them.
    run.load(detail(), history([0, 1, 2, 3, 4, 5], [2, 1.5, 1.2, 1.1, 1.0, 0.95], [0, 10, 20, 30, 40, 50]));
    expect(run.points.map((p) => [p.x, p.y])).toEqual([
      [0, 2],
      [1, 1.5],
      [2, 1.2],
      [3, 1.1],
      [4, 1.0],
      [5, 0.95],
    ]);
    expect([run.lastIteration, run.elapsedMs]).toEqual([5, 50]);
  });

  it("J_cv: the stored snapshots, then a newer snapshot event's point and accuracy; a snapshot without J_cv adds none", () => {
    const run = new LiveRun(7, 0);
    expect(run.addValidation(10, 0.7, 0.9)).toBe(true);
    expect(run.addValidation(12, null, null)).toBe(false);
    run.load(detail({ snapshots: [snapshot(0, 0, 1.1, 0.5), snapshot(1, 5, 0.8, 0.8)] }), undefined);
    expect(run.validation).toEqual([
      { x: 0, y: 1.1 },
      { x: 5, y: 0.8 },
      { x: 10, y: 0.7 },
    ]);
    expect(run.validationAccuracy).toBe(0.9);
    expect(run.snapshot).toEqual({ index: 1, iteration: 5 });
  });

  it("takes the store's status, failure and snapshot, keeping a newer snapshot an event already brought", () => {
    const run = new LiveRun(7, 0);
    run.snapshot = { index: 3, iteration: 9 };
    run.load(
      detail({
        status: 'failed',
        failureReason: 'training process exited with code 1',
        snapshots: [snapshot(1, 5, null, null)],
      }),
      undefined,
    );
    expect([run.status, run.failureReason, run.active]).toEqual([
      'failed',
      'training process exited with code 1',
      false,
    ]);
    expect(run.snapshot).toEqual({ index: 3, iteration: 9 });
    expect(run.remainingMs()).toBeNull();
  });

  it('names and counts a run before its detail arrives', () => {
    const run = new LiveRun(12, 2);
    expect([run.name, run.total, run.fraction, run.started, run.active]).toEqual(['Run 12', 0, 0, false, true]);
  });
});
