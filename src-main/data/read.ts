/**
 * Reading a user's data file into memory, gunzipping it when its first bytes say it is gzip (the
 * extension is not trusted: MNIST mirrors serve both `.gz` files that are already unpacked and
 * unpacked names that are still compressed).
 *
 * Only regular files are read: a FIFO, device or socket would block the reader forever or stream
 * without end. Inflation is bounded before it starts: an IDX file may inflate to what its header
 * declares (plus a little, so "bytes after the last image" can still be named), a gzipped CSV to
 * the CSV limit (limits.ts), so a 1 MB gzip bomb cannot take gigabytes.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { DataError } from './errors';
import { DEFAULT_DATA_LIMITS, dataLimits, sizeInWords } from './limits';

/** The most a gzipped CSV may inflate to by default (limits.ts maxCsvBytes). */
export const MAX_INFLATED_CSV_BYTES = DEFAULT_DATA_LIMITS.maxCsvBytes;
/** The most an IDX file may declare, header included (2 GiB: 2.7 million 28×28 images). */
export const MAX_IDX_BYTES = 2 * 2 ** 30;
/** Bytes an IDX file may inflate to past what its header declares (reported as unexpected trailing bytes). */
export const IDX_SLACK_BYTES = 1024;
/** What a gzip of binary non-IDX content may inflate to: enough for the loaders to name what it is. */
const BINARY_PEEK_BYTES = 64 * 1024;
/** Compressed bytes inflated to read an IDX header: enough for any header, at most ~4 MB of output. */
const PREFIX_COMPRESSED_BYTES = 4096;

/** True when the bytes start with gzip's magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The file's bytes, decompressed if gzip. Fails with a DataError for a missing file, anything but a
 * regular file (folder, FIFO, device, socket), an empty file, corrupt gzip data, or gzip that inflates
 * past its bound.
 */
export function readDataFile(file: string): Buffer {
  const raw = readRegularFile(file, refuseLargeText);
  if (raw.length === 0) throw new DataError(file, 'file is empty');
  if (!isGzip(raw)) return raw;
  const limit = inflationLimit(raw, file);
  let unpacked: Buffer;
  try {
    // Large output pieces are mapped from the system and unmapped when freed; Node's default 16 KiB
    // pieces stayed in the allocator's arena, so a refused 500 MiB gzip kept the host at 850 MB.
    unpacked = zlib.gunzipSync(raw, { maxOutputLength: limit.bytes, chunkSize: 64 * 2 ** 20 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new DataError(file, `gzip data inflates to more than ${formatBytes(limit.bytes)}, ${limit.why}`);
    }
    throw new DataError(file, `corrupt gzip data: ${(e as Error).message}`);
  }
  if (unpacked.length === 0) throw new DataError(file, 'file is empty once decompressed (gzip of nothing)');
  return unpacked;
}

/**
 * A plain CSV larger than the CSV limit is refused from its size and first bytes, before it is read
 * (gzip and IDX, recognised by their magic numbers, have their own bounds).
 */
function refuseLargeText(size: number, first: Uint8Array, file: string): void {
  const { maxCsvBytes } = dataLimits();
  if (size <= maxCsvBytes || isGzip(first) || (first[0] === 0 && first[1] === 0 && first[2] === 0x08)) return;
  throw new DataError(
    file,
    `file is ${sizeInWords(size)}, more than the ${sizeInWords(maxCsvBytes)} the lab reads of a CSV file`,
  );
}

/**
 * Reads a file that must be a regular one, checked on the opened descriptor (the name may point
 * anywhere: a symbolic link to /dev/zero, a FIFO). It is opened with O_NONBLOCK, so a FIFO cannot
 * block the open. `check`, given the size and first bytes, may refuse the file before the rest is read.
 */
export function readRegularFile(file: string, check?: (size: number, first: Uint8Array, file: string) => void): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    refuseIrregular(stat, file);
    if (check) {
      const first = Buffer.alloc(4);
      fs.readSync(fd, first, 0, 4, 0);
      check(stat.size, first, file);
    }
    return fs.readFileSync(fd);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(file, 'file not found');
    if (code === 'EISDIR') throw new DataError(file, 'is a directory, not a data file');
    if (code === 'ENXIO') throw new DataError(file, 'is a socket, not a data file; only regular files can be read');
    if (code === 'EACCES' || code === 'EPERM') throw new DataError(file, 'permission denied: cannot read the file');
    if (code === 'ERR_FS_FILE_TOO_LARGE') throw new DataError(file, 'file is larger than 2 GiB, more than can be read');
    throw new DataError(file, `cannot read the file (${(e as Error).message})`);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function refuseIrregular(stat: fs.Stats, file: string): void {
  if (stat.isFile()) return;
  if (stat.isDirectory()) throw new DataError(file, 'is a directory, not a data file');
  const kind = stat.isFIFO()
    ? 'a named pipe (FIFO)'
    : stat.isSocket()
      ? 'a socket'
      : stat.isCharacterDevice() || stat.isBlockDevice()
        ? 'a device'
        : 'not a regular file';
  throw new DataError(file, `is ${kind}, not a data file; only regular files can be read`);
}

/** How far this gzip may inflate: from the IDX header of its first bytes, or the CSV cap. */
function inflationLimit(raw: Buffer, file: string): { bytes: number; why: string } {
  const head = inflatePrefix(raw);
  const declared = idxDeclaredBytes(head);
  if (declared === undefined) {
    // Binary that is not IDX is refused by the loaders from its first bytes; don't inflate the rest.
    if (head.subarray(0, 4096).includes(0)) {
      return { bytes: BINARY_PEEK_BYTES, why: 'and its binary content is neither CSV text nor an IDX header' };
    }
    return { bytes: dataLimits().maxCsvBytes, why: 'the most the lab reads of a CSV file' };
  }
  if (declared > MAX_IDX_BYTES) {
    throw new DataError(
      file,
      `the IDX header declares ${formatBytes(declared)} of data, more than the ${formatBytes(MAX_IDX_BYTES)} a file may hold`,
      'byte 4',
    );
  }
  return { bytes: declared + IDX_SLACK_BYTES, why: `${IDX_SLACK_BYTES} bytes past what its IDX header declares` };
}

/** The first inflated bytes (of a few KB of compressed input), without failing on the cut-off stream. */
function inflatePrefix(raw: Buffer): Buffer {
  try {
    return zlib.gunzipSync(raw.subarray(0, PREFIX_COMPRESSED_BYTES), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: 8 * 2 ** 20,
    });
  } catch {
    // Corrupt or huge-ratio prefix: the full inflation below reports it, under the CSV cap.
    return Buffer.alloc(0);
  }
}

