/**
 * How long preprocessing a drawing takes, for `npm run bench` (never asserted in tests: timings
 * depend on the machine and on what else it is doing). The target is well under 1–2 ms for a
 * 280×280 pad, so the prediction can follow the pen.
 */
import { preprocessDrawing } from './preprocess';
import type { Raster } from './raster';
import { rasterizeStrokes } from './strokes';

export interface PreprocessTiming {
  readonly case: string;
  /** Median of `repeats` runs, in milliseconds. */
  readonly medianMs: number;
  readonly repeats: number;
}

/** Times rasterizing and preprocessing a typical digit drawn on a 280×280 pad (median of `repeats`). */
export function benchPreprocess(repeats = 200): PreprocessTiming[] {
  const strokes = [
    [
      { x: 90, y: 60 },
      { x: 170, y: 50 },
      { x: 190, y: 110 },
      { x: 120, y: 170 },
      { x: 110, y: 230 },
      { x: 200, y: 230 },
    ],
  ];
  const raster: Raster = rasterizeStrokes(strokes, 280, 280, 18);
  const full: Raster = { width: 280, height: 280, pixels: new Float64Array(280 * 280).fill(1) };
  return [
    {
      case: 'preprocess a stroke digit, 280×280 raster',
      medianMs: median(repeats, () => preprocessDrawing(raster)),
      repeats,
    },
    {
      case: 'preprocess a fully inked 280×280 raster',
      medianMs: median(repeats, () => preprocessDrawing(full)),
      repeats,
    },
    {
      case: 'rasterize 5 segments, pen 18, on 280×280',
      medianMs: median(repeats, () => rasterizeStrokes(strokes, 280, 280, 18)),
      repeats,
    },
  ];
}

function median(repeats: number, run: () => unknown): number {
  for (let i = 0; i < 20; i++) run(); // let the JIT settle first
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
