/**
 * A folder of images, one sub-folder per class (cats/…, dogs/…; or 0/…, 1/…): PNG (fast-png) and
 * JPEG (jpeg-js), turned greyscale (luma 0.299 R + 0.587 G + 0.114 B, over black where transparent)
 * and resized to size×size by averaging the source pixels each target pixel covers (the image is
 * stretched to a square). Classes are the sub-folder names, in the same order as a table's classes.
 * Other files (.DS_Store, README) are skipped; an image that cannot be decoded is an error naming it.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { convertIndexedToRgb, decode as decodePng } from 'fast-png';
import { decode as decodeJpeg } from 'jpeg-js';
import { checkPngData } from './png-data';
import { DataError } from './errors';
import { readImageHeader, refuseOverBudget } from './image-header';
import { dataLimits, sizeInWords } from './limits';
import { readRegularFile } from './read';
import { MAX_CLASSES, MIN_CLASSES } from './tabular';
import type { PixelTable } from './pixel-table';

/** Image side used when the user does not choose one (MNIST's). */
export const DEFAULT_IMAGE_SIZE = 28;
const IMAGE_FILE = /\.(png|jpe?g)$/i;

/** True when `path` is a directory (a folder of class sub-folders, not a data file). */
export function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Loads every image under `folder`/<class>/ as size×size greyscale bytes. */
export function loadImageFolder(folder: string, size = DEFAULT_IMAGE_SIZE): PixelTable {
  if (!Number.isInteger(size) || size < 2 || size > 256)
    throw new DataError(folder, `image size ${size} must be a whole number from 2 to 256`);
  const classes = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name);
  const classNames = sortClasses(classes);
  if (classNames.length < MIN_CLASSES || classNames.length > MAX_CLASSES) {
    throw new DataError(
      folder,
      `holds ${classNames.length} class sub-folder${classNames.length === 1 ? '' : 's'}; ` +
        `put each class's images in its own sub-folder (${MIN_CLASSES} to ${MAX_CLASSES} classes)`,
    );
  }
  const images: Uint8Array[] = [];
  const labels: number[] = [];
  classNames.forEach((name, k) => {
    const dir = join(folder, name);
    const files = readdirSync(dir)
      .filter((f) => IMAGE_FILE.test(f))
      .sort();
    if (files.length === 0) throw new DataError(dir, 'holds no .png or .jpg images');
    for (const f of files) {
      images.push(greyscaleSquare(join(dir, f), size));
      labels.push(k);
    }
  });
  const n = size * size;
  const pixels = new Uint8Array(images.length * n);
  images.forEach((img, i) => pixels.set(img, i * n));
  return {
    kind: 'bytes',
    pixels,
    labels: Uint8Array.from(labels),
    m: images.length,
    width: size,
    height: size,
    classNames,
    featureNames: null,
  };
}

function sortClasses(names: string[]): string[] {
  if (names.every((c) => /^\d+$/.test(c))) return names.sort((a, b) => Number(a) - Number(b));
  return names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One image file as size×size bytes of grey. Only a regular file is read (checked on the opened
 * descriptor, so neither a FIFO nor a link to /dev/zero named x.png gets through), at most the image
 * file limit, and its header must declare no more pixels than the lab decodes.
 */
function greyscaleSquare(file: string, size: number): Uint8Array {
  const limits = dataLimits();
  const bytes = readRegularFile(file, (fileSize) => {
    if (fileSize > limits.maxImageFileBytes) {
      throw new DataError(
        file,
        `image file is ${sizeInWords(fileSize)}, more than the ${sizeInWords(limits.maxImageFileBytes)} the lab reads of one image`,
      );
    }
  });
  refuseOverBudget(readImageHeader(bytes, file), limits.maxImagePixels, file);
  let width: number;
  let height: number;
  let grey: Float64Array;
  try {
    if (/\.png$/i.test(file)) {
      // The header's size passed the budget; its compressed data must inflate to no more than that size.
      const checked = checkPngData(bytes);
      if ('problem' in checked) throw new DataError(file, checked.problem);
      const png = decodePng(checked.png);
      const max = 2 ** png.depth - 1;
      const data = png.palette ? convertIndexedToRgb(png) : png.data;
      const channels = png.palette ? png.palette[0].length : png.channels;
      ({ width, height } = png);
      grey = toGrey(data, width * height, channels, max);
    } else {
      const jpeg = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: 50 });
      ({ width, height } = jpeg);
      grey = toGrey(jpeg.data, width * height, 4, 255);
    }
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError(file, `cannot be decoded as an image: ${(e as Error).message}`);
  }
  if (width < 1 || height < 1) throw new DataError(file, 'image has no pixels');
  return resizeArea(grey, width, height, size);
}

/** Luma in [0, 1] of each pixel; alpha (when present) blends over black. */
function toGrey(data: ArrayLike<number>, count: number, channels: number, max: number): Float64Array {
  const out = new Float64Array(count);
  for (let p = 0; p < count; p++) {
    const o = p * channels;
    let v: number;
    if (channels <= 2) v = data[o] / max;
    else v = (0.299 * data[o] + 0.587 * data[o + 1] + 0.114 * data[o + 2]) / max;
    if (channels === 2 || channels === 4) v *= data[o + channels - 1] / max;
    out[p] = v;
  }
  return out;
}

/** Box-filter resize of a w×h grey image to size×size bytes: each target pixel averages the area it covers. */
function resizeArea(src: Float64Array, w: number, h: number, size: number): Uint8Array {
  const out = new Uint8Array(size * size);
  const sx = w / size;
  const sy = h / size;
  for (let ty = 0; ty < size; ty++) {
    const y0 = ty * sy;
    const y1 = y0 + sy;
    for (let tx = 0; tx < size; tx++) {
      const x0 = tx * sx;
      const x1 = x0 + sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.min(h, Math.ceil(y1)); y++) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        for (let x = Math.floor(x0); x < Math.min(w, Math.ceil(x1)); x++) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          sum += src[y * w + x] * wx * wy;
          area += wx * wy;
        }
      }
      out[ty * size + tx] = Math.round((255 * sum) / area);
    }
  }
  return out;
}
