import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { greyPng } from './grey-png';

describe('greyPng', () => {
  it('writes a PNG that decodes (CRCs checked) to the same size and grey levels', () => {
    for (const [width, height] of [
      [28, 28],
      [1, 1],
      [5, 3],
    ]) {
      const pixels = Uint8Array.from({ length: width * height }, (_, i) => (i * 97 + 13) % 256);
      const image = decode(greyPng(width, height, pixels), { checkCrc: true });
      expect([image.width, image.height, image.channels, image.depth]).toEqual([width, height, 1, 8]);
      expect(Array.from(image.data)).toEqual(Array.from(pixels));
    }
  });

  it('starts with the PNG signature and an IHDR of the image size, and refuses sizes that do not fit', () => {
    const png = greyPng(2, 1, Uint8Array.of(0, 255));
    expect(Array.from(png.subarray(0, 16))).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(Array.from(png.subarray(16, 29))).toEqual([0, 0, 0, 2, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
    expect(() => greyPng(2, 2, new Uint8Array(3))).toThrow('a 2×2 greyscale image has 4 pixels, got 3');
    expect(() => greyPng(0, 2, new Uint8Array(0))).toThrow(
      'a PNG needs a width and height of at least 1 pixel, got 0×2',
    );
  });
});
