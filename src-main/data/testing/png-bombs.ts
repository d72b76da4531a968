/**
 * Test support: real PNG files built chunk by chunk, with correct CRCs, so tests can hand the lab
 * what a hostile file would: image data that inflates far past what the header declares (a zlib
 * bomb), a colour profile (iCCP) that does the same, or an interlaced image written by hand.
 */
import { constants, deflateRawSync, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks carry it (over the type and the data). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One chunk: length, type, data, CRC. */
export function pngChunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** The 13 bytes of an IHDR: size, bit depth, colour type (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA), interlace. */
export function ihdr(width: number, height: number, depth: number, colourType: number, interlace = 0): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b[8] = depth;
  b[9] = colourType;
  b[12] = interlace;
  return b;
}

const PIECE = 16 * 2 ** 20;

/**
 * A zlib stream that inflates to `pieces` × 16 MiB of zero bytes: one deflated 16 MiB piece ending in
 * a sync flush (byte-aligned, not final), repeated, then an empty final block and the Adler-32 of
 * the zeros (a = 1, b = their count mod 65521). About 16 KB of stream per 16 MiB inflated.
 */
export function zlibOfZeros(pieces: number): Buffer {
  const piece = deflateRawSync(Buffer.alloc(PIECE), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((pieces * PIECE) % 65521) * 65536 + 1) >>> 0);
  return Buffer.concat([
    Buffer.from([0x78, 0xda]),
    ...Array<Buffer>(pieces).fill(piece),
    Buffer.from([0x03, 0x00]),
    adler,
  ]);
}

/** A PNG of the given header whose image data is `zlib`, split into IDAT chunks of 1 MiB; `extra` chunks go before it. */
export function pngWithData(header: Buffer, zlib: Buffer, extra: Buffer[] = []): Buffer {
  const idats: Buffer[] = [];
  for (let at = 0; at < zlib.length; at += 2 ** 20) idats.push(pngChunk('IDAT', zlib.subarray(at, at + 2 ** 20)));
  return Buffer.concat([SIGNATURE, pngChunk('IHDR', header), ...extra, ...idats, pngChunk('IEND', new Uint8Array(0))]);
}

/** A colour-profile chunk named "bomb" whose compressed profile inflates to `pieces` × 16 MiB. */
export function iccpBomb(pieces: number): Buffer {
  return pngChunk('iCCP', Buffer.concat([Buffer.from('bomb\0\0', 'latin1'), zlibOfZeros(pieces)]));
}

/**
 * Adam7's passes: first column, first row, step across, step down. Written out again rather than
 * imported from png-data.ts on purpose: the PNGs these tests build check that table, so they must not share it.
 */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** An interlaced (Adam7) 8-bit grey PNG of `pixels` (row by row), each pass's rows unfiltered. */
export function interlacedGreyPng(width: number, height: number, pixels: number[]): Buffer {
  const raw: number[] = [];
  for (const [x0, y0, dx, dy] of ADAM7) {
    for (let y = y0; y < height; y += dy) {
      if (x0 >= width) break;
      raw.push(0);
      for (let x = x0; x < width; x += dx) raw.push(pixels[y * width + x]);
    }
  }
  return pngWithData(ihdr(width, height, 8, 0, 1), deflateSync(Buffer.from(raw)));
}
