/**
 * The image operations MNIST's preprocessing is made of: find the ink, resize it with
 * anti-aliasing, measure its centre of mass, and move it. Each keeps values in [0, 1].
 *
 * Resizing is separable (rows, then columns) and each output pixel reads only the few source pixels
 * it covers, so shrinking a 280×280 canvas to 20×20 touches each source pixel about twice.
 */
import type { GreyRaster, Raster } from './raster';

/** A rectangle of pixels: columns left…left+width−1, rows top…top+height−1. */
export interface Box {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The smallest box holding every pixel with ink (> 0), or null when the raster is blank. */
export function inkBoundingBox(raster: Raster): Box | null {
  const { width, height, pixels } = raster;
  let left = width;
  let right = -1;
  let top = -1;
  let bottom = -1;
  for (let r = 0; r < height; r++) {
    const row = r * width;
    let first = -1;
    let last = -1;
    for (let c = 0; c < width; c++) {
      if (pixels[row + c] > 0) {
        if (first < 0) first = c;
        last = c;
      }
    }
    if (first < 0) continue;
    if (top < 0) top = r;
    bottom = r;
    if (first < left) left = first;
    if (last > right) right = last;
  }
  if (top < 0) return null;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}

/**
 * Number of output pixels a source axis of `length` pixels covers after scaling by num/den:
 * ⌈length·num/den⌉, computed in whole numbers so that no rounding can add an empty row.
 */
export function scaledLength(length: number, num: number, den: number): number {
  return Math.floor((length * num + den - 1) / den);
}

/**
 * The pixels of `box` resized by num/den, the same factor both ways so shapes keep their aspect
 * ratio: area-averaged when shrinking (num ≤ den), bilinear when enlarging. The result is
 * ⌈box.width·num/den⌉ × ⌈box.height·num/den⌉ pixels with values in [0, 1].
 */
export function resizeBox(raster: Raster, box: Box, num: number, den: number): GreyRaster {
  if (!(Number.isInteger(num) && num >= 1 && Number.isInteger(den) && den >= 1)) {
    throw new Error(`resize: the scale must be a ratio of whole numbers ≥ 1, got ${num}/${den}`);
  }
  return num <= den ? shrinkBox(raster, box, num, den) : enlargeBox(raster, box, num, den);
}

/**
 * Area averaging (a box filter): output pixel u is the mean ink over the source interval it covers,
 * partial source pixels counted by how much of them it covers.
 *
 * Both axes are measured on a common whole-number scale: source pixel i spans [i·num, (i+1)·num)
 * and output pixel u spans [u·den, (u+1)·den), so every overlap is a whole
 * number and a uniformly inked region comes out exactly uniform (full ink stays exactly 1). Each
 * source pixel hands out exactly num/den of its ink per axis, so total ink scales by (num/den)².
 */
function shrinkBox(raster: Raster, box: Box, num: number, den: number): GreyRaster {
  const across = overlaps(box.width, num, den);
  const down = overlaps(box.height, num, den);
  const outWidth = across.length;
  const outHeight = down.length;
  const { width, pixels } = raster;

  // rows first: every row of the box becomes outWidth sums (still to be divided by den)
  const rows = new Float64Array(box.height * outWidth);
  for (let r = 0; r < box.height; r++) {
    const source = (box.top + r) * width + box.left;
    for (let u = 0; u < outWidth; u++) {
      const { first, weights } = across[u];
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * pixels[source + first + k];
      rows[r * outWidth + u] = sum;
    }
  }
  // then columns, dividing once by den² (the area of an output pixel on the common scale)
  const area = den * den;
  const out = new Float64Array(outWidth * outHeight);
  for (let v = 0; v < outHeight; v++) {
    const { first, weights } = down[v];
    for (let u = 0; u < outWidth; u++) {
      let sum = 0;
      for (let k = 0; k < weights.length; k++) sum += weights[k] * rows[(first + k) * outWidth + u];
      const value = sum / area;
      out[v * outWidth + u] = value > 1 ? 1 : value;
    }
  }
  return { width: outWidth, height: outHeight, pixels: out };
}

/** For each output pixel along one axis: the first source pixel it covers and the whole-number overlaps. */
function overlaps(length: number, num: number, den: number): { first: number; weights: Float64Array }[] {
  const n = scaledLength(length, num, den);
  return Array.from({ length: n }, (_, u) => {
    const from = u * den;
    const to = Math.min((u + 1) * den, length * num);
    const first = Math.floor(from / num);
    const last = Math.floor((to - 1) / num);
    const weights = new Float64Array(last - first + 1);
    for (let i = first; i <= last; i++) weights[i - first] = Math.min(to, (i + 1) * num) - Math.max(from, i * num);
    return { first, weights };
  });
}

/**
 * Bilinear interpolation: output pixel u's centre, (u + ½)·den/num − ½ in source pixel coordinates,
 * is read between the two nearest source pixels as a + t·(b − a). Beyond the outermost source pixel
 * centres the edge value is held. Written as a + t·(b − a) so a uniform region stays exactly uniform.
 */
function enlargeBox(raster: Raster, box: Box, num: number, den: number): GreyRaster {
  const across = lerpTaps(box.width, num, den);
  const down = lerpTaps(box.height, num, den);
  const outWidth = across.length;
  const outHeight = down.length;
  const { width, pixels } = raster;

  const rows = new Float64Array(box.height * outWidth);
  for (let r = 0; r < box.height; r++) {
    const source = (box.top + r) * width + box.left;
    for (let u = 0; u < outWidth; u++) {
      const { i, t } = across[u];
      const a = pixels[source + i];
      rows[r * outWidth + u] = t === 0 ? a : a + t * (pixels[source + i + 1] - a);
    }
  }
  const out = new Float64Array(outWidth * outHeight);
  for (let v = 0; v < outHeight; v++) {
    const { i, t } = down[v];
    for (let u = 0; u < outWidth; u++) {
      const a = rows[i * outWidth + u];
      const value = t === 0 ? a : a + t * (rows[(i + 1) * outWidth + u] - a);
      out[v * outWidth + u] = value < 0 ? 0 : value > 1 ? 1 : value;
    }
  }
  return { width: outWidth, height: outHeight, pixels: out };
}

/** For each output pixel along one axis: the source pixel i left of its centre and the fraction t towards i + 1. */
function lerpTaps(length: number, num: number, den: number): { i: number; t: number }[] {
  const n = scaledLength(length, num, den);
  return Array.from({ length: n }, (_, u) => {
    const x = Math.min(length - 1, Math.max(0, ((2 * u + 1) * den - num) / (2 * num)));
    const i = Math.floor(x);
    return { i, t: i + 1 < length ? x - i : 0 };
  });
}

/**
 * Centre of mass of the ink in pixel index coordinates (pixel (row r, column c) sits at (c, r)):
 * x = Σ c·v / Σ v, y = Σ r·v / Σ v, with mass Σ v. Of a blank image x and y are NaN.
 */
export function centreOfMass(image: Raster): { x: number; y: number; mass: number } {
  const { width, height, pixels } = image;
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const v = pixels[r * width + c];
      mass += v;
      sx += c * v;
      sy += r * v;
    }
  }
  return { x: sx / mass, y: sy / mass, mass };
}

/**
 * `image` pasted onto a blank size×size canvas with its pixel (0, 0) at column dx, row dy (whole
 * numbers, possibly negative); whatever falls outside the canvas is cut off.
 */
export function placeOnCanvas(image: Raster, size: number, dx: number, dy: number): Float64Array {
  const canvas = new Float64Array(size * size);
  const { width, height, pixels } = image;
  for (let r = Math.max(0, -dy); r < height && r + dy < size; r++) {
    for (let c = Math.max(0, -dx); c < width && c + dx < size; c++) {
      canvas[(r + dy) * size + c + dx] = pixels[r * width + c];
    }
  }
  return canvas;
}
