/**
 * A split prepared ahead (what a waiting training process does for the default data) is handed to
 * the next loadDataSplit of the same spec, once; it holds the same examples a fresh load gives.
 */
import { describe, expect, it } from 'vitest';
import { parseDatasetSpec } from '../run/hyperparameters';
import { loadDataSplit, prepareDataSplit } from './load';

describe('prepareDataSplit', () => {
  const spec = parseDatasetSpec({});

  it('hands the prepared split to the next load of the same spec, once, equal to a fresh load', () => {
    const ready = prepareDataSplit(spec);
    // The same spec written in another key order, as a start message may carry it.
    const reordered = Object.fromEntries(Object.entries(spec).reverse()) as typeof spec;
    const taken = loadDataSplit(reordered);
    expect(taken === ready).toBe(true);
    const again = loadDataSplit(spec);
    // (Compared by identity as booleans: a failing toBe would diff 60 MB of pixels.)
    expect(again === taken).toBe(false);
    expect(Array.from(again.train.y)).toEqual(Array.from(taken.train.y));
    expect(again.test.X.every((x, i) => x === taken.test.X[i])).toBe(true);
    expect([taken.train.m, taken.validation.m, taken.test.m]).toEqual([5000, 2500, 2500]);
  });

  it('is dropped by a load of another spec, and refuses data other than the bundled digits', () => {
    const ready = prepareDataSplit(spec);
    const other = loadDataSplit({ ...spec, dataSeed: 2 });
    expect(other.train.m).toBe(5000);
    // The prepared one is gone: this load builds afresh.
    expect(loadDataSplit(spec) === ready).toBe(false);
    expect(() => prepareDataSplit({ ...spec, source: 'csv', file: 'x.csv' })).toThrow(
      "only the bundled digits are prepared ahead, not 'csv'",
    );
  });
});
