import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadDigitsFile } from './load';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-idx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: Uint8Array): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** An idx3 file: magic 0x00000803, then count, rows, cols big-endian, then the pixel bytes. */
function idxImages(count: number, rows: number, cols: number, pixels: number[]): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x803, 0);
  header.writeUInt32BE(count, 4);
  header.writeUInt32BE(rows, 8);
  header.writeUInt32BE(cols, 12);
  return Buffer.concat([header, Buffer.from(pixels)]);
}

/** An idx1 file: magic 0x00000801, the count, then one byte per label. */
function idxLabels(labels: number[]): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(0x801, 0);
  header.writeUInt32BE(labels.length, 4);
  return Buffer.concat([header, Buffer.from(labels)]);
}

function failure(load: () => unknown): DataError {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, but loading succeeded');
}

// Two 2×3 images (2 rows of 3 pixels), labels 4 and 9.
const images = idxImages(2, 2, 3, [0, 51, 255, 1, 2, 3, 255, 254, 0, 0, 0, 102]);
const labels = idxLabels([4, 9]);

describe('loadDigitsFile on IDX', () => {
  it('reads images as k/255 with width = cols and height = rows', () => {
    const d = loadDigitsFile(write('a-images.idx3-ubyte', images), write('a-labels.idx1-ubyte', labels));
    expect([d.m, d.n, d.width, d.height]).toEqual([2, 6, 3, 2]);
    expect(Array.from(d.y)).toEqual([4, 9]);
    expect(Array.from(d.X)).toEqual([0, 51, 255, 1, 2, 3, 255, 254, 0, 0, 0, 102].map((k) => k / 255));
  });

  it('reads one 1×1 image', () => {
    const d = loadDigitsFile(write('one-images', idxImages(1, 1, 1, [128])), write('one-labels', idxLabels([0])));
    expect([d.m, d.n, d.width, d.height, d.y[0], d.X[0]]).toEqual([1, 1, 1, 1, 0, 128 / 255]);
  });

  it('detects gzip by its magic bytes, whatever the file is called', () => {
    const d = loadDigitsFile(
      write('packed-no-extension', gzipSync(images)),
      write('packed.labels.gz', gzipSync(labels)),
    );
    expect(Array.from(d.y)).toEqual([4, 9]);
    expect(d.X[2]).toBe(1);
    const e = loadDigitsFile(write('unpacked-images.gz', images), write('unpacked-labels.gz', labels));
    expect(Array.from(e.X)).toEqual(Array.from(d.X));
  });

  it('finds the labels beside MNIST-named images, plain or gzip', () => {
    write('t10k-labels-idx1-ubyte.gz', gzipSync(labels));
    const d = loadDigitsFile(write('t10k-images-idx3-ubyte.gz', gzipSync(images)));
    expect(Array.from(d.y)).toEqual([4, 9]);
  });

  it('loads 60,000 28×28 images (the size of MNIST’s training file)', () => {
    const m = 60000;
    const big = Buffer.alloc(16 + m * 784);
    big.writeUInt32BE(0x803, 0);
    big.writeUInt32BE(m, 4);
    big.writeUInt32BE(28, 8);
    big.writeUInt32BE(28, 12);
    for (let i = 0; i < m; i++) big[16 + i * 784 + (i % 784)] = 255;
    const bigLabels = idxLabels(Array.from({ length: m }, (_, i) => i % 10));
    const d = loadDigitsFile(write('big-images', big), write('big-labels', bigLabels));
    expect([d.m, d.width, d.height, d.y[59999]]).toEqual([60000, 28, 28, 9]);
    expect([d.X[59999 * 784 + (59999 % 784)], d.X[59999 * 784]]).toEqual([1, 0]);
  });
});

