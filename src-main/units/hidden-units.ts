/**
 * What each unit of the first hidden layer "looks for": its incoming weights Θ(1)[j][1…n] drawn as
 * an image of the input's shape, the way Ng's displayData shows them in exercise 4.
 *
 * Each unit is divided by its own max |w|, so the values lie in [−1, 1]; −1 is black, 0 mid-grey,
 * +1 white (imagesc with [−1 1] and a gray colormap). The grid puts the units in rows of
 * ceil(k / floor(√k)) with a 1-pixel black border (displayData fills with −1), left to right, top to
 * bottom. Images are row-major: input pixel (row r, column c) is feature r·width + c, Θ column 1 + r·width + c.
 */
import { encode } from 'fast-png';
import { thetaLayout, type LayerSizes } from '../nn/shape';

/** An 8-bit greyscale image: raw pixels (row-major, width×height) and the same image as PNG bytes. */
export interface GreyImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
  readonly png: Uint8Array;
}

/** Every hidden unit's image and the grid of all of them, from one pass over Θ(1). */
export interface HiddenUnitImages {
  readonly units: GreyImage[];
  readonly grid: GreyImage;
}

/** Grey level of the border between units: displayData pads with −1, which imagesc draws black. */
export const PADDING_GREY = 0;

/** Maps a normalized weight in [−1, 1] to a grey level: −1 → 0, 0 → 128, +1 → 255. */
export function greyLevel(value: number): number {
  const g = Math.round((value + 1) * 127.5);
  return g < 0 ? 0 : g > 255 ? 255 : g;
}

/**
 * Grey pixels of hidden unit j: Θ(1)[j][1…n] (bias column 0 left out) divided by max |Θ(1)[j][i]|.
 * A unit whose weights are all 0 (zeros init) is uniformly mid-grey rather than 0/0.
 */
export function unitPixels(
  theta: Float64Array,
  sizes: LayerSizes,
  width: number,
  height: number,
  unit: number,
): Uint8Array {
  const { rows, cols, offset } = firstLayer(theta, sizes, width, height);
  if (!Number.isInteger(unit) || unit < 0 || unit >= rows) {
    throw new Error(`hidden unit must be a whole number in 0…${rows - 1}, got ${unit}`);
  }
  const start = offset + unit * cols + 1;
  const n = cols - 1;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.abs(theta[start + i]);
    if (a > maxAbs) maxAbs = a;
  }
  const scale = maxAbs > 0 ? 1 / maxAbs : 0;
  const pixels = new Uint8Array(n);
  for (let i = 0; i < n; i++) pixels[i] = greyLevel(theta[start + i] * scale);
  return pixels;
}

/** One image per unit of the first hidden layer, each of the input's width×height. */
export function unitImages(theta: Float64Array, sizes: LayerSizes, width: number, height: number): GreyImage[] {
  const { rows } = firstLayer(theta, sizes, width, height);
  const images: GreyImage[] = [];
  for (let j = 0; j < rows; j++) images.push(greyImage(width, height, unitPixels(theta, sizes, width, height, j)));
  return images;
}

/** Rows and columns of displayData's near-square grid for k images: floor(√k) rows, enough columns. */
export function gridShape(k: number): { rows: number; cols: number } {
  if (!Number.isInteger(k) || k < 1) throw new Error(`a grid needs at least 1 image, got ${k}`);
  const rows = Math.floor(Math.sqrt(k));
  return { rows, cols: Math.ceil(k / rows) };
}

/** All units of the first hidden layer in one image, laid out and padded as displayData does. */
export function gridImage(theta: Float64Array, sizes: LayerSizes, width: number, height: number): GreyImage {
  const { rows } = firstLayer(theta, sizes, width, height);
  const tiles: Uint8Array[] = [];
  for (let j = 0; j < rows; j++) tiles.push(unitPixels(theta, sizes, width, height, j));
  return tileGrid(tiles, width, height);
}

/** Unit images and grid together, normalizing each unit once; what a training snapshot stores. */
export function hiddenUnitImages(
  theta: Float64Array,
  sizes: LayerSizes,
  width: number,
  height: number,
): HiddenUnitImages {
  const { rows } = firstLayer(theta, sizes, width, height);
  const tiles: Uint8Array[] = [];
  for (let j = 0; j < rows; j++) tiles.push(unitPixels(theta, sizes, width, height, j));
  return { units: tiles.map((p) => greyImage(width, height, p)), grid: tileGrid(tiles, width, height) };
}

function tileGrid(tiles: Uint8Array[], width: number, height: number): GreyImage {
  const { rows, cols } = gridShape(tiles.length);
  const gridWidth = 1 + cols * (width + 1);
  const gridHeight = 1 + rows * (height + 1);
  const pixels = new Uint8Array(gridWidth * gridHeight).fill(PADDING_GREY);
  tiles.forEach((tile, k) => {
    const top = 1 + Math.floor(k / cols) * (height + 1);
    const left = 1 + (k % cols) * (width + 1);
    for (let r = 0; r < height; r++) {
      pixels.set(tile.subarray(r * width, (r + 1) * width), (top + r) * gridWidth + left);
    }
  });
  return greyImage(gridWidth, gridHeight, pixels);
}

/**
 * Stored (level 0) deflate: weight images are noise-like and shrink only ~8% at level 6, while
 * compressing triples the time of a snapshot (≈10 ms → ≈3.5 ms for 25 units and the grid), time
 * taken out of training.
 */
const PNG_OPTIONS = { zlib: { level: 0 } } as const;

function greyImage(width: number, height: number, pixels: Uint8Array): GreyImage {
  return { width, height, pixels, png: encode({ width, height, data: pixels, depth: 8, channels: 1 }, PNG_OPTIONS) };
}

/** Θ(1)'s block, after checking that Θ fits the sizes and the input layer is width×height pixels. */
function firstLayer(theta: Float64Array, sizes: LayerSizes, width: number, height: number) {
  if (!Number.isInteger(width) || width < 1 || !Number.isInteger(height) || height < 1) {
    throw new Error(`image width and height must be whole numbers ≥ 1, got ${width}×${height}`);
  }
  const layout = thetaLayout(sizes);
  if (sizes[0] !== width * height) {
    throw new Error(`input layer has ${sizes[0]} units but images are ${width}×${height} = ${width * height} pixels`);
  }
  const last = layout[layout.length - 1];
  if (theta.length !== last.offset + last.rows * last.cols) {
    throw new Error(
      `expected ${last.offset + last.rows * last.cols} parameters for layers ${sizes.join('-')}, got ${theta.length}`,
    );
  }
  return layout[0];
}
