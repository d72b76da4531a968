import { describe, expect, it } from 'vitest';
import { rasterizeStrokes } from '../../../../src-main/draw/strokes';
import { parameterCount } from '../../../../src-main/nn/shape';
import { Drawing, PAD_SIZE, PEN_WIDTH, readPad, timingSummary } from './drawing';
import { smoothStroke } from './pen';

/** A stroke from (x0, y0) to (x1, y1) as a pointer reports it: a point every 5 units. */
function line(x0: number, y0: number, x1: number, y1: number) {
  const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0) / 5);
  return Array.from({ length: n + 1 }, (_, k) => ({ x: x0 + ((x1 - x0) * k) / n, y: y0 + ((y1 - y0) * k) / n }));
}

/** Largest |a − b|: shifting pixel boxes by whole pixels may move the last bit of a coverage, no more. */
function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
  return d;
}

function draw(d: Drawing, stroke: { x: number; y: number }[]) {
  d.begin(stroke[0]);
  for (const p of stroke.slice(1)) d.extend(p);
  d.end();
}

describe('Drawing', () => {
  it('starts empty: no strokes, a blank raster, nothing to read', () => {
    const d = new Drawing();
    expect(d.isEmpty).toBe(true);
    expect(d.raster().pixels.length).toBe(PAD_SIZE * PAD_SIZE);
    expect(d.raster().pixels.every((v) => v === 0)).toBe(true);
    expect(readPad(d, null)).toBeNull();
  });

  it('keeps the same ink whether strokes are added one by one or rasterized at once', () => {
    const a = line(140, 40, 140, 240);
    const b = line(60, 60, 220, 200);
    const d = new Drawing();
    draw(d, a);
    d.raster(); // caches the first stroke's ink
    d.begin(b[0]);
    for (const p of b.slice(1)) d.extend(p);
    const whole = rasterizeStrokes([smoothStroke(a), smoothStroke(b)], PAD_SIZE, PAD_SIZE, PEN_WIDTH).pixels;
    expect(d.penDown).toBe(true);
    expect(largestDifference(d.raster().pixels, whole)).toBeLessThan(1e-12); // while the pen is still down
    d.end();
    expect(largestDifference(d.raster().pixels, whole)).toBeLessThan(1e-12);
    expect(d.strokeCount).toBe(2);
  });

  it('reads a curve point by point exactly as the finished curve: settled pieces never change', () => {
    const curve = Array.from({ length: 40 }, (_, k) => ({ x: 140 + 90 * Math.sin(k / 6), y: 30 + 5.5 * k }));
    const d = new Drawing();
    d.begin(curve[0]);
    let ink = d.raster().pixels;
    for (const p of curve.slice(1)) {
      d.extend(p);
      ink = d.raster().pixels; // every update, as the pad does
    }
    const whole = rasterizeStrokes([smoothStroke(curve)], PAD_SIZE, PAD_SIZE, PEN_WIDTH).pixels;
    expect(largestDifference(ink, whole)).toBeLessThan(1e-12);
    expect(ink.reduce((a, b) => a + b, 0)).toBeGreaterThan(5000); // a long stroke, not an empty raster
    d.end();
    expect(largestDifference(d.raster().pixels, whole)).toBeLessThan(1e-12);
  });

  it('keeps ink inside the pad for strokes along its edge', () => {
    const d = new Drawing();
    draw(d, line(0, 0, 280, 0));
    const whole = rasterizeStrokes([smoothStroke(line(0, 0, 280, 0))], PAD_SIZE, PAD_SIZE, PEN_WIDTH).pixels;
    expect(largestDifference(d.raster().pixels, whole)).toBeLessThan(1e-12);
  });

  it('undo removes the last stroke (or the one being drawn), then reports there is nothing left', () => {
    const a = line(140, 40, 140, 240);
    const d = new Drawing();
    draw(d, a);
    const one = Float64Array.from(d.raster().pixels);
    draw(d, line(40, 140, 240, 140));
    d.begin({ x: 10, y: 10 });
    d.extend({ x: 30, y: 30 });
    expect(d.undo()).toBe(true); // the stroke in progress
    expect(d.strokeCount).toBe(2);
    expect(d.undo()).toBe(true);
    expect(largestDifference(d.raster().pixels, one)).toBeLessThan(1e-12);
    expect(d.undo()).toBe(true);
    expect(d.undo()).toBe(false);
    expect(d.isEmpty).toBe(true);
  });

  it('clear forgets everything; extend with the pen up is ignored', () => {
    const d = new Drawing();
    draw(d, line(10, 10, 100, 100));
    d.clear();
    d.extend({ x: 5, y: 5 });
    expect(d.isEmpty).toBe(true);
    expect(readPad(d, null)).toBeNull();
  });

  it('a single dot is ink: a round blot of the pen width', () => {
    const d = new Drawing();
    d.begin({ x: 140, y: 140 });
    d.end();
    const ink = d.raster().pixels;
    expect(ink[140 * PAD_SIZE + 140]).toBe(1);
    expect(ink[140 * PAD_SIZE + 140 + PEN_WIDTH]).toBe(0);
  });
});

