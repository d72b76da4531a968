import { describe, expect, it } from 'vitest';
import {
  estimateRemainingMs,
  formatCost,
  formatCount,
  formatDuration,
  formatGap,
  formatLayers,
  formatLinearTick,
  formatLogTick,
  formatNumber,
  formatPercent,
  formatScientific,
  formatShortTime,
  formatTime,
} from './format';

describe('formatCost', () => {
  it("keeps the six decimals of Ng's J values", () => {
    expect(formatCost(0.287629165161319)).toBe('0.287629');
    expect(formatCost(0.383769859090924)).toBe('0.383770');
    expect(formatCost(0)).toBe('0.000000');
  });
  it('switches to powers of ten below 0.001 so an overfit cost is not shown as 0', () => {
    expect(formatCost(0.00012345)).toBe('1.2 × 10⁻⁴');
    // the walkthrough's Final J, which wrapped as "5.6659e-9"
    expect(formatCost(5.6659e-9)).toBe('5.7 × 10⁻⁹');
  });
  it('shows missing and non-finite values', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(undefined)).toBe('—');
    expect(formatCost(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatCost(Number.NaN)).toBe('NaN');
  });
});

describe('formatScientific', () => {
  it('writes a mantissa times a power of ten with superscript digits', () => {
    expect(formatScientific(5.6659e-9)).toBe('5.7 × 10⁻⁹');
    expect(formatScientific(5.6659e-9, 4)).toBe('5.666 × 10⁻⁹');
    expect(formatScientific(1e-8)).toBe('10⁻⁸');
    expect(formatScientific(1.5e12)).toBe('1.5 × 10¹²');
    expect(formatScientific(-0.00025)).toBe('−2.5 × 10⁻⁴');
  });
  it('carries a mantissa that rounds up to 10 into the exponent', () => {
    expect(formatScientific(9.96e-9)).toBe('10⁻⁸');
  });
  it('drops the power for exponent 0 and keeps 0 and the non-finite values readable', () => {
    expect(formatScientific(2.5)).toBe('2.5');
    expect(formatScientific(0)).toBe('0');
    expect(formatScientific(-0)).toBe('0');
    expect(formatScientific(Number.NaN)).toBe('NaN');
    expect(formatScientific(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatNumber', () => {
  it('shows plain numbers as a person writes them', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(0.75)).toBe('0.75');
    expect(formatNumber(1)).toBe('1');
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(2.5)).toBe('2.5');
  });
  it('never drops whole digits and groups thousands', () => {
    expect(formatNumber(12345)).toBe('12,345');
    expect(formatNumber(12345.678)).toBe('12,346');
    expect(formatNumber(999999)).toBe('999,999');
  });
  it('signs negatives with a true minus', () => {
    expect(formatNumber(-0.5)).toBe('−0.5');
    expect(formatNumber(-12345)).toBe('−12,345');
  });
  it('goes to powers of ten for tiny and huge values', () => {
    expect(formatNumber(1e-8)).toBe('10⁻⁸');
    expect(formatNumber(0.00012345)).toBe('1.23 × 10⁻⁴');
    expect(formatNumber(2e6)).toBe('2 × 10⁶');
  });
  it('names the values that are not numbers', () => {
    expect(formatNumber(Number.NaN)).toBe('NaN');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });
});

describe('formatLogTick', () => {
  // chart.js's ticks of a log axis from 1e-8 to 10: 1…9 × 10ᵏ
  const decades = Array.from({ length: 9 }, (_, k) => -8 + k).flatMap((e) =>
    [1, 2, 3, 4, 5, 6, 7, 8, 9].map((m) => Number(`${m}e${e}`)),
  );
  it('labels only the powers of ten when the axis spans several, never as 0.000000010', () => {
    expect(formatLogTick(1e-8, decades)).toBe('10⁻⁸');
    expect(formatLogTick(1e-4, decades)).toBe('10⁻⁴');
    expect(formatLogTick(0.001, decades)).toBe('0.001');
    expect(formatLogTick(0.1, decades)).toBe('0.1');
    expect(formatLogTick(1, decades)).toBe('1');
    expect(formatLogTick(3e-8, decades)).toBe('');
    expect(formatLogTick(5e-3, decades)).toBe('');
  });
  it('labels 1, 2 and 5 × 10ᵏ on an axis shorter than two powers of ten', () => {
    const short = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 2];
    expect(short.map((v) => formatLogTick(v, short))).toEqual(['', '', '0.5', '', '', '', '', '1', '2']);
    const tiny = [2e-9, 3e-9, 5e-9, 7e-9];
    expect(tiny.map((v) => formatLogTick(v, tiny))).toEqual(['2 × 10⁻⁹', '', '5 × 10⁻⁹', '']);
  });
});

