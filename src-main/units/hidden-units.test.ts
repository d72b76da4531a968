import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { greyLevel, gridImage, gridShape, hiddenUnitImages, unitImages, unitPixels } from './hidden-units';

// A 2×2-input network [4, 2, 1]: Θ(1) is 2×5 (bias first), Θ(2) is 1×3.
const sizes = [4, 2, 1];
// prettier-ignore
const theta = new Float64Array([
  9, 1, -2, 0, 0.5, // unit 0: max |w| = 2 (the bias 9 is left out)
  -9, 0, 0, 0, 0, // unit 1: all zero, as after zeros init
  0.3, 0.2, 0.1, // Θ(2): never drawn
]);

describe('greyLevel', () => {
  it('maps −1, 0, +1 to black, mid-grey, white and clamps outside', () => {
    expect([-1, -0.5, 0, 0.25, 0.5, 1].map(greyLevel)).toEqual([0, 64, 128, 159, 191, 255]);
    expect([-1.5, 2].map(greyLevel)).toEqual([0, 255]);
  });
});

describe('unitPixels / unitImages', () => {
  it('divides each unit by its own max |w|, leaving out the bias', () => {
    // [1, −2, 0, 0.5] / 2 = [0.5, −1, 0, 0.25]
    expect(Array.from(unitPixels(theta, sizes, 2, 2, 0))).toEqual([191, 0, 128, 159]);
  });

  it('draws an all-zero unit as uniform mid-grey instead of 0/0', () => {
    expect(Array.from(unitPixels(theta, sizes, 2, 2, 1))).toEqual([128, 128, 128, 128]);
  });

  it('scales by the largest magnitude even when it is negative', () => {
    const t = new Float64Array([0, -3, 1.5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(unitPixels(t, sizes, 2, 2, 0))).toEqual([0, 191, 128, 128]);
  });

  it('returns one PNG per hidden unit that decodes to the same grey pixels', () => {
    const images = unitImages(theta, sizes, 2, 2);
    expect(images).toHaveLength(2);
    const png = decode(images[0].png);
    expect([png.width, png.height, png.channels, png.depth]).toEqual([2, 2, 1, 8]);
    expect(Array.from(png.data)).toEqual([191, 0, 128, 159]);
    expect(Array.from(decode(images[1].png).data)).toEqual([128, 128, 128, 128]);
  });

  it('keeps row-major orientation for a non-square 3×2 input', () => {
    // [6, 7, 3, 2] → Θ(1) 1×7; the image is 3 wide, 2 high, so feature 3 starts the second row.
    const t = new Float64Array([0, 1, 0, -1, 0.5, 0, -0.5, 0, 0]);
    const [img] = unitImages(t, [6, 1, 1], 3, 2);
    expect([img.width, img.height]).toEqual([3, 2]);
    const png = decode(img.png);
    expect([png.width, png.height]).toEqual([3, 2]);
    expect(Array.from(png.data)).toEqual([255, 128, 0, 191, 128, 64]);
  });

  it('handles a single-pixel input', () => {
    const [img] = unitImages(new Float64Array([5, -0.1, 1, 1]), [1, 1, 1], 1, 1);
    expect(Array.from(img.pixels)).toEqual([0]);
  });

  it('names what is wrong with bad input', () => {
    expect(() => unitImages(theta, sizes, 3, 2)).toThrow('input layer has 4 units but images are 3×2 = 6 pixels');
    expect(() => unitImages(theta.subarray(1), sizes, 2, 2)).toThrow('expected 13 parameters for layers 4-2-1, got 12');
    expect(() => unitImages(theta, sizes, 0, 4)).toThrow('image width and height must be whole numbers ≥ 1, got 0×4');
    expect(() => unitPixels(theta, sizes, 2, 2, 2)).toThrow('hidden unit must be a whole number in 0…1, got 2');
    expect(() => unitImages(new Float64Array(0), [4], 2, 2)).toThrow('a network needs at least 2 layers, got 1');
  });
});

describe('gridShape', () => {
  it('lays out k units in floor(√k) rows like displayData', () => {
    const shapes = [1, 2, 3, 4, 5, 10, 25, 26].map((k) => {
      const { rows, cols } = gridShape(k);
      return `${rows}×${cols}`;
    });
    expect(shapes).toEqual(['1×1', '1×2', '1×3', '2×2', '2×3', '3×4', '5×5', '5×6']);
  });

  it('rejects an empty grid', () => {
    expect(() => gridShape(0)).toThrow('a grid needs at least 1 image, got 0');
  });
});

describe('gridImage', () => {
  it('puts the units side by side with a 1-pixel black border', () => {
    const grid = gridImage(theta, sizes, 2, 2);
    expect([grid.width, grid.height]).toEqual([7, 4]);
    // prettier-ignore
    expect(Array.from(grid.pixels)).toEqual([
      0, 0, 0, 0, 0, 0, 0,
      0, 191, 0, 0, 128, 128, 0,
      0, 128, 159, 0, 128, 128, 0,
      0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(Array.from(decode(grid.png).data)).toEqual(Array.from(grid.pixels));
  });

  it('leaves the unused cell of the last row black (5 units in a 2×3 grid)', () => {
    // 5 hidden units of a 1×1 input: weights 1, −1, 0, 0.5, −0.25 each normalize to ±1 or 0.
    const t = new Float64Array([0, 1, 0, -1, 0, 0, 0, 0.5, 0, -0.25, ...new Array(12).fill(0)]);
    const grid = gridImage(t, [1, 5, 2], 1, 1);
    expect([grid.width, grid.height]).toEqual([7, 5]);
    // prettier-ignore
    expect(Array.from(grid.pixels)).toEqual([
      0, 0, 0, 0, 0, 0, 0,
      0, 255, 0, 0, 0, 128, 0,
      0, 0, 0, 0, 0, 0, 0,
      0, 255, 0, 0, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('matches unitImages and gridImage when made together for a snapshot', () => {
    const both = hiddenUnitImages(theta, sizes, 2, 2);
    expect(both.units.map((u) => Array.from(u.pixels))).toEqual(
      unitImages(theta, sizes, 2, 2).map((u) => Array.from(u.pixels)),
    );
    expect(Array.from(both.grid.pixels)).toEqual(Array.from(gridImage(theta, sizes, 2, 2).pixels));
    expect(both.grid.png).toEqual(gridImage(theta, sizes, 2, 2).png);
  });
});
