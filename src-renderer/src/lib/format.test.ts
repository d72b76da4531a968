import { describe, expect, it } from 'vitest';
import {
  estimateRemainingMs,
  formatCost,
  formatCount,
  formatDuration,
  formatGap,
  formatLayers,
  formatPercent,
  formatShortTime,
  formatTime,
} from './format';

describe('formatCost', () => {
  it("keeps the six decimals of Ng's J values", () => {
    expect(formatCost(0.287629165161319)).toBe('0.287629');
    expect(formatCost(0.383769859090924)).toBe('0.383770');
    expect(formatCost(0)).toBe('0.000000');
  });
  it('switches to scientific notation below 0.001 so an overfit cost is not shown as 0', () => {
    expect(formatCost(0.00012345)).toBe('1.2345e-4');
  });
  it('shows missing and non-finite values', () => {
    expect(formatCost(null)).toBe('—');
    expect(formatCost(undefined)).toBe('—');
    expect(formatCost(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(formatCost(Number.NaN)).toBe('NaN');
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
