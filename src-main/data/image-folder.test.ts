import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode as encodePng } from 'fast-png';
import { encode as encodeJpeg } from 'jpeg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadDataSplit } from './load';
import { loadImageFolder } from './image-folder';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-folder-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 4×4 greyscale PNG whose left half is `left` and right half `right`. */
function halves(left: number, right: number): Uint8Array {
  const data = new Uint8Array(16);
  for (let r = 0; r < 4; r++) for (let c = 0; c < 4; c++) data[r * 4 + c] = c < 2 ? left : right;
  return encodePng({ width: 4, height: 4, data, channels: 1, depth: 8 });
}

describe('loadImageFolder', () => {
  const root = join(dir, 'shapes');
  mkdirSync(join(root, 'zebra'), { recursive: true });
  mkdirSync(join(root, 'apple'), { recursive: true });
  writeFileSync(join(root, 'apple', 'a1.png'), halves(255, 0));
  writeFileSync(join(root, 'apple', 'a2.png'), halves(100, 50));
  writeFileSync(join(root, 'apple', 'notes.txt'), 'not an image');
  // RGB red (luma 0.299 · 255 = 76.245) as a 2×2 RGBA PNG, and a flat grey JPEG.
  const red = new Uint8Array([255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255, 255, 0, 0, 255]);
  writeFileSync(join(root, 'zebra', 'z1.png'), encodePng({ width: 2, height: 2, data: red, channels: 4, depth: 8 }));
  const grey = new Uint8Array(8 * 8 * 4).map((_, i) => (i % 4 === 3 ? 255 : 128));
  writeFileSync(join(root, 'zebra', 'z2.jpg'), encodeJpeg({ width: 8, height: 8, data: grey }, 100).data);

  it('reads one class per sub-folder (sorted), greyscale, averaged down to the chosen size', () => {
    const t = loadImageFolder(root, 2);
    expect(t.classNames).toEqual(['apple', 'zebra']);
    expect(Array.from(t.labels)).toEqual([0, 0, 1, 1]);
    expect([t.m, t.width, t.height, t.featureNames]).toEqual([4, 2, 2, null]);
    const px = Array.from(t.pixels as Uint8Array);
    expect(px.slice(0, 4)).toEqual([255, 0, 255, 0]);
    expect(px.slice(4, 8)).toEqual([100, 50, 100, 50]);
    expect(px.slice(8, 12)).toEqual([76, 76, 76, 76]);
    for (const v of px.slice(12, 16)) expect(Math.abs(v - 128)).toBeLessThanOrEqual(2);
  });
  it('trains through the same split: a folder spec loads with its class names', () => {
    const split = loadDataSplit({
      source: 'folder',
      file: root,
      imageSize: 3,
      stratify: true,
      trainSize: 2,
      validationSize: 0,
      testSize: 2,
      dataSeed: 1,
    });
    expect(split.info.classNames).toEqual(['apple', 'zebra']);
    expect([split.train.width, split.train.n]).toEqual([3, 9]);
    expect(Array.from(split.train.y).sort()).toEqual([0, 1]);
  });
  it('names the file that cannot be decoded and a folder without classes', () => {
    const bad = join(dir, 'bad');
    mkdirSync(join(bad, 'a'), { recursive: true });
    mkdirSync(join(bad, 'b'), { recursive: true });
    writeFileSync(join(bad, 'a', 'x.png'), halves(1, 2));
    writeFileSync(join(bad, 'b', 'broken.png'), 'this is no PNG');
    expect(() => loadImageFolder(bad)).toThrow(DataError);
    expect(() => loadImageFolder(bad)).toThrow(`${join(bad, 'b', 'broken.png')}: cannot be decoded as an image`);
    const flat = join(dir, 'flat');
    mkdirSync(join(flat, 'only'), { recursive: true });
    expect(() => loadImageFolder(flat)).toThrow(`${flat}: holds 1 class sub-folder; put each class's images`);
  });
});
