import { describe, expect, it } from 'vitest';
import { OPERATIONS_PER_ROUND, PROBE_WEIGHTS, simdRateProbe } from './simd-rate';

describe('the f64x2 multiply-add probe', () => {
  it('adds x·w of the next row to each of its 24 lanes once per round', () => {
    const probe = simdRateProbe();
    // Round r reads row r mod 16, whose weights are 24r + 1 … 24r + 24 (Σ = 576r + 300).
    expect(probe.multiplyAdds(1, 2)).toBe(600);
    expect(probe.multiplyAdds(2, 0.5)).toBe(0.5 * (300 + 876));
    // All 16 rows once: x·Σ 1…384 = 0.5 · 73,920; twice over, twice that.
    expect(probe.multiplyAdds(16, 0.5)).toBe(36_960);
    expect(probe.multiplyAdds(32, 0.5)).toBe(73_920);
    expect(probe.multiplyAdds(0, 2)).toBe(0);
    expect(OPERATIONS_PER_ROUND).toBe(48);
    expect(PROBE_WEIGHTS).toBe(384);
  });
});
