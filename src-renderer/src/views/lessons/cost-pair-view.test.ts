import { describe, expect, it } from 'vitest';
import { accuracyBy, measureCurve } from './cost-pair-view';

describe('the cost pair, measured on each run’s own curve', () => {
  const curve = { iteration: [0, 1, 2, 5, 10], cost: [8, 6, 4.5, 3, 1] };

  it('reads J at the last iteration recorded by k, its share of J(Θ₀) and when J first halved', () => {
    expect(measureCurve(curve, 4)).toEqual({ start: 8, iteration: 2, cost: 4.5, remaining: 0.5625, halvedAt: 5 });
    expect(measureCurve(curve, 10)).toEqual({ start: 8, iteration: 10, cost: 1, remaining: 0.125, halvedAt: 5 });
  });

  it('says when J never halved, and has nothing to say about an empty curve', () => {
    expect(measureCurve({ iteration: [0, 1], cost: [2, 1.5] }, 1)?.halvedAt).toBeNull();
    expect(measureCurve({ iteration: [], cost: [] }, 1)).toBeNull();
  });
});

describe('the cost pair: validation accuracy by iteration k', () => {
  const snapshots = [
    { iteration: 0, validationAccuracy: 0.1 },
    { iteration: 5, validationAccuracy: 0.4 },
    { iteration: 7, validationAccuracy: null },
    { iteration: 10, validationAccuracy: 0.7 },
  ];
  it('takes the last snapshot at or before k that has one', () => {
    expect(accuracyBy(snapshots, 8)).toEqual({ iteration: 5, accuracy: 0.4 });
    expect(accuracyBy(snapshots, 10)).toEqual({ iteration: 10, accuracy: 0.7 });
    expect(accuracyBy(snapshots.slice(2), 8)).toBeNull();
  });
});
