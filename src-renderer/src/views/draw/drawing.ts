/**
 * The drawing pad without the DOM: the strokes drawn so far, their ink as a raster, and what a trained
 * network reads in it. The pad's canvas only shows the strokes; everything the network sees is made
 * here, from the same smoothed points, so the whole path from pen to prediction is testable in Node.
 *
 * Ink is painted once and kept: finished strokes, and the pieces of the stroke in progress that later
 * points can no longer bend. An update paints only the last piece, in the box the pen can reach, so
 * it costs the same at the first stroke and at the tenth, and for a short stroke and a long one.
 */
import { preprocessDrawing, type Preprocessed } from '../../../../src-main/draw/preprocess';
import { readDrawing, type DrawingReading } from '../../../../src-main/draw/read-drawing';
import { rasterizeStrokes, type Point } from '../../../../src-main/draw/strokes';
import type { GreyRaster } from '../../../../src-main/draw/raster';
import type { LayerSizes } from '../../../../src-main/nn/shape';
import { smoothPiece, smoothStroke } from './pen';

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
  /** Ink of the finished strokes; null when it must be rebuilt (after undo or clear). */
  private doneInk: Float64Array | null = null;
  /** Ink of the finished strokes plus the pieces of the current stroke that can no longer change. */
  private liveInk: Float64Array | null = null;
  /** Pieces of the current stroke already in liveInk (piece i covers smoothPiece(points, i)). */
  private settledPieces = 0;
  /** liveInk plus the current stroke's last piece: what raster() hands out while the pen is down. */
  private shown: Float64Array | null = null;
  /** The box the last piece was painted in on `shown`, restored from liveInk before it is painted again. */
  private tailBox: PixelBox | null = null;

  constructor(
    readonly size = PAD_SIZE,
    readonly penWidth = PEN_WIDTH,
  ) {}

  /** Puts the pen down at p, starting a stroke (a lone point is a dot). */
  begin(p: Point): void {
    if (this.current) this.end();
    this.current = [p];
    this.liveInk = null;
  }

  /** Moves the pen (down) to p; ignored while the pen is up. */
  extend(p: Point): void {
    this.current?.push(p);
  }

  /** Lifts the pen, keeping the stroke. */
  end(): void {
    if (!this.current) return;
    const ink = this.strokeInk();
    this.done.push(this.current);
    this.current = null;
    this.liveInk = this.shown = null;
    this.doneInk = ink;
  }

  /** Removes the last stroke (the one being drawn, if the pen is down); false when there was none. */
  undo(): boolean {
    if (this.current) {
      this.current = null;
      this.liveInk = null;
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
    this.liveInk = null;
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

  /**
   * The ink of all strokes, size×size values in [0, 1], row 0 on top. The pixels are the pad's own
   * buffer, valid until the drawing changes: read them, don't keep or modify them.
   */
  raster(): GreyRaster {
    const pixels = this.current ? this.strokeInk() : this.finishedInk();
    return { width: this.size, height: this.size, pixels };
  }

  private finishedInk(): Float64Array {
    if (!this.doneInk) {
      this.doneInk = new Float64Array(this.size * this.size);
      for (const stroke of this.done) this.paint(this.doneInk, smoothStroke(stroke));
    }
    return this.doneInk;
  }

  /**
   * Finished ink plus the current stroke. The settled pieces are painted once into liveInk (and into
   * the shown buffer); only the last piece, which the next point will still bend, is painted again,
   * after its previous box was restored from liveInk. No full-size copy per update.
   */
  private strokeInk(): Float64Array {
    const points = this.current!;
    if (!this.liveInk) {
      this.liveInk = Float64Array.from(this.finishedInk());
      this.shown = Float64Array.from(this.liveInk);
      this.settledPieces = 0;
      this.tailBox = null;
    }
    const live = this.liveInk;
    const shown = this.shown!;
    if (this.tailBox) {
      const { left, top, right, bottom } = this.tailBox;
      for (let r = top; r < bottom; r++)
        shown.set(live.subarray(r * this.size + left, r * this.size + right), r * this.size + left);
    }
    let tail: Point[];
    if (points.length < 3) {
      tail = smoothStroke(points);
    } else {
      const last = points.length - 2;
      for (let i = this.settledPieces + 1; i < last; i++) {
        const piece = smoothPiece(points, i);
        this.paint(live, piece);
        this.paint(shown, piece);
      }
      this.settledPieces = last - 1;
      tail = smoothPiece(points, last);
    }
    this.tailBox = this.paint(shown, tail);
    return shown;
  }

  /**
   * Paints a polyline into `ink` (darker ink wins): rasterizeStrokes on just the box the pen can reach,
   * shifted by whole pixels so every pixel centre stays where it was, then merged in.
   */
  private paint(ink: Float64Array, line: Point[]): PixelBox | null {
    if (line.length === 0) return null;
    const reach = this.penWidth / 2 + 1;
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const p of line) {
      if (p.x < minX) minX = p.x;
      if (p.x > maxX) maxX = p.x;
      if (p.y < minY) minY = p.y;
      if (p.y > maxY) maxY = p.y;
    }
    const left = Math.max(0, Math.floor(minX - reach));
    const top = Math.max(0, Math.floor(minY - reach));
    const right = Math.min(this.size, Math.ceil(maxX + reach));
    const bottom = Math.min(this.size, Math.ceil(maxY + reach));
    if (right <= left || bottom <= top) return null;
    const width = right - left;
    const box = rasterizeStrokes(
      [line.map((p) => ({ x: p.x - left, y: p.y - top }))],
      width,
      bottom - top,
      this.penWidth,
    ).pixels;
    for (let r = 0; r < bottom - top; r++) {
      const row = (top + r) * this.size + left;
      for (let c = 0; c < width; c++) {
        const v = box[r * width + c];
        if (v > ink[row + c]) ink[row + c] = v;
      }
    }
    return { left, top, right, bottom };
  }
}

/** Columns left…right−1 and rows top…bottom−1 of the pad. */
interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A network the pad can feed: sizes [784, …, 10] and its unrolled Θ. */
export interface PadNetwork {
  sizes: LayerSizes;
  theta: Float64Array;
  /** The z-scores the run trained with (z = (x − mean)/sd per pixel); the pad's input goes through them too. */
  standardization?: { mean: number[]; sd: number[] } | null;
  /** The run's cost and hidden activation (Ng's when absent): the forward pass needs the activation. */
  model?: Parameters<typeof readDrawing>[3];
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
  if (!network) return { prepared, reading: null };
  const s = network.standardization;
  const input = s ? Float64Array.from(prepared.input, (x, j) => (x - s.mean[j]) / s.sd[j]) : prepared.input;
  return { prepared, reading: readDrawing(network.theta, network.sizes, input, network.model) };
}

/** Median and largest of a list of durations in ms (null for none): how the pad's updates are reported. */
export function timingSummary(ms: readonly number[]): { count: number; median: number; max: number } | null {
  if (ms.length === 0) return null;
  const sorted = [...ms].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  return { count: sorted.length, median, max: sorted[sorted.length - 1] };
}
