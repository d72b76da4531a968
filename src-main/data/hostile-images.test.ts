/**
 * Image folders with hostile files (issue 20, B2 and B3): a tiny PNG whose header declares
 * 50000×50000, a 20000² RGBA16 header, a JPEG frame of 60000², a FIFO named x.png and a symbolic
 * link to /dev/zero named x.png. Each is refused with one line naming the file, before any pixel is
 * decoded or any byte of the special file is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadImageFolder } from './image-folder';
import { readImageHeader } from './image-header';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-hostile-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A real 1×1 PNG of the given kind whose IHDR is rewritten to declare width×height (its CRC fixed). */
export function pngDeclaring(width: number, height: number, channels: 1 | 4, depth: 8 | 16): Buffer {
  const data = depth === 16 ? new Uint16Array(channels) : new Uint8Array(channels);
  const png = Buffer.from(encodePng({ width: 1, height: 1, data, channels, depth }));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/** A JPEG that is only a start-of-frame segment declaring width×height, then end of image. */
function jpegDeclaring(width: number, height: number): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const components = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, ...sof, ...components, 0xff, 0xd9]);
}

/** A folder of two classes: a good 2×2 PNG in `a`, and `name` made by `make` in `b`. */
function folderWith(tag: string, name: string, make: (file: string) => void): { folder: string; file: string } {
  const folder = join(dir, tag);
  mkdirSync(join(folder, 'a'), { recursive: true });
  mkdirSync(join(folder, 'b'), { recursive: true });
  writeFileSync(join(folder, 'a', 'ok.png'), encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1 }));
  const file = join(folder, 'b', name);
  make(file);
  return { folder, file };
}
const failure = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e.message;
    throw e;
  }
  throw new Error('expected a DataError');
};

describe('image dimensions are read from the header and held to a pixel budget', () => {
  it('reads width, height and decoded bytes per pixel from PNG and JPEG headers', () => {
    expect(readImageHeader(pngDeclaring(50_000, 50_000, 1, 8), 'x.png')).toEqual({
      width: 50_000,
      height: 50_000,
      bytesPerPixel: 1,
    });
    expect(readImageHeader(pngDeclaring(20_000, 20_000, 4, 16), 'x.png')).toEqual({
      width: 20_000,
      height: 20_000,
      bytesPerPixel: 8,
    });
    expect(readImageHeader(jpegDeclaring(640, 480), 'x.jpg')).toEqual({ width: 640, height: 480, bytesPerPixel: 4 });
  });

  it('refuses a tiny PNG declaring 50000×50000 grey, naming it and the budget', () => {
    const { folder, file } = folderWith('huge-grey', 'x.png', (f) =>
      writeFileSync(f, pngDeclaring(50_000, 50_000, 1, 8)),
    );
    expect(failure(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is 50000×50000 = 2500 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 21 GiB to decode)',
    );
  });

  it('refuses a 20000² RGBA16 header and a 60000² JPEG frame', () => {
    const png = folderWith('rgba16', 'x.png', (f) => writeFileSync(f, pngDeclaring(20_000, 20_000, 4, 16)));
    expect(failure(() => loadImageFolder(png.folder, 8))).toBe(
      `${png.file}: is 20000×20000 = 400 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 6 GiB to decode)',
    );
    const jpg = folderWith('jpeg', 'x.jpg', (f) => writeFileSync(f, jpegDeclaring(60_000, 60_000)));
    expect(failure(() => loadImageFolder(jpg.folder, 8))).toBe(
      `${jpg.file}: is 60000×60000 = 3600 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 40.2 GiB to decode)',
    );
  });
});

describe('only regular files, checked on the opened descriptor', () => {
  it('refuses a FIFO named x.png at once (opening it does not block)', () => {
    const { folder, file } = folderWith('fifo', 'x.png', (f) => execFileSync('mkfifo', [f]));
    expect(failure(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is a named pipe (FIFO), not a data file; only regular files can be read`,
    );
  });

  it('refuses a symbolic link to /dev/zero named x.png without reading from it', () => {
    const { folder, file } = folderWith('zero', 'x.png', (f) => symlinkSync('/dev/zero', f));
    expect(failure(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is a device, not a data file; only regular files can be read`,
    );
  });
});
