/**
 * PNGs whose compressed image data inflates past what their header declares (issue 20, B2): a zlib
 * bomb. The header's pixel count is within budget, so only counting the inflated bytes against
 * rows × (1 + bytes a row) catches it; the file is refused with one line naming it (the peak memory
 * of a real process refusing one is measured in api/png-bomb-memory.test.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { decode as decodePng, encode as encodePng } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPngData, inflatedPngBytes } from './png-data';
import { imageFolderWith } from './testing/image-folders';
import { iccpBomb, ihdr, interlacedGreyPng, pngWithData, zlibOfZeros } from './testing/png-bombs';
import { loadImageFolder } from './image-folder';
import { messageOfDataError } from './testing/data-error';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-png-bomb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 4 GiB of zeros in about 4 MB of zlib: 256 pieces of 16 MiB. */
let fourGiB: Buffer;
beforeAll(() => {
  fourGiB = zlibOfZeros(256);
});

/** A folder of classes a (a good 2×2 PNG) and b (x.png holding `png`). */
const folderWith = (tag: string, png: Uint8Array) => imageFolderWith(dir, tag, 'x.png', (f) => writeFileSync(f, png));

describe('the inflated size a PNG header allows', () => {
  it('is rows × (1 filter byte + bytes a row), per Adam7 pass when interlaced', () => {
    expect(inflatedPngBytes(100, 100, 1, 8, false)).toBe(10_100); // 100 × (1 + 100)
    expect(inflatedPngBytes(3, 2, 4, 16, false)).toBe(50); // 2 × (1 + 3 × 8)
    expect(inflatedPngBytes(10, 4, 1, 1, false)).toBe(12); // 4 × (1 + ⌈10/8⌉)
    expect(inflatedPngBytes(8000, 8000, 1, 8, false)).toBe(64_008_000);
    // 5×3 Adam7: passes hold 1, 1, 0, 1, 3, 4 and 5 pixels in 1, 1, 0, 1, 1, 2 and 1 rows: 15 + 7.
    expect(inflatedPngBytes(5, 3, 1, 8, true)).toBe(22);
  });

  it("accepts real PNGs, fast-png's own and a hand-written interlaced one, and they decode to their pixels", () => {
    const plain = encodePng({ width: 3, height: 2, data: Uint8Array.from([1, 2, 3, 4, 5, 6]), channels: 1 });
    const ok = checkPngData(plain);
    expect('problem' in ok ? ok.problem : ok.expectedBytes).toBe(8);
    const pixels = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150];
    const checked = checkPngData(interlacedGreyPng(5, 3, pixels));
    if ('problem' in checked) throw new Error(checked.problem);
    expect(checked.expectedBytes).toBe(22);
    expect(Array.from(decodePng(checked.png).data)).toEqual(pixels);
  });
});

describe('image data that inflates past its header is refused before it is held', () => {
  it('a 100×100 grey header over 4 GiB of image data (a 4 MB file)', () => {
    const png = pngWithData(ihdr(100, 100, 8, 0), fourGiB);
    expect(png.length).toBeLessThan(8 * 2 ** 20);
    const { folder, file } = folderWith('small-header', png);
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: cannot be decoded as an image: its compressed image data inflates past 75,636 bytes, ` +
        'while the 100×100 grey 8-bit image its header declares needs 10,100',
    );
  });

  it('an 8000×8000 header, exactly the 64-megapixel budget, over 4 GiB of image data', () => {
    const { folder, file } = folderWith('budget-header', pngWithData(ihdr(8000, 8000, 8, 0), fourGiB));
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: cannot be decoded as an image: its compressed image data inflates past 64,073,536 bytes, ` +
        'while the 8000×8000 grey 8-bit image its header declares needs 64,008,000',
    );
  });

  it('an interlaced header counts its seven passes, and is refused the same way', () => {
    const { folder, file } = folderWith('interlaced', pngWithData(ihdr(5, 3, 8, 0, 1), zlibOfZeros(1)));
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: cannot be decoded as an image: its compressed image data inflates past 65,558 bytes, ` +
        'while the 5×3 grey 8-bit interlaced image its header declares needs 22',
    );
  });

  it('a colour profile (iCCP) inflating to 4 GiB is never inflated: the 2×2 image loads', () => {
    const pixels = zlibOfZerosSmall(2, 2);
    const { folder } = folderWith('iccp', pngWithData(ihdr(2, 2, 8, 0), pixels, [iccpBomb(256)]));
    const table = loadImageFolder(folder, 2);
    expect(table.m).toBe(2);
    expect(Array.from(table.pixels)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('names a chunk that runs past the end of the file', () => {
    const png = pngWithData(ihdr(2, 2, 8, 0), zlibOfZerosSmall(2, 2));
    const { folder, file } = folderWith('truncated', png.subarray(0, 45));
    expect(messageOfDataError(() => loadImageFolder(folder, 2))).toBe(
      `${file}: is a truncated PNG: its IDAT chunk runs past the end of the file`,
    );
    writeFileSync(file, png.subarray(0, 36));
    expect(messageOfDataError(() => loadImageFolder(folder, 2))).toBe(
      `${file}: is a truncated PNG: it ends inside a chunk header`,
    );
  });
});

/** Zlib of an all-black grey image of width×height: each row its filter byte 0 and zero pixels. */
function zlibOfZerosSmall(width: number, height: number): Buffer {
  return deflateSync(new Uint8Array(height * (1 + width)));
}
