import { describe, expect, it } from 'vitest';
import { FALLING_PER_DOUBLING, SLOPE_POINTS, learningCurveVerdict } from './learning-curve-verdict';

const curve = (rows: [number, number, number | null][]) =>
  rows.map(([x, trainError, validationError]) => ({ x, trainError, validationError }));

describe('learningCurveVerdict', () => {
  it('states its thresholds: the last 3 points, a fall of 1 point per doubling of m', () => {
    expect(SLOPE_POINTS).toBe(3);
    expect(FALLING_PER_DOUBLING).toBe(0.01);
  });

  // The lesson's default curve as measured with the CLI (784-25-10, λ = 1, cg 50 iterations, seeds 1–3,
  // means rounded): E_cv 27.3 % at m = 100 down to 8.5 % at m = 2,000 with E_train 2.2 % there.
  it('high variance, still falling: more data helps', () => {
    const v = learningCurveVerdict(
      curve([
        [100, 0, 0.273],
        [500, 0.003, 0.132],
        [1000, 0.008, 0.104],
        [2000, 0.022, 0.085],
      ]),
    )!;
    expect(v.diagnosis).toBe('high-variance');
    expect(v.largestM).toBe(2000);
    expect(v.gap).toBeCloseTo(0.063, 12); // 0.085 − 0.022 ≥ 0.022
    // log₂ 500, log₂ 1000, log₂ 2000 are one apart, so the least-squares slope is (0.085 − 0.132) / 2.
    expect(v.slopePerDoubling).toBeCloseTo(-0.0235, 12);
    expect(v.slopePoints).toBe(3);
    expect(v.stillFalling).toBe(true);
    expect(v.moreDataHelps).toBe('yes');
  });

  it('high bias, flat: more data does not help', () => {
    const v = learningCurveVerdict(
      curve([
        [1000, 0.1, 0.12],
        [2000, 0.11, 0.118],
        [4000, 0.112, 0.117],
      ]),
    )!;
    expect(v.diagnosis).toBe('high-bias'); // gap 0.005 < E_train 0.112
    expect(v.slopePerDoubling).toBeCloseTo(-0.0015, 12);
    expect(v.stillFalling).toBe(false);
    expect(v.moreDataHelps).toBe('no');
  });

  it('high variance but flat, or high bias but falling: a little', () => {
    const flat = learningCurveVerdict(
      curve([
        [1000, 0.01, 0.2],
        [2000, 0.01, 0.195],
        [4000, 0.01, 0.195],
      ]),
    )!;
    expect([flat.diagnosis, flat.stillFalling, flat.moreDataHelps]).toEqual(['high-variance', false, 'little']);
    const falling = learningCurveVerdict(
      curve([
        [1000, 0.1, 0.2],
        [2000, 0.1, 0.18],
        [4000, 0.1, 0.16],
      ]),
    )!;
    expect(falling.slopePerDoubling).toBeCloseTo(-0.02, 12);
    expect([falling.diagnosis, falling.stillFalling, falling.moreDataHelps]).toEqual(['high-bias', true, 'little']);
  });

  it('a gap equal to E_train is high variance; a fall of 1 point per doubling is still falling', () => {
    const v = learningCurveVerdict(
      curve([
        [1024, 0.25, 0.5],
        [2048, 0.245, 0.49],
      ]),
    )!;
    expect(v.gap).toBeCloseTo(0.245, 12);
    expect(v.diagnosis).toBe('high-variance');
    expect(v.slopePoints).toBe(2);
    expect(v.stillFalling).toBe(true);
  });

  it('sorts by m, skips points without a validation error, and needs two', () => {
    const v = learningCurveVerdict(
      curve([
        [2000, 0.02, 0.08],
        [50, 0, null],
        [1000, 0.01, 0.1],
      ]),
    )!;
    expect(v.largestM).toBe(2000);
    expect(v.slopePerDoubling).toBeCloseTo(-0.02, 12);
    expect(learningCurveVerdict(curve([[1000, 0.01, 0.1]]))).toBeNull();
    expect(learningCurveVerdict([])).toBeNull();
  });
});