describe('readPad', () => {
  it('turns a vertical stroke into a 28×28 input centred like MNIST, 20 pixels tall', () => {
    const d = new Drawing();
    draw(d, line(60, 30, 60, 250)); // off to the left: preprocessing moves it to the centre
    const r = readPad(d, null)!;
    expect(r.reading).toBeNull();
    expect(r.prepared.input.length).toBe(784);
    expect(r.prepared.scaledHeight).toBe(20);
    expect(Math.abs(r.prepared.centreOfMass.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(r.prepared.centreOfMass.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...r.prepared.input)).toBeLessThanOrEqual(1);
  });

  it('reads the drawing with the network: all-zero Θ(1), output 1 biased up by 1', () => {
    const sizes = [784, 2, 3];
    const theta = new Float64Array(parameterCount(sizes)); // 785·2 + 3·3 = 1579
    expect(theta.length).toBe(1579);
    theta[1570 + 3] = 1; // Θ(2)[1][0]: the bias weight of output unit 1
    const d = new Drawing();
    draw(d, line(140, 30, 140, 250));
    const { reading } = readPad(d, { sizes, theta })!;
    expect(reading!.predicted).toBe(1);
    expect(Array.from(reading!.activations[1])).toEqual([0.5, 0.5]); // g(0)
    expect(reading!.ranked.map((s) => s.digit)).toEqual([1, 0, 2]);
    expect(reading!.ranked[0].h).toBe(0.7310585786300049); // g(1)
    expect(reading!.ranked[1].h).toBe(0.5);
  });

  it("z-scores the pad's input with the run's stored standardization before the forward pass", () => {
    // One hidden unit reading pixel 0 only (weight 1, no bias): its activation is g(z₀) with
    // z₀ = (x₀ − mean₀)/sd₀ = (0 − 0.25)/0.5 = −0.5 for the blank top-left pixel.
    const sizes = [784, 1, 2];
    const theta = new Float64Array(parameterCount(sizes));
    theta[1] = 1;
    const mean = Array.from({ length: 784 }, () => 0.25);
    const sd = Array.from({ length: 784 }, () => 0.5);
    const d = new Drawing();
    draw(d, line(140, 30, 140, 250));
    const plain = readPad(d, { sizes, theta })!.reading!;
    const standardized = readPad(d, { sizes, theta, standardization: { mean, sd } })!.reading!;
    expect(plain.activations[1][0]).toBe(0.5);
    expect(standardized.activations[1][0]).toBe(1 / (1 + Math.exp(0.5)));
  });

  it('refuses a network whose input is not 28×28, naming both sizes', () => {
    const d = new Drawing();
    draw(d, line(140, 30, 140, 250));
    const sizes = [400, 2, 10];
    expect(() => readPad(d, { sizes, theta: new Float64Array(parameterCount(sizes)) })).toThrow(
      'the network reads 400 inputs but the pad makes 784 (28×28)',
    );
  });
});

describe('timingSummary', () => {
  it('gives null for no timings, the median and max otherwise', () => {
    expect(timingSummary([])).toBeNull();
    expect(timingSummary([4])).toEqual({ count: 1, median: 4, max: 4 });
    expect(timingSummary([3, 1, 2, 10])).toEqual({ count: 4, median: 2.5, max: 10 });
  });
});
