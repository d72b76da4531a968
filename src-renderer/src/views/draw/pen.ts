/**
 * Smooth pen strokes. A pointer reports points every few pixels, and joining them with straight lines
 * draws visible corners on a curve. Each stroke is redrawn as quadratic Bézier pieces that pass
 * through the midpoints between reported points and bend towards the points themselves, then sampled
 * back into a polyline fine enough to look round. The pad draws that polyline on screen and the
 * network's input is rasterized from the very same points, so what you see is what it reads.
 */
import type { Point, Stroke } from '../../../../src-main/draw/strokes';

/**
 * The stroke as a fine polyline: starts at the first point, ends at the last, and in between follows
 * the quadratic curve through the midpoints of consecutive points (each point its control point).
 * `step` is the longest chord in pixels between samples. Fewer than 3 points are returned as they are.
 */
export function smoothStroke(points: Stroke, step = 2): Point[] {
  checkStep(step);
  if (points.length < 3) return points.map((p) => ({ x: p.x, y: p.y }));
  const out: Point[] = [{ x: points[0].x, y: points[0].y }];
  for (let i = 1; i < points.length - 1; i++) out.push(...smoothPiece(points, i, step).slice(1));
  return out;
}

/**
 * Piece i (1 ≤ i ≤ n − 2) of smoothStroke's curve: its start point followed by its samples. Piece i
 * depends on points i − 1, i and i + 1 only, and on whether it is the last piece, so once a stroke has
 * grown past i + 2 points the piece never changes again: the pad rasterizes it once.
 */
export function smoothPiece(points: Stroke, i: number, step = 2): Point[] {
  checkStep(step);
  if (!(Number.isInteger(i) && i >= 1 && i <= points.length - 2)) {
    throw new Error(
      `smoothPiece: piece must be a whole number in 1…${points.length - 2} for ${points.length} points, got ${i}`,
    );
  }
  const start = i === 1 ? points[0] : midpoint(points[i - 1], points[i]);
  const control = points[i];
  const end = i === points.length - 2 ? points[i + 1] : midpoint(points[i], points[i + 1]);
  // the curve's speed |B′(t)| is at most 2·max(|P1 − P0|, |P2 − P1|), so this many equal steps in t
  // keep every chord within `step`
  const reach = Math.max(
    Math.hypot(control.x - start.x, control.y - start.y),
    Math.hypot(end.x - control.x, end.y - control.y),
  );
  const pieces = Math.max(1, Math.ceil((2 * reach) / step));
  const out: Point[] = [{ x: start.x, y: start.y }];
  for (let k = 1; k <= pieces; k++) {
    const t = k / pieces;
    const u = 1 - t;
    out.push({
      x: u * u * start.x + 2 * u * t * control.x + t * t * end.x,
      y: u * u * start.y + 2 * u * t * control.y + t * t * end.y,
    });
  }
  return out;
}

function checkStep(step: number): void {
  if (!(Number.isFinite(step) && step > 0)) throw new Error(`smoothStroke: step must be a number > 0, got ${step}`);
}

function midpoint(a: Point, b: Point): Point {
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

/**
 * Where a pointer event lands on a pad of `size`×`size` drawing units shown in a box of CSS pixels
 * (the element's bounding rectangle), clamped to the pad so a stroke leaving it runs along the edge.
 */
export function padPoint(
  clientX: number,
  clientY: number,
  rect: { left: number; top: number; width: number; height: number },
  size: number,
): Point {
  if (!(rect.width > 0 && rect.height > 0))
    throw new Error(`padPoint: the pad has no area (${rect.width}×${rect.height})`);
  const clamp = (v: number) => (v < 0 ? 0 : v > size ? size : v);
  return {
    x: clamp(((clientX - rect.left) * size) / rect.width),
    y: clamp(((clientY - rect.top) * size) / rect.height),
  };
}
