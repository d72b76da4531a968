/**
 * The drawing pad without the DOM: the strokes drawn so far, their ink as a raster, and what a trained
 * network reads in it. The pad's canvas only shows the strokes; everything the network sees is made
 * here, from the same smoothed points, so the whole path from pen to prediction is testable in Node.
 *
 * Finished strokes are rasterized once and kept; while the pen moves only the stroke in progress is
 * rasterized again, so an update costs the same at the first stroke and at the tenth.
 */
import { preprocessDrawing, type Preprocessed } from '../../../src-main/draw/preprocess';
import { readDrawing, type DrawingReading } from '../../../src-main/draw/read-drawing';
import { rasterizeStrokes, type Point } from '../../../src-main/draw/strokes';
import type { GreyRaster } from '../../../src-main/draw/raster';
import type { LayerSizes } from '../../../src-main/nn/shape';
import { smoothStroke } from './pen';

/** Side of the pad in drawing units (10 units per input pixel of a 28×28 digit). */
export const PAD_SIZE = 280;
/**
 * Pen width in drawing units. A digit drawn 200 units tall is scaled to MNIST's 20-pixel box by 1/10,
 * so the stroke becomes ~2.2 pixels wide: the thickness of MNIST's pen.
 */
export const PEN_WIDTH = 22;

export class Drawing {
  /** Finished strokes as drawn (raw pointer points), oldest first. */
  private done: Point[][] = [];
  private current: Point[] | null = null;
  /** Ink of the finished strokes; null when it must be rebuilt (after undo). */
  private doneInk: GreyRaster | null = null;

  constructor(
    readonly size = PAD_SIZE,
    readonly penWidth = PEN_WIDTH,
  ) {}

  /** Puts the pen down at p, starting a stroke (a lone point is a dot). */
  begin(p: Point): void {
    if (this.current) this.end();
    this.current = [p];
  }

  /** Moves the pen (down) to p; ignored while the pen is up. */
  extend(p: Point): void {
    this.current?.push(p);
  }

  /** Lifts the pen, keeping the stroke. */
  end(): void {
    if (!this.current) return;
    const stroke = this.current;
    this.current = null;
    this.done.push(stroke);
    if (this.doneInk) maxInto(this.doneInk.pixels, this.rasterize([stroke]).pixels);
  }

  /** Removes the last stroke (the one being drawn, if the pen is down); false when there was none. */
  undo(): boolean {
    if (this.current) {
      this.current = null;
      return true;
    }
    if (this.done.length === 0) return false;
    this.done.pop();
    this.doneInk = null;
    return true;
  }

  clear(): void {
    this.done = [];
    this.current = null;
    this.doneInk = null;
  }

  /** Strokes drawn or being drawn. */
  get strokeCount(): number {
    return this.done.length + (this.current ? 1 : 0);
  }

  get isEmpty(): boolean {
    return this.strokeCount === 0;
  }

  get penDown(): boolean {
    return this.current !== null;
  }

  /** Every stroke as the smoothed polyline that is both shown and rasterized. */
  smoothedStrokes(): Point[][] {
    const all = this.current ? [...this.done, this.current] : this.done;
    return all.map((s) => smoothStroke(s));
  }

  /** The ink of all strokes, size×size values in [0, 1], row 0 on top. */
  raster(): GreyRaster {
    if (!this.doneInk) this.doneInk = this.rasterize(this.done);
    if (!this.current) return this.doneInk;
    const ink = Float64Array.from(this.doneInk.pixels);
    maxInto(ink, this.rasterize([this.current]).pixels);
    return { width: this.size, height: this.size, pixels: ink };
  }

  private rasterize(strokes: Point[][]): GreyRaster {
    return rasterizeStrokes(
      strokes.map((s) => smoothStroke(s)),
      this.size,
      this.size,
      this.penWidth,
    );
  }
}

function maxInto(target: Float64Array, source: Float64Array): void {
  for (let i = 0; i < target.length; i++) if (source[i] > target[i]) target[i] = source[i];
}

/** A network the pad can feed: sizes [784, …, 10] and its unrolled Θ. */
export interface PadNetwork {
  sizes: LayerSizes;
  theta: Float64Array;
}

/** What one update of the pad shows: the 28×28 input and the network's reading, or null for no ink. */
export interface PadReading {
  prepared: Preprocessed;
  reading: DrawingReading | null;
}

/**
 * The drawing as the network sees it (MNIST preprocessing) and, when a network is given, its forward
 * pass. null when the pad holds no ink: an empty pad predicts nothing.
 */
export function readPad(drawing: Drawing, network: PadNetwork | null): PadReading | null {
  const prepared = preprocessDrawing(drawing.raster());
  if (!prepared) return null;
  if (network && network.sizes[0] !== prepared.input.length) {
    throw new Error(`the network reads ${network.sizes[0]} inputs but the pad makes ${prepared.input.length} (28×28)`);
  }
  return { prepared, reading: network ? readDrawing(network.theta, network.sizes, prepared.input) : null };
}

/** Median and largest of a list of durations in ms (null for none): how the pad's updates are reported. */
export function timingSummary(ms: readonly number[]): { count: number; median: number; max: number } | null {
  if (ms.length === 0) return null;
  const sorted = [...ms].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  return { count: sorted.length, median, max: sorted[sorted.length - 1] };
}
