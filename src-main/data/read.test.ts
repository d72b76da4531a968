import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from './errors';
import { loadDigitsFile } from './load';
import { IDX_SLACK_BYTES, peekIdxImages, readDataFile } from './read';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function failure(read: () => unknown): DataError {
  try {
    read();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, but reading succeeded');
}

function idxHeader(count: number, rows: number, cols: number): Buffer {
  const header = Buffer.alloc(16);
  header.writeUInt32BE(0x803, 0);
  header.writeUInt32BE(count, 4);
  header.writeUInt32BE(rows, 8);
  header.writeUInt32BE(cols, 12);
  return header;
}

describe('readDataFile bounds gzip inflation', () => {
  it('stops an IDX gzip bomb at what its header declares plus a little', () => {
    // 2 images of 2×3 pixels are 12 bytes; the bomb carries 64 MiB of zeros after them.
    const bomb = gzipSync(Buffer.concat([idxHeader(2, 2, 3), Buffer.alloc(64 * 2 ** 20)]), { level: 9 });
    expect(bomb.length).toBeLessThan(200_000);
    const file = path.join(dir, 'bomb-images-idx3-ubyte.gz');
    fs.writeFileSync(file, bomb);
    const e = failure(() => readDataFile(file));
    expect(e.problem).toBe(
      `gzip data inflates to more than ${(16 + 12 + IDX_SLACK_BYTES).toLocaleString('en-US')} bytes, ` +
        `${IDX_SLACK_BYTES} bytes past what its IDX header declares`,
    );
  });

  it('still reports a few trailing bytes of a gzipped IDX file as bytes after the last image', () => {
    const file = path.join(dir, 'trailing-images-idx3-ubyte.gz');
    fs.writeFileSync(file, gzipSync(Buffer.concat([idxHeader(1, 1, 2), Buffer.from([7, 8, 9, 9, 9])])));
    const labels = path.join(dir, 'trailing-labels-idx1-ubyte');
    fs.writeFileSync(labels, Buffer.from([0, 0, 8, 1, 0, 0, 0, 1, 3]));
    const e = failure(() => loadDigitsFile(file, labels));
    expect(e.message).toBe(
      `${file}: byte 18: 3 unexpected bytes after the last of the 1 images of 1×2 pixels the header declares`,
    );
  });

  it('refuses a header that declares more than an IDX file may hold, before inflating', () => {
    const file = path.join(dir, 'huge-images-idx3-ubyte.gz');
    fs.writeFileSync(file, gzipSync(idxHeader(4_000_000, 28, 28)));
    const e = failure(() => readDataFile(file));
    expect(e.message).toBe(
      `${file}: byte 4: the IDX header declares 3,136,000,016 bytes of data, more than the 2048 MiB a file may hold`,
    );
  });

  it('stops a gzip of binary zeros (no IDX header, not CSV) after 64 KiB', () => {
    const file = path.join(dir, 'zeros.gz');
    fs.writeFileSync(file, gzipSync(Buffer.alloc(16 * 2 ** 20), { level: 9 }));
    const e = failure(() => readDataFile(file));
    expect(e.problem).toBe(
      'gzip data inflates to more than 65,536 bytes, and its binary content is neither CSV text nor an IDX header',
    );
  });

  it('reads a gzipped IDX file of exactly the declared size', () => {
    const file = path.join(dir, 'ok-images-idx3-ubyte.gz');
    const plain = Buffer.concat([idxHeader(2, 2, 3), Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])]);
    fs.writeFileSync(file, gzipSync(plain));
    expect(readDataFile(file).equals(plain)).toBe(true);
  });
});

describe('readDataFile refuses anything but a regular file', () => {
  it('a named pipe (FIFO) with no writer: refused at once instead of blocking', () => {
    const fifo = path.join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(failure(() => readDataFile(fifo)).problem).toBe(
      'is a named pipe (FIFO), not a data file; only regular files can be read',
    );
  });

  it('a character device', () => {
    expect(failure(() => readDataFile('/dev/zero')).problem).toBe(
      'is a device, not a data file; only regular files can be read',
    );
  });

  it('a unix socket', async () => {
    const socket = path.join(dir, 'data.sock');
    const server = net.createServer().listen(socket);
    await new Promise((r) => server.once('listening', r));
    try {
      expect(failure(() => readDataFile(socket)).problem).toBe(
        'is a socket, not a data file; only regular files can be read',
      );
    } finally {
      server.close();
    }
  });

  it('a directory', () => {
    expect(failure(() => readDataFile(dir)).problem).toBe('is a directory, not a data file');
  });
});

describe('peekIdxImages', () => {
  const write = (name: string, bytes: Buffer) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const pixels = (count: number) => Buffer.alloc(count * 28 * 28, 7);

  it('reads count and size from the header of a plain or gzipped idx3 file that holds what it declares', () => {
    const body = Buffer.concat([idxHeader(300, 28, 28), pixels(300)]);
    expect(peekIdxImages(write('peek.idx', body))).toEqual({ count: 300, rows: 28, cols: 28 });
    expect(peekIdxImages(write('peek.idx.gz', gzipSync(body)))).toEqual({ count: 300, rows: 28, cols: 28 });
  });

  it('gives up (null) on a file shorter or longer than its header says, on labels and on CSV', () => {
    expect(peekIdxImages(write('short.gz', gzipSync(Buffer.concat([idxHeader(300, 28, 28), pixels(299)]))))).toBeNull();
    expect(peekIdxImages(write('long.idx', Buffer.concat([idxHeader(3, 28, 28), pixels(4)])))).toBeNull();
    const labels = Buffer.alloc(8 + 5);
    labels.writeUInt32BE(0x801, 0);
    labels.writeUInt32BE(5, 4);
    expect(peekIdxImages(write('labels.idx', labels))).toBeNull();
    expect(peekIdxImages(write('digits.csv', Buffer.from('5,0,0,0\n')))).toBeNull();
    expect(failure(() => peekIdxImages(path.join(dir, 'missing.idx'))).message).toContain('file not found');
  });
});
