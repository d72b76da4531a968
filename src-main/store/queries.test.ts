import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from './open';
import { png, smallResult, smallRun, tempDir } from './fixtures';
import { StoreError, type RunStore } from './types';

// Five runs with distinct hyperparameters, statuses, metrics and tags, built once for every query.
let dir: string;
let store: RunStore;
const ids: Record<string, number> = {};

beforeAll(() => {
  dir = tempDir();
  store = openStore(path.join(dir, 'runs.db'));
  const finish = (id: number, trainAccuracy: number, finalCost: number, hidden = [3]) => {
    store.markRunning(id);
    const r = smallResult(hidden);
    store.finishRun(id, { ...r, metrics: { ...r.metrics, trainAccuracy, finalCost } });
  };
  ids.alpha = store.createRun(smallRun({ lambda: 1, hiddenLayers: [3] }, 'alpha baseline'));
  finish(ids.alpha, 0.9, 0.5);
  ids.beta = store.createRun(smallRun({ lambda: 0, hiddenLayers: [25], optimizer: 'lbfgs' }, 'Beta no regularization'));
  finish(ids.beta, 0.99, 0.1, [25]);
  ids.gamma = store.createRun(smallRun({ lambda: 10, hiddenLayers: [50], optimizer: 'sgd' }, 'gamma_high λ'));
  store.markRunning(ids.gamma);
  store.appendProgress(ids.gamma, [
    { iteration: 1, cost: 4, elapsedMs: 5 },
    { iteration: 2, cost: 3, elapsedMs: 9 },
  ]);
  ids.delta = store.createRun(smallRun({ lambda: 3, hiddenLayers: [25, 10] }, 'delta 100%'));
  store.failRun(ids.delta, 'out of memory');
  ids.epsilon = store.createRun(smallRun({ lambda: 0.3, hiddenLayers: [10] }, 'epsilon'));
  store.setTags(ids.alpha, ['ng', 'Baseline']);
  store.setTags(ids.beta, ['NG']);
  store.setTags(ids.epsilon, ['overfit']);
  store.setNotes(ids.epsilon, 'compare with the baseline run');
  store.addSnapshot(ids.gamma, { index: 0, iteration: 0, gridPng: png(10), unitPngs: [png(11), png(12)] });
  store.addSnapshot(ids.gamma, { index: 1, iteration: 2, gridPng: png(20), unitPngs: [png(21), png(22)] });
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = (q: Parameters<RunStore['listRuns']>[0] = {}) => store.listRuns(q).map((r) => r.name);

describe('listRuns', () => {
  it('lists newest first by default and returns summaries', () => {
    expect(names()).toEqual(['epsilon', 'delta 100%', 'gamma_high λ', 'Beta no regularization', 'alpha baseline']);
    const beta = store.listRuns({ text: 'beta' })[0];
    expect(beta).toEqual({
      id: ids.beta,
      name: 'Beta no regularization',
      status: 'finished',
      createdAt: beta.createdAt,
      startedAt: beta.startedAt,
      finishedAt: beta.finishedAt,
      optimizer: 'lbfgs',
      lambda: 0,
      hiddenLayers: [25],
      hiddenSize: 25,
      iterations: 50,
      impl: 'fast',
      init: 'uniform',
      seed: 1,
      trainSize: 60,
      lastIteration: null,
      lastCost: null,
      metrics: {
        trainAccuracy: 0.99,
        validationAccuracy: 0.9,
        testAccuracy: 0.85,
        finalCost: 0.1,
        durationMs: 1234.5,
        costEvaluations: 51,
      },
      tags: ['NG'],
      failureReason: null,
      width: 4,
      height: 4,
      classCount: 10,
      cost: 'cross-entropy',
      activation: 'sigmoid',
      sweepId: null,
      sweepX: null,
    });
    const gamma = store.listRuns({ text: 'gamma' })[0];
    expect([gamma.status, gamma.lastIteration, gamma.lastCost, gamma.metrics]).toEqual(['running', 2, 3, null]);
    expect(store.listRuns({ status: 'failed' })[0].failureReason).toBe('out of memory');
  });

  it('sorts by hyperparameters, metrics and name; runs without a value come last either way', () => {
    expect(names({ sort: 'lambda', order: 'asc' })).toEqual([
      'Beta no regularization',
      'epsilon',
      'alpha baseline',
      'delta 100%',
      'gamma_high λ',
    ]);
    expect(names({ sort: 'hiddenSize', order: 'desc' })).toEqual([
      'gamma_high λ',
      'delta 100%',
      'Beta no regularization',
      'epsilon',
      'alpha baseline',
    ]);
    expect(names({ sort: 'trainAccuracy', order: 'desc' })).toEqual([
      'Beta no regularization',
      'alpha baseline',
      'epsilon',
      'delta 100%',
      'gamma_high λ',
    ]);
    // ties (here: no metrics yet) are broken by id in the same direction
    expect(names({ sort: 'trainAccuracy', order: 'asc' })).toEqual([
      'alpha baseline',
      'Beta no regularization',
      'gamma_high λ',
      'delta 100%',
      'epsilon',
    ]);
    expect(names({ sort: 'finalCost', order: 'asc' }).slice(0, 2)).toEqual([
      'Beta no regularization',
      'alpha baseline',
    ]);
    expect(names({ sort: 'name', order: 'asc' })).toEqual([
      'alpha baseline',
      'Beta no regularization',
      'delta 100%',
      'epsilon',
      'gamma_high λ',
    ]);
    expect(names({ sort: 'layerCount', order: 'desc' })[0]).toBe('delta 100%');
    expect(names({ sort: 'id', order: 'asc' })).toEqual([
      'alpha baseline',
      'Beta no regularization',
      'gamma_high λ',
      'delta 100%',
      'epsilon',
    ]);
  });

  it('filters by status, optimizer, tag (ignoring case, all given), λ and hidden-size ranges', () => {
    expect(names({ status: 'finished', sort: 'id', order: 'asc' })).toEqual([
      'alpha baseline',
      'Beta no regularization',
    ]);
    expect(names({ status: ['running', 'failed'], sort: 'id', order: 'asc' })).toEqual(['gamma_high λ', 'delta 100%']);
    expect(names({ status: [] })).toHaveLength(5);
    expect(names({ optimizer: 'sgd' })).toEqual(['gamma_high λ']);
    expect(names({ optimizer: ['lbfgs', 'sgd'], sort: 'id', order: 'asc' })).toEqual([
      'Beta no regularization',
      'gamma_high λ',
    ]);
    expect(names({ tag: 'ng', sort: 'id', order: 'asc' })).toEqual(['alpha baseline', 'Beta no regularization']);
    expect(names({ tag: ['NG', 'baseline'] })).toEqual(['alpha baseline']);
    expect(names({ tag: 'nope' })).toEqual([]);
    expect(names({ lambda: { min: 0.3, max: 3 }, sort: 'lambda', order: 'asc' })).toEqual([
      'epsilon',
      'alpha baseline',
      'delta 100%',
    ]);
    expect(names({ lambda: { max: 0 } })).toEqual(['Beta no regularization']);
    expect(names({ hiddenSize: { min: 25 }, sort: 'id', order: 'asc' })).toEqual([
      'Beta no regularization',
      'gamma_high λ',
      'delta 100%',
    ]);
    expect(names({ hiddenSize: { min: 10, max: 25 }, lambda: { min: 1 } })).toEqual(['delta 100%']);
  });

  it('searches free text over name, notes and tags, case-insensitively, with % and _ taken literally', () => {
    expect(names({ text: 'BASELINE', sort: 'id', order: 'asc' })).toEqual(['alpha baseline', 'epsilon']);
    expect(names({ text: 'overfit' })).toEqual(['epsilon']);
    expect(names({ text: '100%' })).toEqual(['delta 100%']);
    expect(names({ text: '_' })).toEqual(['gamma_high λ']);
    expect(names({ text: 'λ' })).toEqual(['gamma_high λ']);
    expect(names({ text: '   ' })).toHaveLength(5);
  });

  it('pages with limit and offset', () => {
    expect(names({ sort: 'id', order: 'asc', limit: 2 })).toEqual(['alpha baseline', 'Beta no regularization']);
    expect(names({ sort: 'id', order: 'asc', limit: 2, offset: 2 })).toEqual(['gamma_high λ', 'delta 100%']);
    expect(names({ sort: 'id', order: 'asc', offset: 4 })).toEqual(['epsilon']);
    expect(names({ limit: 0 })).toEqual([]);
    expect(names({ offset: 5 })).toEqual([]);
  });

  it('rejects unknown sort keys, orders, statuses and bad ranges with clear errors', () => {
    const message = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(StoreError);
        return (e as Error).message;
      }
      return 'nothing thrown';
    };
    expect(message(() => store.listRuns({ sort: 'colour' as never }))).toMatch(
      /^sort: unknown key "colour" \(one of id, name, /,
    );
    expect(message(() => store.listRuns({ order: 'up' as never }))).toBe('order must be "asc" or "desc", got "up"');
    expect(message(() => store.listRuns({ status: 'done' as never }))).toBe(
      'filter.status: unknown status "done" (one of queued, running, finished, failed, cancelled, interrupted)',
    );
    expect(message(() => store.listRuns({ lambda: { min: 'a' as never } }))).toBe(
      'filter.lambda.min must be a number, got a',
    );
    expect(message(() => store.listRuns({ limit: -1 }))).toBe('limit must be a whole number ≥ 0, got -1');
  });
});

describe('countRuns', () => {
  it('counts what listRuns would list, ignoring paging', () => {
    expect(store.countRuns()).toBe(5);
    expect(store.countRuns({ status: 'finished' })).toBe(2);
    expect(store.countRuns({ tag: 'NG', lambda: { min: 0.5 } })).toBe(1);
    expect(store.countRuns({ text: 'zzz' })).toBe(0);
  });
});

describe('getRun, getHistories, getSnapshotImages, getWeights', () => {
  it('getRun lists snapshots without image bytes', () => {
    const run = store.getRun(ids.gamma);
    expect(run.snapshots).toEqual([
      { index: 0, iteration: 0, unitCount: 2, validationCost: null, validationAccuracy: null },
      { index: 1, iteration: 2, unitCount: 2, validationCost: null, validationAccuracy: null },
    ]);
    expect(run.historyLength).toBe(2);
    expect(JSON.stringify(run)).not.toMatch(/Png|png/);
    expect(() => store.getRun(99)).toThrow('run 99 does not exist');
  });

  it('getHistories returns several runs at once, in the order asked, empty for runs without progress', () => {
    const a = store.createRun(smallRun({}, 'history'));
    store.markRunning(a);
    store.appendProgress(a, [{ iteration: 0, cost: 7.25, elapsedMs: 0 }]);
    expect(store.getHistories([ids.gamma, a, ids.alpha, ids.gamma])).toEqual([
      { runId: ids.gamma, iteration: [1, 2], cost: [4, 3], elapsedMs: [5, 9] },
      { runId: a, iteration: [0], cost: [7.25], elapsedMs: [0] },
      { runId: ids.alpha, iteration: [], cost: [], elapsedMs: [] },
    ]);
    expect(store.getHistories([])).toEqual([]);
    expect(() => store.getHistories([ids.alpha, 1234])).toThrow('run 1234 does not exist');
    store.deleteRun(a);
  });

  it('getSnapshotImages returns the exact PNG bytes', () => {
    const s = store.getSnapshotImages(ids.gamma, 1);
    expect(s.index).toBe(1);
    expect(s.iteration).toBe(2);
    expect(s.unitCount).toBe(2);
    expect(Buffer.from(s.gridPng).equals(Buffer.from(png(20)))).toBe(true);
    expect(s.unitPngs.map((b) => Buffer.from(b).equals(Buffer.from(png(21 + s.unitPngs.indexOf(b)))))).toEqual([
      true,
      true,
    ]);
    expect(() => store.getSnapshotImages(ids.gamma, 2)).toThrow(`run ${ids.gamma} has no snapshot 2`);
    expect(() => store.getSnapshotImages(99, 0)).toThrow('run 99 does not exist');
  });

  it('getWeights returns Θ for finished runs only', () => {
    expect(store.getWeights(ids.beta).sizes).toEqual([16, 25, 10]);
    expect(store.getWeights(ids.beta).theta).toHaveLength(25 * 17 + 10 * 26);
    expect(() => store.getWeights(ids.gamma)).toThrow(
      `run ${ids.gamma} has no weights: it is running, and weights are kept only when a run finishes`,
    );
  });
});

describe('listing stays away from blobs', () => {
  it('the list query plan reads only the runs table and the tag index', () => {
    const db = new Database(store.path, { readonly: true });
    const plan = db
      .prepare(`EXPLAIN QUERY PLAN SELECT id FROM runs WHERE status IN ('finished') ORDER BY created_at DESC`)
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    db.close();
    expect(plan).not.toMatch(/snapshot|weights|progress/);
  });

  it('a summary names the cost and activation, reading Ng’s where the stored JSON leaves them out', () => {
    const own = openStore(path.join(dir, 'models.db'));
    const ng = own.createRun(smallRun({}, 'ng'));
    const relu = own.createRun(smallRun({ cost: 'quadratic', activation: 'relu', epsilon: 'he' }, 'relu'));
    const byId = new Map(own.listRuns().map((r) => [r.id, [r.cost, r.activation]]));
    expect([byId.get(ng), byId.get(relu)]).toEqual([
      ['cross-entropy', 'sigmoid'],
      ['quadratic', 'relu'],
    ]);
    expect(own.getRun(ng).hyperparameters).not.toHaveProperty('cost');
    own.close();
  });
});
