/**
 * A PNG's compressed image data held to what its header says, before any decoder spends memory on
 * it. The header's size is checked against a pixel budget elsewhere (data/image-header.ts), but the
 * IDAT chunks are a zlib stream that may inflate to far more than the image needs: deflate packs
 * up to 1,032 bytes in one, so a 4 MB file whose header says 100×100 can inflate to 4 GB, and the
 * decoder (fast-png) keeps every inflated byte and then copies them once more.
 *
 * An image of width×height needs exactly rows × (1 + bytes a row) bytes once inflated (each row
 * starts with its filter byte; an interlaced image has seven such passes). Here the IDAT data is
 * inflated in small pieces that are counted and dropped, and the count stops at that size plus a
 * little slack (some encoders pad): peak memory is a few megabytes whatever the file says.
 */
import { Unzlib } from 'fflate';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples a pixel has in each PNG colour type: grey, RGB, palette index, grey + alpha, RGBA. */
const SAMPLES: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const COLOUR_NAMES: Record<number, string> = { 0: 'grey', 2: 'RGB', 3: 'palette', 4: 'grey + alpha', 6: 'RGBA' };
/** Bytes past the exact size still accepted: harmless, and some encoders leave a few. */
export const INFLATE_SLACK_BYTES = 64 * 1024;
/**
 * Compressed bytes handed to the inflater at a time. Deflate's densest code gives at most 1,032
 * bytes out per byte in, so one piece never inflates past ~4 MiB before it is counted.
 */
const PIECE_BYTES = 4096;
/** The chunks a decoder needs to draw the pixels; others (iCCP, zTXt, APNG frames) are dropped. */
const KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'tRNS', 'IDAT', 'IEND']);

/** Adam7's seven passes: first column and row, then steps across and down. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/**
 * The bytes a PNG's image data inflates to when it is what its header says: for each pass (one,
 * or Adam7's seven), rows × (1 filter byte + ⌈width × samples × depth / 8⌉).
 */
export function inflatedPngBytes(
  width: number,
  height: number,
  samples: number,
  depth: number,
  adam7: boolean,
): number {
  const rowBytes = (w: number) => 1 + Math.ceil((w * samples * depth) / 8);
  if (!adam7) return height * rowBytes(width);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
    const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
    if (w > 0 && h > 0) total += h * rowBytes(w);
  }
  return total;
}

/** A PNG fit to decode: only its pixel chunks, and image data that inflates to at most `budget` bytes. */
export interface CheckedPng {
  png: Uint8Array;
  /** What the header's size needs once inflated. */
  expectedBytes: number;
}

/**
 * Walks the PNG's chunks and inflates its image data, counting, against the size its header
 * declares. Returns the PNG with only the chunks that draw its pixels (so no other compressed chunk,
 * such as an ICC profile, is inflated by the decoder either), or the problem in one line (the
 * caller names the file): too much image data, a chunk running past the end, no header, bad zlib.
 */
export function checkPngData(bytes: Uint8Array): CheckedPng | { problem: string } {
  if (bytes.length < 8 || !SIGNATURE.every((b, i) => bytes[i] === b)) return { problem: 'is not a PNG image' };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [bytes.subarray(0, 8)];
  let budget = -1;
  let expectedBytes = 0;
  let header = '';
  let inflated = 0;
  let over = false;
  const inflater = new Unzlib((chunk) => {
    inflated += chunk.length;
    if (inflated > budget) {
      over = true;
      throw new RangeError('over budget'); // stops this push at once; the result is `over`
    }
  });
  let at = 8;
  let sawData = false;
  try {
    while (at < bytes.length) {
      if (at + 8 > bytes.length) return { problem: 'is a truncated PNG: it ends inside a chunk header' };
      const length = view.getUint32(at);
      const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
      const end = at + 12 + length;
      if (end > bytes.length) return { problem: `is a truncated PNG: its ${type} chunk runs past the end of the file` };
      const body = bytes.subarray(at + 8, at + 8 + length);
      if (type === 'IHDR') {
        if (length < 13) return { problem: 'is not a PNG image (its IHDR header is too short)' };
        const width = view.getUint32(at + 8);
        const height = view.getUint32(at + 12);
        const depth = body[8];
        const samples = SAMPLES[body[9]];
        if (samples === undefined)
          return { problem: `cannot be decoded as an image: unknown PNG colour type ${body[9]}` };
        if (![1, 2, 4, 8, 16].includes(depth))
          return { problem: `cannot be decoded as an image: PNG bit depth ${depth} is not 1, 2, 4, 8 or 16` };
        if (body[12] > 1) return { problem: `cannot be decoded as an image: unknown PNG interlace method ${body[12]}` };
        expectedBytes = inflatedPngBytes(width, height, samples, depth, body[12] === 1);
        budget = expectedBytes + INFLATE_SLACK_BYTES;
        header = `${width}×${height} ${COLOUR_NAMES[body[9]]} ${depth}-bit${body[12] === 1 ? ' interlaced' : ''} image`;
      } else if (type === 'IDAT') {
        if (budget < 0) return { problem: 'is not a PNG image (image data comes before its IHDR header)' };
        sawData = true;
        for (let p = 0; p < body.length; p += PIECE_BYTES) inflater.push(body.subarray(p, p + PIECE_BYTES), false);
      }
      if (KEPT_CHUNKS.has(type)) kept.push(bytes.subarray(at, end));
      at = end;
      if (type === 'IEND') break;
    }
    if (budget < 0) return { problem: 'is not a PNG image (no IHDR header)' };
    if (!sawData) return { problem: 'cannot be decoded as an image: the PNG has no image data (IDAT)' };
    inflater.push(new Uint8Array(0), true);
  } catch (e) {
    if (!over)
      return { problem: `cannot be decoded as an image: its image data is not valid zlib (${(e as Error).message})` };
  }
  if (over) {
    return {
      problem:
        `cannot be decoded as an image: its compressed image data inflates past ${budget.toLocaleString('en-US')} bytes, ` +
        `while the ${header} its header declares needs ${expectedBytes.toLocaleString('en-US')}`,
    };
  }
  const png = new Uint8Array(kept.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of kept) {
    png.set(c, o);
    o += c.length;
  }
  return { png, expectedBytes };
}
