import { describe, expect, it } from 'vitest';
import { crossEntropyTerm, outputDelta } from './cross-entropy';

describe('crossEntropyTerm', () => {
  it("equals Ng's −y·log(h) − (1−y)·log(1−h) bit for bit for h in (0, 1)", () => {
    for (const h of [1e-12, 0.1, 0.5, 0.73, 1 - 1e-9]) {
      for (const y of [0, 1]) {
        expect(crossEntropyTerm(h, y === 1)).toBe(-y * Math.log(h) - (1 - y) * Math.log(1 - h));
      }
    }
  });

  it('is log 2 at h = 0.5 for either label', () => {
    expect(crossEntropyTerm(0.5, true)).toBe(Math.LN2);
    expect(crossEntropyTerm(0.5, false)).toBe(Math.LN2);
  });

  it('is 0, not NaN, for a saturated correct output; +∞ for a saturated wrong one (no clamping)', () => {
    expect(crossEntropyTerm(1, true)).toBe(-0);
    expect(crossEntropyTerm(0, false)).toBe(-0);
    expect(crossEntropyTerm(1, false)).toBe(Infinity);
    expect(crossEntropyTerm(0, true)).toBe(Infinity);
  });
});

describe('outputDelta', () => {
  it('is h − y', () => {
    expect(outputDelta(0.8, true)).toBeCloseTo(-0.2, 15);
    expect(outputDelta(0.8, false)).toBe(0.8);
  });
});
