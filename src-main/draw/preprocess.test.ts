import { describe, expect, it } from 'vitest';
import { loadBundledDigits } from '../data/mnist';
import { seededRandom } from '../nn/random';
import { drawingToInput, preprocessDrawing } from './preprocess';
import type { Raster } from './raster';
import { rasterizeStrokes } from './strokes';

/** A blank width×height drawing with `value` in the rectangle rows top…top+h−1, columns left…left+w−1. */
function canvasWithBlock(
  width: number,
  height: number,
  top: number,
  left: number,
  h: number,
  w: number,
  value = 1,
): Raster {
  const pixels = new Float64Array(width * height);
  for (let r = top; r < top + h; r++) pixels.fill(value, r * width + left, r * width + left + w);
  return { width, height, pixels };
}

function sum(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i];
  return s;
}

/** Centre of mass in pixel indices, computed here independently of the module under test. */
function massCentre(x: Float64Array, size: number): [number, number] {
  let m = 0;
  let cx = 0;
  let cy = 0;
  x.forEach((v, i) => {
    m += v;
    cx += (i % size) * v;
    cy += Math.floor(i / size) * v;
  });
  return [cx / m, cy / m];
}

/** The rows and columns of a 28×28 input that hold ink, as [first row, last row, first column, last column]. */
function inkExtent(x: Float64Array): [number, number, number, number] {
  let r0 = 28,
    r1 = -1,
    c0 = 28,
    c1 = -1;
  x.forEach((v, i) => {
    if (v <= 0) return;
    const r = Math.floor(i / 28),
      c = i % 28;
    r0 = Math.min(r0, r);
    r1 = Math.max(r1, r);
    c0 = Math.min(c0, c);
    c1 = Math.max(c1, c);
  });
  return [r0, r1, c0, c1];
}

