/**
 * A drawing as a greyscale raster: `width`×`height` ink values in [0, 1] (0 = paper, 1 = full ink),
 * row-major with row 0 on top, the same orientation as the MNIST digits the network was trained on.
 *
 * Pure and DOM-free: the renderer hands us its canvas pixels, we never touch the canvas.
 */

/** Ink values of a drawing, row-major, row 0 on top: pixel (row r, column c) is pixels[r·width + c]. */
export interface Raster {
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayLike<number>;
}

/** A raster we produced ourselves, its pixels in a Float64Array. */
export interface GreyRaster extends Raster {
  readonly pixels: Float64Array;
}

/**
 * Throws a clear error unless the raster has whole-number sides ≥ 1, width·height values, and every
 * value is a finite number in [0, 1]; the message names the pixel (row, column) that is wrong.
 */
export function validateRaster(raster: Raster, what = 'drawing'): void {
  const { width, height, pixels } = raster;
  if (!Number.isInteger(width) || width < 1) throw new Error(`${what}: width must be a whole number ≥ 1, got ${width}`);
  if (!Number.isInteger(height) || height < 1)
    throw new Error(`${what}: height must be a whole number ≥ 1, got ${height}`);
  if (pixels.length !== width * height) {
    throw new Error(
      `${what}: expected width·height = ${width}·${height} = ${width * height} values, got ${pixels.length}`,
    );
  }
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    // written so that NaN fails too
    if (!(v >= 0 && v <= 1)) {
      throw new Error(
        `${what}: pixel at row ${Math.floor(i / width)}, column ${i % width} is ${v}, not an ink value in [0, 1]`,
      );
    }
  }
}

/**
 * The ink of an RGBA image (e.g. a canvas's ImageData.data, 4 bytes per pixel) read from its alpha
 * channel: alpha/255. A pad that draws opaque strokes on a transparent canvas keeps its ink there,
 * whatever colour the strokes are shown in.
 */
export function rasterFromAlpha(rgba: ArrayLike<number>, width: number, height: number): GreyRaster {
  if (!Number.isInteger(width) || width < 1)
    throw new Error(`RGBA image: width must be a whole number ≥ 1, got ${width}`);
  if (!Number.isInteger(height) || height < 1)
    throw new Error(`RGBA image: height must be a whole number ≥ 1, got ${height}`);
  if (rgba.length !== 4 * width * height) {
    throw new Error(`RGBA image: expected 4·${width}·${height} = ${4 * width * height} bytes, got ${rgba.length}`);
  }
  const pixels = new Float64Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const alpha = rgba[4 * i + 3];
    if (!(alpha >= 0 && alpha <= 255)) {
      throw new Error(
        `RGBA image: alpha at row ${Math.floor(i / width)}, column ${i % width} is ${alpha}, not a byte 0…255`,
      );
    }
    pixels[i] = alpha / 255;
  }
  return { width, height, pixels };
}
