/**
 * The IDX format MNIST is distributed in (yann.lecun.com/exdb/mnist): a big-endian header — two zero
 * bytes, a type byte (0x08 = unsigned byte), the number of dimensions, then one 32-bit size per
 * dimension — followed by the values. Images are idx3 (count × rows × cols, magic 0x00000803),
 * labels idx1 (count, magic 0x00000801). Any image size works; the network's input follows the data.
 */
import { DataError } from './errors';

export const IDX_IMAGES_MAGIC = 0x00000803;
export const IDX_LABELS_MAGIC = 0x00000801;

/** Images of an idx3 file: `pixels` holds count × rows × cols grey levels 0–255, row by row. */
export interface IdxImages {
  readonly count: number;
  readonly rows: number;
  readonly cols: number;
  readonly pixels: Uint8Array;
}

/** True when the bytes start like an unsigned-byte IDX file (00 00 08 …). */
export function looksLikeIdx(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0x08;
}

/** Parses an idx3 images file; errors name the byte offset (in the decompressed data for gzip). */
export function parseIdxImages(bytes: Uint8Array, file: string): IdxImages {
  const [count, rows, cols] = readHeader(bytes, file, IDX_IMAGES_MAGIC, 'images');
  if (rows === 0 || cols === 0) {
    throw new DataError(file, `images of ${rows}×${cols} pixels have no pixels`, rows === 0 ? 'byte 8' : 'byte 12');
  }
  const pixels = body(bytes, file, 16, count, rows * cols, `${count} images of ${rows}×${cols} pixels`);
  return { count, rows, cols, pixels };
}

/** Parses an idx1 labels file; every label must be a digit 0–9. */
export function parseIdxLabels(bytes: Uint8Array, file: string): Uint8Array {
  const [count] = readHeader(bytes, file, IDX_LABELS_MAGIC, 'labels');
  const labels = body(bytes, file, 8, count, 1, `${count} labels`);
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] > 9) {
      throw new DataError(file, `label ${labels[i]} (example ${i + 1}) is not a digit 0–9`, `byte ${8 + i}`);
    }
  }
  return labels;
}

function readHeader(bytes: Uint8Array, file: string, magic: number, what: 'images' | 'labels'): number[] {
  const dims = magic & 0xff;
  const headerLength = 4 + 4 * dims;
  const expected = hex(magic);
  if (bytes.length < 4) {
    throw new DataError(
      file,
      `truncated: the file ends inside the 4-byte magic number (expected ${expected})`,
      `byte ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = view.getUint32(0);
  if (found !== magic) {
    const other = what === 'images' ? IDX_LABELS_MAGIC : IDX_IMAGES_MAGIC;
    const hint =
      found === other
        ? `; this is an IDX ${what === 'images' ? 'labels' : 'images'} file — were images and labels swapped?`
        : bytes[0] === 0 && bytes[1] === 0 && bytes[2] !== 0x08
          ? `; data type 0x${bytes[2].toString(16).padStart(2, '0')} is not supported, only unsigned bytes (0x08)`
          : '';
    throw new DataError(
      file,
      `wrong magic number ${hex(found)} (expected ${expected} for IDX ${what})${hint}`,
      'byte 0',
    );
  }
  if (bytes.length < headerLength) {
    throw new DataError(
      file,
      `truncated: the file ends inside the ${headerLength}-byte header of IDX ${what}`,
      `byte ${bytes.length}`,
    );
  }
  const sizes: number[] = [];
  for (let d = 0; d < dims; d++) sizes.push(view.getUint32(4 + 4 * d));
  if (sizes[0] === 0) throw new DataError(file, `the header declares 0 ${what}`, 'byte 4');
  return sizes;
}

/** The `count` records of `recordLength` bytes after the header, checking the file has exactly those. */
function body(
  bytes: Uint8Array,
  file: string,
  start: number,
  count: number,
  recordLength: number,
  declared: string,
): Uint8Array {
  const length = count * recordLength;
  const available = bytes.length - start;
  if (available < length) {
    const whole = Math.floor(available / recordLength);
    throw new DataError(
      file,
      `truncated: the header declares ${declared} (${length} bytes after the ${start}-byte header) ` +
        `but the file ends after ${available} bytes (${whole} complete)`,
      `byte ${bytes.length}`,
    );
  }
  if (available > length) {
    throw new DataError(
      file,
      `${available - length} unexpected bytes after the last of the ${declared} the header declares`,
      `byte ${start + length}`,
    );
  }
  // A view, not a copy: the buffer was read freshly for this parse and nobody else holds it.
  return bytes.subarray(start, start + length);
}

function hex(n: number): string {
  return `0x${n.toString(16).padStart(8, '0')}`;
}