describe('preprocessDrawing', () => {
  it('returns null for an empty drawing, of any size, so nothing is predicted', () => {
    expect(preprocessDrawing({ width: 280, height: 280, pixels: new Float64Array(280 * 280) })).toBeNull();
    expect(preprocessDrawing({ width: 1, height: 1, pixels: [0] })).toBeNull();
    expect(drawingToInput({ width: 3, height: 2, pixels: [0, 0, 0, 0, 0, 0] })).toBeNull();
  });

  it('turns a canvas filled entirely into a 20×20 square of full ink at rows and columns 5…24', () => {
    const p = preprocessDrawing({ width: 280, height: 280, pixels: new Float64Array(280 * 280).fill(1) })!;
    expect(p.inkBox).toEqual({ left: 0, top: 0, width: 280, height: 280 });
    expect(p.scale).toBe(20 / 280);
    expect([p.scaledWidth, p.scaledHeight]).toEqual([20, 20]);
    // centre of mass of the 20×20 square is (9.5, 9.5); round(14 − 9.5) = 5
    expect(p.offset).toEqual({ x: 5, y: 5 });
    expect(p.input.length).toBe(784);
    for (let r = 0; r < 28; r++) {
      for (let c = 0; c < 28; c++) expect(p.input[r * 28 + c]).toBe(r >= 5 && r <= 24 && c >= 5 && c <= 24 ? 1 : 0);
    }
    expect(p.centreOfMass).toEqual({ x: 14.5, y: 14.5 });
  });

  it('gives the same square for a filled box anywhere on the canvas', () => {
    const full = drawingToInput({ width: 280, height: 280, pixels: new Float64Array(280 * 280).fill(1) })!;
    const box = drawingToInput(canvasWithBlock(280, 280, 150, 17, 100, 100))!;
    expect(box).toEqual(full);
  });

  it('keeps the aspect ratio: a 200×20 vertical bar becomes 20 px tall and 2 px wide', () => {
    const p = preprocessDrawing(canvasWithBlock(280, 280, 40, 10, 200, 20))!;
    expect(p.scale).toBe(0.1);
    expect([p.scaledWidth, p.scaledHeight]).toEqual([2, 20]);
    expect(inkExtent(p.input)).toEqual([5, 24, 14, 15]);
    expect(p.input[5 * 28 + 14]).toBe(1);
    expect(p.input[24 * 28 + 15]).toBe(1);
    expect(sum(p.input)).toBe(40);
  });

  it('keeps the aspect ratio of a wide drawing too: a 1 px tall line 100 px long becomes a 20×1 line of ink 0.2', () => {
    // area averaging: each output pixel covers 5×5 source pixels of which 5 are inked
    const p = preprocessDrawing(canvasWithBlock(120, 50, 30, 7, 1, 100))!;
    expect([p.scaledWidth, p.scaledHeight]).toEqual([20, 1]);
    expect(p.offset).toEqual({ x: 5, y: 14 });
    for (let c = 0; c < 28; c++) expect(p.input[14 * 28 + c]).toBeCloseTo(c >= 5 && c <= 24 ? 0.2 : 0, 15);
    expect(sum(p.input)).toBeCloseTo(4, 13);
  });

  it('centres an off-centre stroke by its mass: within 0.5 px of (14, 14) on each axis', () => {
    // a hooked stroke in the top-left corner of a 280×280 pad, heavier at its bottom
    const drawing = rasterizeStrokes(
      [
        [
          { x: 20, y: 15 },
          { x: 60, y: 10 },
          { x: 70, y: 40 },
          { x: 30, y: 90 },
          { x: 25, y: 100 },
          { x: 80, y: 100 },
        ],
      ],
      280,
      280,
      12,
    );
    const p = preprocessDrawing(drawing)!;
    const [cx, cy] = massCentre(p.input, 28);
    expect(Math.abs(cx - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(cy - 14)).toBeLessThanOrEqual(0.5);
    expect(p.centreOfMass.x).toBeCloseTo(cx, 12);
    expect(p.centreOfMass.y).toBeCloseTo(cy, 12);
    // its ink box is 72 wide and 102 tall (pen radius 6 each side, plus anti-aliased fringe): 20 tall after
    expect(p.scaledHeight).toBe(20);
  });

  it('conserves ink in proportion to the area scaling when shrinking: Σ x = scale² · Σ drawing', () => {
    const drawing = rasterizeStrokes(
      [
        [
          { x: 100, y: 40 },
          { x: 140, y: 200 },
          { x: 190, y: 60 },
        ],
      ],
      280,
      280,
      9,
    );
    const p = preprocessDrawing(drawing)!;
    expect(sum(p.input) / (p.scale ** 2 * sum(drawing.pixels))).toBeCloseTo(1, 12);
  });

  it('enlarges a small drawing bilinearly: a 5 px tall, 2 px wide block becomes an 8×20 block of the same ink', () => {
    const p = preprocessDrawing(canvasWithBlock(10, 10, 2, 3, 5, 2, 0.75))!;
    expect(p.scale).toBe(4);
    expect([p.scaledWidth, p.scaledHeight]).toEqual([8, 20]);
    // centre of mass (3.5, 9.5): round(10.5) = 11, round(4.5) = 5
    expect(inkExtent(p.input)).toEqual([5, 24, 11, 18]);
    expect(sum(p.input)).toBe(0.75 * 160);
  });

  it('enlarges a single dot to a uniform 20×20 square', () => {
    const pixels = new Float64Array(100);
    pixels[3 * 10 + 7] = 0.5;
    const x = drawingToInput({ width: 10, height: 10, pixels })!;
    expect(inkExtent(x)).toEqual([5, 24, 5, 24]);
    expect(sum(x)).toBe(200);
  });

  it('keeps row 0 on top and column 0 on the left, as the MNIST data does: an L stays an L', () => {
    // a vertical stroke with a foot to the right at the bottom
    const pixels = canvasWithBlock(280, 280, 40, 60, 200, 20).pixels as Float64Array;
    for (let r = 220; r < 240; r++) pixels.fill(1, r * 280 + 60, r * 280 + 160);
    const x = drawingToInput({ width: 280, height: 280, pixels })!;
    const rowInk = Array.from({ length: 28 }, (_, r) => sum(x.subarray(r * 28, r * 28 + 28)));
    const colInk = Array.from({ length: 28 }, (_, c) => sum(Array.from({ length: 28 }, (_, r) => x[r * 28 + c])));
    expect(rowInk.indexOf(Math.max(...rowInk))).toBeGreaterThan(14); // the foot is at the bottom
    expect(colInk.indexOf(Math.max(...colInk))).toBeLessThan(14); // the upright is on the left
  });

  it('never leaves [0, 1], even for noise and sizes that do not divide evenly', () => {
    const random = seededRandom(5);
    for (const [w, h] of [
      [281, 97],
      [33, 280],
      [7, 3],
      [1, 1],
    ]) {
      const noise = { width: w, height: h, pixels: Float64Array.from({ length: w * h }, () => random()) };
      const full = { width: w, height: h, pixels: new Float64Array(w * h).fill(1) };
      for (const drawing of [noise, full]) {
        const x = drawingToInput(drawing)!;
        expect(Math.min(...x)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...x)).toBeLessThanOrEqual(1);
      }
    }
  });

  it('gives back an MNIST digit from a copy of it enlarged 10× (the digits were made this way)', () => {
    const digits = loadBundledDigits();
    let checked = 0;
    for (let i = 0; i < digits.m; i += 97) {
      const digit = digits.X.subarray(i * 784, (i + 1) * 784);
      const big = new Float64Array(280 * 280);
      for (let r = 0; r < 280; r++)
        for (let c = 0; c < 280; c++) big[r * 280 + c] = digit[Math.floor(r / 10) * 28 + Math.floor(c / 10)];
      const p = preprocessDrawing({ width: 280, height: 280, pixels: big })!;
      if (Math.max(p.inkBox.width, p.inkBox.height) !== 200) continue; // 2 of the 10,000 digits are 19 px
      for (let k = 0; k < 784; k++) expect(Math.abs(p.input[k] - digit[k])).toBeLessThan(1e-12);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('makes Ng-sized 20×20 inputs when asked (size 20, box 16)', () => {
    const x = drawingToInput(
      { width: 280, height: 280, pixels: new Float64Array(280 * 280).fill(1) },
      { size: 20, box: 16 },
    )!;
    expect(x.length).toBe(400);
    expect(sum(x)).toBe(256);
  });

  it('rejects malformed drawings and options, naming what is wrong', () => {
    expect(() => preprocessDrawing({ width: 2, height: 2, pixels: [0, 0, Number.NaN, 0] })).toThrow(
      'drawing: pixel at row 1, column 0 is NaN, not an ink value in [0, 1]',
    );
    expect(() => preprocessDrawing({ width: 2, height: 2, pixels: [0, 1.5, 0, 0] })).toThrow('row 0, column 1 is 1.5');
    expect(() => preprocessDrawing({ width: 2, height: 2, pixels: [0, 0, 0] })).toThrow(
      'drawing: expected width·height = 2·2 = 4 values, got 3',
    );
    expect(() => preprocessDrawing({ width: 0, height: 2, pixels: [] })).toThrow(
      'drawing: width must be a whole number ≥ 1, got 0',
    );
    expect(() => preprocessDrawing({ width: 1, height: 1, pixels: [1] }, { box: 29 })).toThrow(
      'preprocess: box must be a whole number in 1…size (28), got 29',
    );
  });
});
