/**
 * An image's size from its header alone, so a file that declares more pixels than the lab decodes is
 * refused before any pixel is inflated: a 2 MB PNG may declare 50000×50000 and take gigabytes once
 * decoded. PNG keeps its size in the IHDR chunk right after the signature; JPEG in its start-of-frame
 * (SOFn) segment, found by walking the segments before the image data.
 */
import { DataError } from './errors';
import { sizeInWords } from './limits';

/** Width, height and the bytes one decoded pixel takes (all channels, 1 or 2 bytes each). */
export interface ImageHeader {
  width: number;
  height: number;
  bytesPerPixel: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels of each PNG colour type: grey, RGB, palette (expanded to RGB), grey + alpha, RGBA. */
const PNG_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

/** The size a PNG or JPEG declares, or a DataError naming `file` when the header is not one. */
export function readImageHeader(bytes: Uint8Array, file: string): ImageHeader {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return pngHeader(bytes, file);
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return jpegHeader(bytes, file);
  throw new DataError(file, 'cannot be decoded as an image: it is neither PNG nor JPEG (no signature)');
}

function pngHeader(bytes: Uint8Array, file: string): ImageHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const type = String.fromCharCode(...bytes.subarray(12, 16));
  if (bytes.length < 26 || type !== 'IHDR') {
    throw new DataError(file, 'cannot be decoded as an image: the PNG has no IHDR header where it must start');
  }
  const depth = bytes[24];
  const channels = PNG_CHANNELS[bytes[25]];
  if (channels === undefined)
    throw new DataError(file, `cannot be decoded as an image: unknown PNG colour type ${bytes[25]}`);
  return { width: view.getUint32(16), height: view.getUint32(20), bytesPerPixel: channels * (depth === 16 ? 2 : 1) };
}

function jpegHeader(bytes: Uint8Array, file: string): ImageHeader {
  let i = 2;
  while (i + 9 < bytes.length) {
    if (bytes[i] !== 0xff) {
      i++;
      continue;
    }
    const marker = bytes[i + 1];
    // SOF0–SOF15 hold the frame size; C4 (Huffman tables), C8 (reserved) and CC (arithmetic) do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = (bytes[i + 5] << 8) | bytes[i + 6];
      const width = (bytes[i + 7] << 8) | bytes[i + 8];
      return { width, height, bytesPerPixel: 4 }; // decoded as RGBA
    }
    if (marker === 0xd9 || marker === 0xda) break; // end of image, or the scan before any frame
    if (marker === 0xff || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += marker === 0xff ? 1 : 2;
      continue;
    }
    i += 2 + ((bytes[i + 2] << 8) | bytes[i + 3]);
  }
  throw new DataError(file, 'cannot be decoded as an image: the JPEG has no frame header (SOF) before its data');
}

/**
 * Refuses an image whose declared pixels pass `maxPixels`, saying how many it declares and about how
 * much memory decoding it would take (the decoded pixels plus the lab's grey copy, 8 bytes a pixel).
 */
export function refuseOverBudget(header: ImageHeader, maxPixels: number, file: string): void {
  const { width, height } = header;
  const pixels = width * height;
  if (width < 1 || height < 1) throw new DataError(file, `image is ${width}×${height}: it has no pixels`);
  if (pixels <= maxPixels) return;
  const mp = (p: number) => `${+(p / 1e6).toFixed(p >= 1e7 ? 0 : 1)} megapixels`;
  throw new DataError(
    file,
    `is ${width}×${height} = ${mp(pixels)}; the lab decodes at most ${mp(maxPixels)} per image ` +
      `(this one would take about ${sizeInWords(pixels * (header.bytesPerPixel + 8))} to decode)`,
  );
}