describe('formatPercent and formatGap', () => {
  it('shows fractions as percentages with two decimals', () => {
    expect(formatPercent(0.9532)).toBe('95.32%');
    expect(formatPercent(1)).toBe('100.00%');
    expect(formatPercent(0)).toBe('0.00%');
    expect(formatPercent(null)).toBe('—');
  });
  it('signs the train − test gap in percentage points', () => {
    expect(formatGap(0.99, 0.91)).toBe('+8.00 pp');
    expect(formatGap(0.9, 0.925)).toBe('−2.50 pp');
    expect(formatGap(0.95, 0.95)).toBe('±0.00 pp');
    expect(formatGap(0.95, null)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('picks the unit a person reads fastest', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(849.6)).toBe('850 ms');
    expect(formatDuration(12_400)).toBe('12.4 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
  });
  it('shows a dash for what is not a duration', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
    expect(formatDuration(Number.NaN)).toBe('—');
  });
});

describe('estimateRemainingMs', () => {
  it('extrapolates the pace of the done iterations', () => {
    expect(estimateRemainingMs(2000, 10, 50)).toBe(8000);
    expect(estimateRemainingMs(2000, 50, 50)).toBe(0);
    expect(estimateRemainingMs(2000, 60, 50)).toBe(0);
  });
  it('has nothing to say before the first iteration', () => {
    expect(estimateRemainingMs(0, 0, 50)).toBeNull();
    expect(estimateRemainingMs(100, 1, 0)).toBeNull();
  });
});

describe('formatTime and formatShortTime', () => {
  // Local-time constructors, so the test holds in any time zone.
  const t = new Date(2025, 2, 4, 14, 5).getTime();
  it('writes a sortable local date and time', () => {
    expect(formatTime(t)).toBe('2025-03-04 14:05');
    expect(formatTime(null)).toBe('—');
  });
  it('drops the year within the same year, and the time in another', () => {
    expect(formatShortTime(t, new Date(2025, 11, 31).getTime())).toBe('03-04 14:05');
    expect(formatShortTime(t, new Date(2026, 0, 1).getTime())).toBe('2025-03-04');
  });
});

describe('formatCount and formatLayers', () => {
  it('groups thousands', () => {
    expect(formatCount(10000)).toBe('10,000');
    expect(formatCount(0)).toBe('0');
  });
  it('draws the network as Ng does', () => {
    expect(formatLayers([25], 400)).toBe('400 → 25 → 10');
    expect(formatLayers([25, 10])).toBe('25 → 10 → 10');
  });
});

describe('formatLinearTick', () => {
  it('shows as many digits as it takes for neighbouring ticks to differ', () => {
    // The first Live frame's cost axis: 4 significant digits read "6.859, 6.859, 6.858".
    const ticks = [6.8592, 6.859, 6.8588, 6.8586, 6.8584];
    expect(ticks.map((v) => formatLinearTick(v, ticks))).toEqual(['6.8592', '6.859', '6.8588', '6.8586', '6.8584']);
  });
  it('keeps 4 digits when they already differ', () => {
    const ticks = [0, 0.25, 0.5, 0.75, 1];
    expect(ticks.map((v) => formatLinearTick(v, ticks))).toEqual(['0', '0.25', '0.5', '0.75', '1']);
    expect(formatLinearTick(6.5, [6, 6.5, 7])).toBe('6.5');
  });
});
