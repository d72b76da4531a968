import { describe, expect, it } from 'vitest';
import { differenceLevel, formatGradient, parameterName, rowDifference } from './gradient-view';

describe('gradient check view', () => {
  it('names a weight by its place in Θ(l)', () => {
    expect(parameterName({ layer: 1, row: 4, col: 0 })).toBe('Θ(1)[4][0]');
    expect(parameterName({ layer: 2, row: 0, col: 5 })).toBe('Θ(2)[0][5]');
  });

  it("measures one weight's difference like the whole check", () => {
    expect(rowDifference({ numeric: 0.5, backprop: 0.5 })).toBe(0);
    expect(rowDifference({ numeric: 0, backprop: 0 })).toBe(0);
    // the gradient m = 5 times too large: (5 − 1)/(5 + 1)
    expect(rowDifference({ numeric: 0.1, backprop: 0.5 })).toBeCloseTo(2 / 3, 15);
    expect(rowDifference({ numeric: 0.25, backprop: -0.25 })).toBe(Infinity);
  });

  it('shades by powers of ten: 1e-11 none, 1e-9 (the threshold) 0.2, 1e-1 and worse full', () => {
    expect(differenceLevel(0)).toBe(0);
    expect(differenceLevel(1e-13)).toBe(0);
    expect(differenceLevel(1e-9)).toBeCloseTo(0.2, 12);
    expect(differenceLevel(1e-6)).toBeCloseTo(0.5, 12);
    expect(differenceLevel(0.5)).toBe(1);
    expect(differenceLevel(Infinity)).toBe(1);
    expect(differenceLevel(NaN)).toBe(0);
  });

  it('shows ten significant digits', () => {
    expect(formatGradient(0.0123456789012)).toBe('1.234567890e-2');
    expect(formatGradient(-3)).toBe('-3.000000000e0');
    expect(formatGradient(0)).toBe('0');
  });
});
