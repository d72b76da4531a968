/**
 * Reading a user's data file into memory, gunzipping it when its first bytes say it is gzip (the
 * extension is not trusted: MNIST mirrors serve both `.gz` files that are already unpacked and
 * unpacked names that are still compressed).
 */
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataError } from './errors';

/** True when the bytes start with gzip's magic number 1f 8b. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * The file's bytes, decompressed if gzip. Fails with a DataError for a missing file, a directory,
 * an empty file or corrupt gzip data.
 */
export function readDataFile(file: string): Buffer {
  let raw: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new DataError(file, 'is a directory, not a data file');
    raw = readFileSync(file);
  } catch (e) {
    if (e instanceof DataError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(file, 'file not found');
    if (code === 'EACCES' || code === 'EPERM') throw new DataError(file, 'permission denied: cannot read the file');
    throw new DataError(file, `cannot read the file (${(e as Error).message})`);
  }
  if (raw.length === 0) throw new DataError(file, 'file is empty');
  if (!isGzip(raw)) return raw;
  let unpacked: Buffer;
  try {
    unpacked = gunzipSync(raw);
  } catch (e) {
    throw new DataError(file, `corrupt gzip data: ${(e as Error).message}`);
  }
  if (unpacked.length === 0) throw new DataError(file, 'file is empty once decompressed (gzip of nothing)');
  return unpacked;
}
