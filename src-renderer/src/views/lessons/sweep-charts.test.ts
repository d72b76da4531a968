import { describe, expect, it } from 'vitest';
import { curveSeries, seedStripConfig, validationCurveConfig } from './sweep-charts';

const points = [
  { x: 0, trainError: 0.01, validationError: 0.12, runs: 1 },
  { x: 0.1, trainError: 0.02, validationError: 0.09, runs: 1 },
  { x: 10, trainError: 0.2, validationError: null, runs: 1 },
];

describe('sweep charts', () => {
  it('plots errors in percent and leaves out missing validation errors', () => {
    expect(curveSeries(points, [1, 2, 3])).toEqual({
      train: [
        { x: 1, y: 1 },
        { x: 2, y: 2 },
        { x: 3, y: 20 },
      ],
      validation: [
        { x: 1, y: 12 },
        { x: 2, y: 9 },
      ],
    });
  });

  it('puts λ on the log-ish axis and rings the best λ at its validation error', () => {
    const config = validationCurveConfig(points, points[1]);
    const [train, validation, best] = config.data.datasets;
    expect(train.data).toEqual([
      { x: -2, y: 1 },
      { x: -1, y: 2 },
      { x: 1, y: 20 },
    ]);
    expect(validation.data).toHaveLength(2);
    expect(best.label).toBe('Best λ = 0.1');
    expect(best.data).toEqual([{ x: -1, y: 9 }]);
  });

  it('draws no best marker when there is none', () => {
    expect(validationCurveConfig(points, null).data.datasets).toHaveLength(2);
    expect(validationCurveConfig([], null).data.datasets).toHaveLength(2);
  });

  it('strips seeds per set, nudged apart, with a mean bar per set', () => {
    const results = [
      { seed: 1, finalCost: 0.3, trainAccuracy: 0.95, validationAccuracy: 0.9, testAccuracy: null },
      { seed: 2, finalCost: 0.32, trainAccuracy: 0.97, validationAccuracy: 0.92, testAccuracy: null },
    ];
    const spread = (mean: number) => ({ count: 2, min: 0, max: 1, mean, standardDeviation: 0, median: mean });
    const config = seedStripConfig(results, [spread(0.96), spread(0.91), null]);
    const [train, validation, test, means] = config.data.datasets;
    expect(train.data).toEqual([
      { x: -0.18, y: 95 },
      { x: 0.18, y: 97 },
    ]);
    expect((validation.data as { x: number }[]).map((p) => p.x)).toEqual([1 - 0.18, 1.18]);
    expect(test.data).toEqual([]);
    expect((means.data as { y: number }[]).filter((p) => !Number.isNaN(p.y)).map((p) => p.y)).toEqual([96, 96, 91, 91]);
  });
});
