/**
 * Turning pen strokes into a raster, so a drawing can be kept as a few hundred points (small to
 * store, replayable) and still be preprocessed exactly like a painted canvas.
 *
 * Coordinates are the canvas's: x to the right, y down, pixel (row r, column c) covers
 * [c, c+1) × [r, r+1), so its centre is at (c + ½, r + ½).
 */
import type { GreyRaster } from './raster';

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** One pen-down…pen-up movement; a single point is a dot. */
export type Stroke = readonly Point[];

/**
 * Rasterizes strokes of a round pen `penWidth` pixels wide onto a `width`×`height` raster, anti-aliased:
 * a pixel whose centre lies at distance d from the pen's path gets ink clamp(penWidth/2 + ½ − d, 0, 1),
 * i.e. full ink well inside the stroke, a linear ramp one pixel wide across its edge. Where strokes
 * cross, the darker ink wins (max), so ink never exceeds 1 however often the pen passes.
 */
export function rasterizeStrokes(
  strokes: readonly Stroke[],
  width: number,
  height: number,
  penWidth: number,
): GreyRaster {
  if (!Number.isInteger(width) || width < 1) throw new Error(`strokes: width must be a whole number ≥ 1, got ${width}`);
  if (!Number.isInteger(height) || height < 1)
    throw new Error(`strokes: height must be a whole number ≥ 1, got ${height}`);
  if (!(Number.isFinite(penWidth) && penWidth > 0))
    throw new Error(`strokes: pen width must be a number > 0, got ${penWidth}`);
  const pixels = new Float64Array(width * height);
  strokes.forEach((stroke, s) => {
    stroke.forEach((p, i) => {
      if (!(Number.isFinite(p.x) && Number.isFinite(p.y))) {
        throw new Error(`strokes: stroke ${s}, point ${i} is (${p.x}, ${p.y}), not a pair of finite numbers`);
      }
    });
    if (stroke.length === 1) paintSegment(pixels, width, height, stroke[0], stroke[0], penWidth / 2);
    for (let i = 1; i < stroke.length; i++) paintSegment(pixels, width, height, stroke[i - 1], stroke[i], penWidth / 2);
  });
  return { width, height, pixels };
}

/** Paints the pen's coverage of segment a–b into every pixel it can reach (max with what is there). */
function paintSegment(pixels: Float64Array, width: number, height: number, a: Point, b: Point, radius: number): void {
  const reach = radius + 0.5; // beyond this distance from the path the coverage is 0
  const c0 = Math.max(0, Math.floor(Math.min(a.x, b.x) - reach));
  const c1 = Math.min(width - 1, Math.ceil(Math.max(a.x, b.x) + reach));
  const r0 = Math.max(0, Math.floor(Math.min(a.y, b.y) - reach));
  const r1 = Math.min(height - 1, Math.ceil(Math.max(a.y, b.y) + reach));
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const lengthSquared = dx * dx + dy * dy;
  for (let r = r0; r <= r1; r++) {
    const py = r + 0.5;
    for (let c = c0; c <= c1; c++) {
      const px = c + 0.5;
      // the point of the segment nearest the pixel centre, as a fraction t of the way from a to b
      const t = lengthSquared === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / lengthSquared));
      const d = Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
      const ink = Math.min(1, reach - d);
      const i = r * width + c;
      if (ink > pixels[i]) pixels[i] = ink;
    }
  }
}
