import { describe, expect, it } from 'vitest';
import { rasterFromAlpha, validateRaster } from './raster';
import { rasterizeStrokes } from './strokes';

const at = (pixels: ArrayLike<number>, width: number, r: number, c: number) => pixels[r * width + c];

describe('rasterizeStrokes', () => {
  it('paints a horizontal segment with a 1 px anti-aliased edge: ink = clamp(w/2 + ½ − d, 0, 1)', () => {
    // pen 2 px wide along y = 5.5 from x = 2 to x = 8; pixel centres sit at (c + ½, r + ½)
    const { pixels } = rasterizeStrokes(
      [
        [
          { x: 2, y: 5.5 },
          { x: 8, y: 5.5 },
        ],
      ],
      12,
      10,
      2,
    );
    for (let c = 1; c <= 8; c++) expect(at(pixels, 12, 5, c)).toBe(1); // on the path, or ½ px beyond its ends
    expect(at(pixels, 12, 5, 0)).toBe(0); // 1.5 px before the start: 1.5 − 1.5
    expect(at(pixels, 12, 5, 9)).toBe(0);
    expect(at(pixels, 12, 4, 4)).toBe(0.5); // 1 px off the path
    expect(at(pixels, 12, 6, 4)).toBe(0.5);
    expect(at(pixels, 12, 3, 4)).toBe(0);
    let ink = 0;
    pixels.forEach((v) => (ink += v));
    // row 5: 8 full pixels; rows 4 and 6: 6 pixels of ½ beside the path and 2 past its ends at d = √(½² + 1²)
    expect(ink).toBeCloseTo(8 + 2 * 6 * 0.5 + 4 * (1.5 - Math.hypot(0.5, 1)), 13);
  });

  it('paints a single point as a round dot', () => {
    const { pixels } = rasterizeStrokes([[{ x: 5.5, y: 5.5 }]], 11, 11, 4);
    expect(at(pixels, 11, 5, 5)).toBe(1);
    expect(at(pixels, 11, 5, 7)).toBe(0.5); // 2 px away: 2 + ½ − 2
    expect(at(pixels, 11, 5, 8)).toBe(0);
    expect(at(pixels, 11, 6, 7)).toBeCloseTo(2.5 - Math.hypot(2, 1), 15); // centre (7.5, 6.5)
    expect(at(pixels, 11, 7, 7)).toBe(0); // 2√2 px away
  });

  it('lets the darker ink win where strokes cross, never exceeding 1', () => {
    const { pixels } = rasterizeStrokes(
      [
        [
          { x: 0, y: 10 },
          { x: 20, y: 10 },
        ],
        [
          { x: 10, y: 0 },
          { x: 10, y: 20 },
        ],
        [
          { x: 0, y: 10 },
          { x: 20, y: 10 },
        ],
      ],
      20,
      20,
      6,
    );
    expect(Math.max(...pixels)).toBe(1);
    validateRaster({ width: 20, height: 20, pixels });
  });

  it('clips strokes that leave the pad and keeps an empty list of strokes blank', () => {
    const { pixels } = rasterizeStrokes(
      [
        [
          { x: -50, y: 2.5 },
          { x: 100, y: 2.5 },
        ],
      ],
      4,
      4,
      1,
    );
    expect(Array.from(pixels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0]);
    expect(rasterizeStrokes([], 3, 3, 5).pixels.every((v) => v === 0)).toBe(true);
    expect(rasterizeStrokes([[]], 3, 3, 5).pixels.every((v) => v === 0)).toBe(true);
  });

  it('rejects bad points and sizes, naming the stroke and point', () => {
    expect(() =>
      rasterizeStrokes(
        [
          [{ x: 1, y: 1 }],
          [
            { x: 1, y: 1 },
            { x: Number.NaN, y: 2 },
          ],
        ],
        5,
        5,
        2,
      ),
    ).toThrow('strokes: stroke 1, point 1 is (NaN, 2), not a pair of finite numbers');
    expect(() => rasterizeStrokes([], 5, 5, 0)).toThrow('strokes: pen width must be a number > 0, got 0');
    expect(() => rasterizeStrokes([], 5.5, 5, 1)).toThrow('strokes: width must be a whole number ≥ 1, got 5.5');
  });
});

describe('rasterFromAlpha', () => {
  it('reads ink from the alpha channel of RGBA bytes, whatever the colour', () => {
    const r = rasterFromAlpha(Uint8ClampedArray.of(255, 0, 0, 0, 0, 0, 0, 255, 9, 9, 9, 51), 3, 1);
    expect(r.width).toBe(3);
    expect(Array.from(r.pixels)).toEqual([0, 1, 0.2]);
  });

  it('rejects a buffer of the wrong length', () => {
    expect(() => rasterFromAlpha(new Uint8ClampedArray(15), 2, 2)).toThrow(
      'RGBA image: expected 4·2·2 = 16 bytes, got 15',
    );
  });
});