describe('loadDigitsFile rejects bad IDX with file, byte offset and problem', () => {
  const good = () => write('good-labels', labels);

  it('wrong magic number, with a hint when images and labels are swapped', () => {
    const file = write('swapped-images', labels);
    const e = failure(() => loadDigitsFile(file, write('swapped-labels', images)));
    expect([e.file, e.location]).toEqual([file, 'byte 0']);
    expect(e.message).toBe(
      `${file}: byte 0: wrong magic number 0x00000801 (expected 0x00000803 for IDX images); ` +
        'this is an IDX labels file — were images and labels swapped?',
    );
    const other = write('swapped2-images', images);
    const labelsAsImages = write('swapped2-labels', images);
    expect(failure(() => loadDigitsFile(other, labelsAsImages)).message).toBe(
      `${labelsAsImages}: byte 0: wrong magic number 0x00000803 (expected 0x00000801 for IDX labels); ` +
        'this is an IDX images file — were images and labels swapped?',
    );
  });

  it('a data type other than unsigned bytes', () => {
    const floats = Buffer.from(images);
    floats[2] = 0x0d;
    const file = write('float-images.idx3', floats);
    expect(failure(() => loadDigitsFile(file, good())).message).toBe(
      `${file}: byte 0: wrong magic number 0x00000d03 (expected 0x00000803 for IDX images); ` +
        'data type 0x0d is not supported, only unsigned bytes (0x08)',
    );
  });

  it('a file cut inside the magic number or the header', () => {
    const tiny = write('tiny-images.idx3', images.subarray(0, 3));
    expect(failure(() => loadDigitsFile(tiny, good())).message).toBe(
      `${tiny}: byte 3: truncated: the file ends inside the 4-byte magic number (expected 0x00000803)`,
    );
    const cut = write('cut-header-images.idx3', images.subarray(0, 10));
    expect(failure(() => loadDigitsFile(cut, good())).message).toBe(
      `${cut}: byte 10: truncated: the file ends inside the 16-byte header of IDX images`,
    );
  });

  it('a file cut inside the pixels', () => {
    const file = write('cut-images.idx3', images.subarray(0, 16 + 8));
    const e = failure(() => loadDigitsFile(file, good()));
    expect(e.location).toBe('byte 24');
    expect(e.message).toBe(
      `${file}: byte 24: truncated: the header declares 2 images of 2×3 pixels (12 bytes after the 16-byte header) ` +
        'but the file ends after 8 bytes (1 complete)',
    );
  });

  it('a labels file cut short', () => {
    const file = write('cut-labels.idx1', labels.subarray(0, 9));
    expect(failure(() => loadDigitsFile(write('ok-images', images), file)).message).toBe(
      `${file}: byte 9: truncated: the header declares 2 labels (2 bytes after the 8-byte header) but the file ends after 1 bytes (1 complete)`,
    );
  });

  it('bytes after the last image', () => {
    const file = write('long-images.idx3', Buffer.concat([images, Buffer.from([1, 2, 3])]));
    expect(failure(() => loadDigitsFile(file, good())).message).toBe(
      `${file}: byte 28: 3 unexpected bytes after the last of the 2 images of 2×3 pixels the header declares`,
    );
  });

  it('image and label counts that differ', () => {
    const labelsFile = write('three-labels', idxLabels([1, 2, 3]));
    const imagesFile = write('two-images', images);
    const e = failure(() => loadDigitsFile(imagesFile, labelsFile));
    expect([e.file, e.location]).toEqual([labelsFile, 'byte 4']);
    expect(e.message).toBe(`${labelsFile}: byte 4: has 3 labels but ${imagesFile} has 2 images`);
  });

  it('a label that is not a digit', () => {
    const file = write('bad-labels', idxLabels([4, 10]));
    expect(failure(() => loadDigitsFile(write('ok2-images', images), file)).message).toBe(
      `${file}: byte 9: label 10 (example 2) is not a digit 0–9`,
    );
  });

  it('zero images or zero-sized images', () => {
    const none = write('none-images', idxImages(0, 28, 28, []));
    expect(failure(() => loadDigitsFile(none, good())).message).toBe(`${none}: byte 4: the header declares 0 images`);
    const flat = write('flat-images', idxImages(2, 28, 0, []));
    expect(failure(() => loadDigitsFile(flat, good())).message).toBe(
      `${flat}: byte 12: images of 28×0 pixels have no pixels`,
    );
  });

  it('an empty file, a missing file, corrupt gzip', () => {
    const empty = write('empty-images.idx3-ubyte', new Uint8Array(0));
    expect(failure(() => loadDigitsFile(empty, good())).message).toBe(`${empty}: file is empty`);
    const missing = join(dir, 'missing-labels.idx1-ubyte');
    expect(failure(() => loadDigitsFile(write('m-images', images), missing)).message).toBe(
      `${missing}: file not found`,
    );
    const packed = gzipSync(images);
    packed[12] ^= 0xff; // damage the deflate stream
    const corrupt = write('corrupt-images.gz', packed);
    const e = failure(() => loadDigitsFile(corrupt, good()));
    expect(e.file).toBe(corrupt);
    expect(e.message.startsWith(`${corrupt}: corrupt gzip data: `)).toBe(true);
  });

  it('IDX images with no labels file beside them', () => {
    const file = write('lonely-images-idx3-ubyte', images);
    expect(failure(() => loadDigitsFile(file)).message).toBe(
      `${file}: IDX images need a labels file (idx1); pass the labels file ` +
        `(looked for ${join(dir, 'lonely-labels-idx1-ubyte')} and ${join(dir, 'lonely-labels-idx1-ubyte.gz')})`,
    );
  });
});
