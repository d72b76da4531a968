/**
 * Test support: image folders holding one hostile file beside a good one, and PNGs that lie about their
 * size, shared by the data tests and the web host's fuzz cases so each hostile case is built one way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { crc32 } from './png-bombs';

/** A real 1×1 PNG of the given kind whose IHDR is rewritten to declare width×height (its CRC fixed). */
export function pngDeclaring(width: number, height: number, channels: 1 | 4, depth: 8 | 16): Buffer {
  const data = depth === 16 ? new Uint16Array(channels) : new Uint8Array(channels);
  const png = Buffer.from(encodePng({ width: 1, height: 1, data, channels, depth }));
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

/**
 * `root/tag`, a folder of two classes: a good 2×2 PNG in `a`, and `b/name` made by `make` (a bomb, a FIFO,
 * a link to a device…), so the folder is valid but for that one file.
 */
export function imageFolderWith(
  root: string,
  tag: string,
  name: string,
  make: (file: string) => void,
): { folder: string; file: string } {
  const folder = join(root, tag);
  mkdirSync(join(folder, 'a'), { recursive: true });
  mkdirSync(join(folder, 'b'), { recursive: true });
  writeFileSync(join(folder, 'a', 'ok.png'), encodePng({ width: 2, height: 2, data: new Uint8Array(4), channels: 1 }));
  const file = join(folder, 'b', name);
  make(file);
  return { folder, file };
}
