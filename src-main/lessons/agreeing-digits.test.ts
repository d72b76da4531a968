import { describe, expect, it } from 'vitest';
import { MAX_AGREEING_DIGITS, agreeingDigits, largestCurveDifference } from './agreeing-digits';

describe('agreeingDigits', () => {
  it('is ⌊−log₁₀ r⌋: 4.98e-9 → 8, 1e-11 → 11, 0.01 → 2, 0.5 → 0', () => {
    expect(agreeingDigits(4.98e-9)).toBe(8);
    expect(agreeingDigits(1e-11)).toBe(11);
    expect(agreeingDigits(0.01)).toBe(2);
    expect(agreeingDigits(0.011)).toBe(1);
    expect(agreeingDigits(0.5)).toBe(0);
    expect(agreeingDigits(3)).toBe(0);
  });

  it('tops out at the 15 digits of a double, also for an exact match', () => {
    expect(MAX_AGREEING_DIGITS).toBe(15);
    expect(agreeingDigits(0)).toBe(15);
    expect(agreeingDigits(1e-17)).toBe(15);
  });

  it('refuses a negative or missing difference', () => {
    expect(() => agreeingDigits(-1)).toThrow('relative difference must be a number ≥ 0, got -1');
    expect(() => agreeingDigits(NaN)).toThrow('got NaN');
  });
});

describe('largestCurveDifference', () => {
  it('compares each curve with the first at shared iterations, absolute and relative to the first', () => {
    const d = largestCurveDifference([
      { iteration: [0, 1, 2], cost: [7, 1.25, 0.5] },
      { iteration: [0, 1, 2], cost: [7, 1.25 + 4.98e-9, 0.5] },
      { iteration: [0, 2, 3], cost: [7, 0.5 + 2e-9, 0.1] }, // iteration 3 is not in the first curve
    ])!;
    expect(d.absolute).toBeCloseTo(4.98e-9, 15);
    expect(d.relative).toBeCloseTo(4e-9, 15); // 2e-9 / 0.5, larger than 4.98e-9 / 1.25 = 3.984e-9
    expect(d.digits).toBe(8); // ⌊−log₁₀ 4e-9⌋ = ⌊8.4⌋
  });

  it('counts curves that agree exactly as 15 digits', () => {
    const c = { iteration: [0, 1], cost: [2, 1] };
    expect(largestCurveDifference([c, c])).toEqual({ absolute: 0, relative: 0, digits: 15 });
  });

  it('has nothing to compare with one curve or no shared iteration', () => {
    expect(largestCurveDifference([{ iteration: [0], cost: [1] }])).toBeNull();
    expect(
      largestCurveDifference([
        { iteration: [0], cost: [1] },
        { iteration: [1], cost: [1] },
      ]),
    ).toBeNull();
  });
});
