import { describe, expect, it } from 'vitest';
import { padPoint, smoothStroke } from './pen';

describe('smoothStroke', () => {
  it('returns 0, 1 and 2 points as they are (a dot, a straight segment)', () => {
    expect(smoothStroke([])).toEqual([]);
    expect(smoothStroke([{ x: 3, y: 4 }])).toEqual([{ x: 3, y: 4 }]);
    expect(
      smoothStroke([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ]),
    ).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 0 },
    ]);
  });

  it('keeps the first and last point and stays on a straight line', () => {
    const line = [0, 1, 2, 3, 4].map((k) => ({ x: 10 * k, y: 5 * k }));
    const smooth = smoothStroke(line, 2);
    expect(smooth[0]).toEqual({ x: 0, y: 0 });
    expect(smooth.at(-1)).toEqual({ x: 40, y: 20 });
    for (const p of smooth) expect(p.y).toBeCloseTo(p.x / 2, 12);
    // consecutive samples at most `step` apart
    for (let i = 1; i < smooth.length; i++)
      expect(Math.hypot(smooth[i].x - smooth[i - 1].x, smooth[i].y - smooth[i - 1].y)).toBeLessThanOrEqual(2 + 1e-9);
  });

  it('rounds a corner: the curve passes the midpoint of the Bézier, not the corner', () => {
    // one quadratic piece from (0,0) bent by (10,0) to (10,10): at t = ½ it is at (7.5, 2.5)
    const smooth = smoothStroke(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ],
      40,
    );
    expect(smooth).toEqual([
      { x: 0, y: 0 },
      { x: 10, y: 10 },
    ]);
    const fine = smoothStroke(
      [
        { x: 0, y: 0 },
        { x: 10, y: 0 },
        { x: 10, y: 10 },
      ],
      10,
    );
    expect(fine).toEqual([
      { x: 0, y: 0 },
      { x: 7.5, y: 2.5 },
      { x: 10, y: 10 },
    ]);
    expect(fine.some((p) => p.x === 10 && p.y === 0)).toBe(false);
  });

  it('refuses a step that is not a positive number', () => {
    expect(() => smoothStroke([{ x: 0, y: 0 }], 0)).toThrow('smoothStroke: step must be a number > 0, got 0');
    expect(() => smoothStroke([{ x: 0, y: 0 }], NaN)).toThrow('got NaN');
  });
});

describe('padPoint', () => {
  const rect = { left: 100, top: 50, width: 560, height: 560 };
  it('maps CSS pixels to drawing units', () => {
    expect(padPoint(100, 50, rect, 280)).toEqual({ x: 0, y: 0 });
    expect(padPoint(380, 330, rect, 280)).toEqual({ x: 140, y: 140 });
    expect(padPoint(660, 610, rect, 280)).toEqual({ x: 280, y: 280 });
  });
  it('clamps points outside the pad to its edge', () => {
    expect(padPoint(0, 700, rect, 280)).toEqual({ x: 0, y: 280 });
  });
  it('refuses a pad without area', () => {
    expect(() => padPoint(0, 0, { left: 0, top: 0, width: 0, height: 10 }, 280)).toThrow(
      'padPoint: the pad has no area (0×10)',
    );
  });
});
