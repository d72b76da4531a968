import { describe, expect, it } from 'vitest';
import { formatRatio, loadWarning, pairedRatio, quantile, watchLoad } from './interleave';

describe('paired ratios', () => {
  it('takes the median of the pairwise ratios, not the ratio of the medians, with quartiles as numpy.quantile', () => {
    // Pairwise 8/16, 10/25, 14/20, 20/20 = 0.5, 0.4, 0.7, 1.0; numpy.quantile gives 0.475, 0.6, 0.775.
    // The medians alone are 12 and 20, whose ratio (0.6) happens to match; the pairs decide, not it.
    const r = pairedRatio([
      { oursMs: 8, theirsMs: 16 },
      { oursMs: 10, theirsMs: 25 },
      { oursMs: 14, theirsMs: 20 },
      { oursMs: 20, theirsMs: 20 },
    ]);
    expect(r.pairs).toBe(4);
    expect(r.median).toBeCloseTo(0.6, 15);
    expect([r.min, r.max]).toEqual([0.4, 1]);
    expect(r.q1).toBeCloseTo(0.475, 15);
    expect(r.q3).toBeCloseTo(0.775, 15);
    expect([r.oursMedianMs, r.theirsMedianMs]).toEqual([12, 20]);
    // 0.475 and 0.775 come out a rounding below, so toFixed(2) prints 0.47 and 0.77.
    expect(formatRatio(r)).toBe('ratio 0.60 (median of 4 pairwise ratios; min–max 0.40–1.00, IQR 0.47–0.77)');
  });

  it('differs from the ratio of medians when one side was slowed in some turns only', () => {
    // Theirs was slowed in two turns of five (a neighbour woke up while they ran): the pairs show ours at
    // half of theirs in the three quiet turns, the medians alone would say 0.5 too, but min–max shows the noise.
    const r = pairedRatio([
      { oursMs: 5, theirsMs: 10 },
      { oursMs: 5, theirsMs: 30 },
      { oursMs: 5, theirsMs: 10 },
      { oursMs: 5, theirsMs: 30 },
      { oursMs: 5, theirsMs: 10 },
    ]);
    expect(r.median).toBe(0.5);
    expect(r.min).toBeCloseTo(1 / 6, 15);
    expect(r.max).toBe(0.5);
  });

  it('refuses no pairs and times that are not positive, naming them', () => {
    expect(() => pairedRatio([])).toThrow('bench: a ratio needs at least one pair of measurements');
    expect(() => pairedRatio([{ oursMs: 0, theirsMs: 3 }])).toThrow(
      'bench: a pair has a time that is not positive (0 ms, 3 ms)',
    );
    expect(() => quantile([], 0.5)).toThrow('bench: a quantile of no values');
  });
});

describe('load', () => {
  it('warns above 0.5 per core, by the load average or by what other programs used', () => {
    expect(loadWarning(2, 0.9, 0.2)).toBeNull();
    expect(loadWarning(2, 1.37, null)).toBe(
      'WARNING: busy machine (load average 1.37 > 1.00; more than 0.5 per core): do not quote this figure',
    );
    expect(loadWarning(2, 0.3, 1.6)).toBe(
      'WARNING: busy machine (other programs used 1.60 cores > 1.00; more than 0.5 per core): do not quote this figure',
    );
  });

  it('reads the machine: its cores, a load average and (on Linux) what others used, never negative', () => {
    const reading = watchLoad().done();
    expect(reading.cores).toBeGreaterThan(0);
    expect(reading.loadAverage).toBeGreaterThanOrEqual(0);
    if (process.platform === 'linux') expect(reading.othersCores).toBeGreaterThanOrEqual(0);
  });
});
