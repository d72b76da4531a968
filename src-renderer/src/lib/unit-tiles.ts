/**
 * Where each hidden unit's tile lies on a displayData grid image drawn in a square box with
 * object-fit: contain, so the grid can be clicked unit by unit. The grid is the one
 * units/hidden-units.ts draws: floor(√k) rows, a 1-pixel border around and between tiles.
 */
import { gridShape } from '../../../src-main/units/hidden-units';

/** One tile's box in CSS pixels, relative to the square box's top-left corner. */
export interface TileBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * Boxes of `units` tiles on a grid image of gridWidth×gridHeight pixels shown in a box×box square.
 * Returns [] when the image does not have the size such a grid of `units` tiles would have.
 */
export function unitTiles(units: number, gridWidth: number, gridHeight: number, box: number): TileBox[] {
  if (units < 1 || gridWidth < 1 || gridHeight < 1) return [];
  const { rows, cols } = gridShape(units);
  const w = (gridWidth - 1) / cols - 1;
  const h = (gridHeight - 1) / rows - 1;
  if (!Number.isInteger(w) || !Number.isInteger(h) || w < 1 || h < 1) return [];
  const scale = Math.min(box / gridWidth, box / gridHeight);
  const x0 = (box - gridWidth * scale) / 2;
  const y0 = (box - gridHeight * scale) / 2;
  return Array.from({ length: units }, (_, k) => ({
    left: x0 + (1 + (k % cols) * (w + 1)) * scale,
    top: y0 + (1 + Math.floor(k / cols) * (h + 1)) * scale,
    width: w * scale,
    height: h * scale,
  }));
}