/** Header plus body bytes an unsigned-byte IDX file declares, or undefined when the bytes are not IDX. */
export function idxDeclaredBytes(head: Uint8Array): number | undefined {
  if (head.length < 4 || head[0] !== 0 || head[1] !== 0 || head[2] !== 0x08) return undefined;
  const dims = head[3];
  const headerLength = 4 + 4 * dims;
  if (dims === 0 || head.length < headerLength) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let body = 1;
  for (let d = 0; d < dims; d++) body *= view.getUint32(4 + 4 * d);
  return headerLength + body;
}

/** Bytes as people read them: "512 MiB", "47,040,016 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 2 ** 20 && bytes % 2 ** 20 === 0) return `${bytes / 2 ** 20} MiB`;
  return `${bytes.toLocaleString('en-US')} bytes`;
}

/**
 * The count and size of an idx3 images file from its header alone, when its length agrees with that
 * header (for gzip, the length the trailer records, modulo 2³²): what the CLI checks before a run
 * needs no pixels, and inflating 60,000 images twice for it took most of a second. null when the file
 * is not such a file or does not agree; reading it in full then names what is wrong.
 */
export function peekIdxImages(file: string): { count: number; rows: number; cols: number } | null {
  const raw = readRegularFile(file);
  const gzip = isGzip(raw);
  const head = gzip ? inflatePrefix(raw) : raw;
  const declared = idxDeclaredBytes(head);
  if (declared === undefined || head[3] !== 3 || head.length < 16 || raw.length < 4) return null;
  const length = gzip ? raw.readUInt32LE(raw.length - 4) : raw.length;
  if (declared % 2 ** 32 !== length) return null;
  const view = new DataView(head.buffer, head.byteOffset, 16);
  const [count, rows, cols] = [view.getUint32(4), view.getUint32(8), view.getUint32(12)];
  return rows === 0 || cols === 0 ? null : { count, rows, cols };
}
