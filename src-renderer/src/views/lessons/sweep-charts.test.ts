import { describe, expect, it } from 'vitest';
import type { CurvePoint } from '../../../../src-main/api/table';
import { BAR_LABEL, curveSeries, errorBars, learningCurveConfig, validationCurveConfig } from './sweep-charts';

const one = { runs: 1, trainErrorSd: null, validationErrorSd: null };
const points: CurvePoint[] = [
  { x: 0, trainError: 0.01, validationError: 0.12, ...one },
  { x: 0.1, trainError: 0.02, validationError: 0.09, ...one },
  { x: 10, trainError: 0.2, validationError: null, ...one },
];
// Three seeds per point: errors with their sd over the seeds.
const seeded: CurvePoint[] = [
  { x: 100, trainError: 0.01, validationError: 0.3, runs: 3, trainErrorSd: 0.02, validationErrorSd: 0.05 },
  { x: 1000, trainError: 0.25, validationError: 0.12, runs: 3, trainErrorSd: 0.125, validationErrorSd: null },
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

  it('draws ± 1 sd bars with caps for points from several seeds, clipped at 0 %, and says so in the legend', () => {
    const bars = errorBars(seeded, [1, 2], 'train', (x) => [x - 0.1, x + 0.1]);
    const gap = { x: NaN, y: NaN };
    expect(bars).toEqual([
      { x: 1, y: 0 },
      { x: 1, y: 3 },
      gap,
      { x: 0.9, y: 0 },
      { x: 1.1, y: 0 },
      gap,
      { x: 0.9, y: 3 },
      { x: 1.1, y: 3 },
      gap,
      { x: 2, y: 12.5 },
      { x: 2, y: 37.5 },
      gap,
      { x: 1.9, y: 12.5 },
      { x: 2.1, y: 12.5 },
      gap,
      { x: 1.9, y: 37.5 },
      { x: 2.1, y: 37.5 },
      gap,
    ]);
    // a point without a validation sd gets no bar
    expect(errorBars(seeded, [1, 2], 'validation', (x) => [x, x]).filter((p) => !Number.isNaN(p.y))).toHaveLength(6);
    const config = learningCurveConfig(seeded);
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      'Training error, mean of 3 seeds',
      'Validation error, mean of 3 seeds',
      BAR_LABEL,
      BAR_LABEL,
    ]);
    expect(BAR_LABEL).toBe('bars: ± 1 sd over seeds');
    // one seed: no bars, plain labels
    expect(validationCurveConfig(points, null).data.datasets.map((d) => d.label)).toEqual([
      'Training error',
      'Validation error',
    ]);
  });
});
