import { describe, expect, it } from 'vitest';
import { differenceLevel, formatGradient, gradientScale, parameterName, rowShare } from './gradient-view';

describe('gradient check view', () => {
  it('names a weight as the rest of the lab does: Ng’s 1-based Θ(l), bias in column 1, in words', () => {
    expect(parameterName([3, 5, 3], { layer: 1, row: 4, col: 0 })).toBe('Θ(1)[unit 5, bias]');
    expect(parameterName([3, 5, 3], { layer: 1, row: 0, col: 2 })).toBe('Θ(1)[unit 1, input 2]');
    expect(parameterName([3, 5, 3], { layer: 2, row: 0, col: 5 })).toBe('Θ(2)[class 0, unit 5]');
  });

  it('measures each weight against ‖numeric + backprop‖, the denominator of the whole check', () => {
    const rows = [
      { numeric: 0.3, backprop: 0.3 },
      { numeric: 0.2, backprop: 0.2 },
      { numeric: 3e-6, backprop: 3.0000001e-6 },
    ];
    const scale = gradientScale(rows);
    expect(scale).toBeCloseTo(Math.sqrt(0.36 + 0.16), 10); // (0.6)² + (0.4)² + (6e-6)²
    expect(rowShare(rows[0], scale)).toBe(0);
    // differs in its 8th digit, but is tiny against the gradient: no disagreement worth flagging
    expect(rowShare(rows[2], scale)).toBeLessThan(1e-9);
    expect(differenceLevel(rowShare(rows[2], scale))).toBe(0);
  });

  it('gives Infinity to a difference when the scale is 0', () => {
    expect(rowShare({ numeric: 0.25, backprop: -0.25 }, 0)).toBe(Infinity);
    expect(rowShare({ numeric: 0, backprop: 0 }, 0)).toBe(0);
  });

  it('shades by powers of ten from the 1e-9 threshold (none) to 1e-1 (full)', () => {
    expect(differenceLevel(0)).toBe(0);
    expect(differenceLevel(1e-9)).toBe(0);
    expect(differenceLevel(1e-5)).toBeCloseTo(0.5, 12);
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
