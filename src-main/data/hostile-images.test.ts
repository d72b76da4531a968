/**
 * Image folders with hostile files (issue 20, B2 and B3): a tiny PNG whose header declares
 * 50000×50000, a 20000² RGBA16 header, a JPEG frame of 60000², a FIFO named x.png and a symbolic
 * link to /dev/zero named x.png. Each is refused with one line naming the file, before any pixel is
 * decoded or any byte of the special file is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { imageFolderWith, pngDeclaring } from './testing/image-folders';
import { loadImageFolder } from './image-folder';
import { messageOfDataError } from './testing/data-error';
import { readImageHeader } from './image-header';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-hostile-images-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A JPEG that is only a start-of-frame segment declaring width×height, then end of image. */
function jpegDeclaring(width: number, height: number): Buffer {
  const sof = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x03];
  const components = [0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01];
  return Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, ...sof, ...components, 0xff, 0xd9]);
}

const folderWith = (tag: string, name: string, make: (file: string) => void) => imageFolderWith(dir, tag, name, make);

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
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is 50000×50000 = 2500 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 21 GiB to decode)',
    );
  });

  it('refuses a 20000² RGBA16 header and a 60000² JPEG frame', () => {
    const png = folderWith('rgba16', 'x.png', (f) => writeFileSync(f, pngDeclaring(20_000, 20_000, 4, 16)));
    expect(messageOfDataError(() => loadImageFolder(png.folder, 8))).toBe(
      `${png.file}: is 20000×20000 = 400 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 6 GiB to decode)',
    );
    const jpg = folderWith('jpeg', 'x.jpg', (f) => writeFileSync(f, jpegDeclaring(60_000, 60_000)));
    expect(messageOfDataError(() => loadImageFolder(jpg.folder, 8))).toBe(
      `${jpg.file}: is 60000×60000 = 3600 megapixels; the lab decodes at most 64 megapixels per image ` +
        '(this one would take about 40.2 GiB to decode)',
    );
  });
});

describe('only regular files, checked on the opened descriptor', () => {
  it('refuses a FIFO named x.png at once (opening it does not block)', () => {
    const { folder, file } = folderWith('fifo', 'x.png', (f) => execFileSync('mkfifo', [f]));
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is a named pipe (FIFO), not a data file; only regular files can be read`,
    );
  });

  it('refuses a symbolic link to /dev/zero named x.png without reading from it', () => {
    const { folder, file } = folderWith('zero', 'x.png', (f) => symlinkSync('/dev/zero', f));
    expect(messageOfDataError(() => loadImageFolder(folder, 8))).toBe(
      `${file}: is a device, not a data file; only regular files can be read`,
    );
  });
});
