/**
 * From a drawing to the 28×28 input the network sees, the way MNIST was made (LeCun et al.): the
 * digit's bounding box is scaled to fit a 20×20 box keeping its aspect ratio, with anti-aliasing
 * (so edges turn grey), then moved so that its centre of mass lands on pixel (14, 14) of the 28×28 field.
 *
 * The shift is a whole number of pixels: round(14 − centre of mass), per axis. That is what MNIST
 * itself did: over all 10,000 bundled digits the centre of mass (Σ c·v / Σ v, pixel indices from 0)
 * lies within 0.5001 px of (14, 14) on each axis, spread evenly across that half pixel, which is
 * the signature of a rounded shift. A fractional shift would land exactly on (14, 14) but blur every
 * stroke by interpolation, making our digits softer than the ones the network learned from.
 *
 * Pixels come out row-major, row 0 on top, values in [0, 1], as src-main/data/mnist.ts gives them.
 */
import { validateRaster, type Raster } from './raster';
import { centreOfMass, inkBoundingBox, placeOnCanvas, resizeBox, type Box } from './resample';

export interface PreprocessOptions {
  /** Side of the square input, 28 for MNIST. */
  readonly size?: number;
  /** Side of the box the digit is scaled to fit, 20 for MNIST. */
  readonly box?: number;
}

/** The network's input and the steps that made it, so a lesson can show them. */
export interface Preprocessed {
  /** size×size ink values in [0, 1], row-major, row 0 on top: the x fed to the network. */
  readonly input: Float64Array;
  readonly size: number;
  /** Where the ink was found in the drawing. */
  readonly inkBox: Box;
  /** Factor the ink was resized by: box / max(ink width, ink height). */
  readonly scale: number;
  /** Size of the resized ink before it was placed. */
  readonly scaledWidth: number;
  readonly scaledHeight: number;
  /** Where the resized ink's pixel (0, 0) was put on the size×size field. */
  readonly offset: { readonly x: number; readonly y: number };
  /** Centre of mass of `input` (pixel indices), within ½ px of (size/2, size/2) unless ink was cut off. */
  readonly centreOfMass: { readonly x: number; readonly y: number };
}

/**
 * Turns a drawing into the network's input, MNIST-style (see the file comment), with the steps taken.
 * Returns null for a drawing without any ink: there is nothing to recognise, so nothing to predict.
 * Throws if the raster is malformed or holds a value outside [0, 1], naming the pixel.
 */
export function preprocessDrawing(drawing: Raster, options: PreprocessOptions = {}): Preprocessed | null {
  const { size = 28, box = 20 } = options;
  if (!Number.isInteger(size) || size < 1) throw new Error(`preprocess: size must be a whole number ≥ 1, got ${size}`);
  if (!Number.isInteger(box) || box < 1 || box > size) {
    throw new Error(`preprocess: box must be a whole number in 1…size (${size}), got ${box}`);
  }
  validateRaster(drawing);
  const inkBox = inkBoundingBox(drawing);
  if (inkBox === null) return null;

  const longSide = Math.max(inkBox.width, inkBox.height);
  const scale = box / longSide;
  const scaled = resizeBox(drawing, inkBox, box, longSide);
  const centre = centreOfMass(scaled);
  // ink so faint that shrinking averaged it away to exactly 0 is no drawing either
  if (!(centre.mass > 0)) return null;
  const x = Math.round(size / 2 - centre.x);
  const y = Math.round(size / 2 - centre.y);
  const input = placeOnCanvas(scaled, size, x, y);
  const placed = centreOfMass({ width: size, height: size, pixels: input });
  return {
    input,
    size,
    inkBox,
    scale,
    scaledWidth: scaled.width,
    scaledHeight: scaled.height,
    offset: { x, y },
    centreOfMass: { x: placed.x, y: placed.y },
  };
}

/** Just the network's input x for a drawing (see preprocessDrawing), or null when nothing is drawn. */
export function drawingToInput(drawing: Raster, options: PreprocessOptions = {}): Float64Array | null {
  return preprocessDrawing(drawing, options)?.input ?? null;
}
