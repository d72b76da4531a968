/**
 * The Runs view's filters: lesson runs (runs of a sweep) shown or hidden, tags matched by prefix, and
 * the tags in use offered as suggestions. A real store in a temp folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { openStore } from './open';
import { smallRun, tempDir } from './fixtures';
import type { RunStore } from './types';

let dir: string;
let store: RunStore;

beforeAll(() => {
  dir = tempDir();
  store = openStore(path.join(dir, 'runs.db'));
  const mine = store.createRun(smallRun({}, 'my baseline'));
  const other = store.createRun(smallRun({ lambda: 3 }, 'my λ = 3'));
  store.createRun(smallRun({}, 'untagged'));
  store.setTags(mine, ['experiment-1', 'Ng']);
  store.setTags(other, ['Experiment-2', 'ng', '50%_off']);
  const base = { hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET, values: [0, 1] };
  const sweep = store.createSweep({ kind: 'overfit', base });
  const lesson = store.createRun({
    ...smallRun({ lambda: 0 }, 'Overfitting lesson · no regularization λ = 0'),
    sweep: { id: sweep, x: 0 },
  });
  store.createRun({ ...smallRun({ lambda: 1 }, 'Overfitting lesson · regularized λ = 1'), sweep: { id: sweep, x: 1 } });
  store.setTags(lesson, ['experiment-3']);
});
afterAll(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const names = (q: Parameters<RunStore['listRuns']>[0]) =>
  store.listRuns({ ...q, sort: 'id', order: 'asc' }).map((r) => r.name);

describe('lesson runs', () => {
  it('are hidden by inSweep: false and alone with inSweep: true', () => {
    expect(names({ inSweep: false })).toEqual(['my baseline', 'my λ = 3', 'untagged']);
    expect(names({ inSweep: true })).toEqual([
      'Overfitting lesson · no regularization λ = 0',
      'Overfitting lesson · regularized λ = 1',
    ]);
    expect(names({})).toHaveLength(5);
    expect(store.countRuns({ inSweep: true })).toBe(2);
    expect(store.countRuns({ inSweep: false, tagPrefix: 'exp' })).toBe(2);
  });
  it('refuses an inSweep that is not true or false', () => {
    expect(() => store.listRuns({ inSweep: 'yes' as unknown as boolean })).toThrow(
      'filter.inSweep must be true or false, got yes',
    );
  });
});

describe('tag prefix', () => {
  it('matches tags that start with the text, ignoring case, not ones that merely contain it', () => {
    expect(names({ tagPrefix: 'exp' })).toEqual([
      'my baseline',
      'my λ = 3',
      'Overfitting lesson · no regularization λ = 0',
    ]);
    expect(names({ tagPrefix: 'EXPERIMENT-2' })).toEqual(['my λ = 3']);
    expect(names({ tagPrefix: 'periment' })).toEqual([]);
    // the whole tag is a prefix of itself: the exact filter's runs are found too
    expect(names({ tagPrefix: 'ng' })).toEqual(['my baseline', 'my λ = 3']);
  });
  it('takes % and _ literally and ignores a blank prefix', () => {
    expect(names({ tagPrefix: '50%_' })).toEqual(['my λ = 3']);
    expect(names({ tagPrefix: '5_%' })).toEqual([]);
    expect(names({ tagPrefix: '%' })).toEqual([]);
    expect(names({ tagPrefix: '  ' })).toHaveLength(5);
  });
});

describe('listTags', () => {
  it('lists every tag in use with its run count, most used first, spellings differing in case as one', () => {
    expect(store.listTags()).toEqual([
      { tag: 'Ng', runs: 2 },
      { tag: '50%_off', runs: 1 },
      { tag: 'experiment-1', runs: 1 },
      { tag: 'Experiment-2', runs: 1 },
      { tag: 'experiment-3', runs: 1 },
    ]);
  });
});
