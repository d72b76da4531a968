/**
 * Reading the numeric matrices of a Level 5 MAT-file (format.ts describes the layout) from its bytes;
 * no file I/O here. Every size a file declares is checked against the bytes actually present before
 * anything is allocated, and a compressed variable may inflate to at most what its own header declares
 * (itself capped at MAX_MAT_VARIABLE_BYTES and at what deflate can produce from its compressed bytes),
 * so a lying or truncated file costs bounded memory. Errors are DataErrors naming the variable.
 */
import zlib from 'node:zlib';
import { DataError } from '../errors';
import {
  FLAG_COMPLEX,
  HEADER_BYTES,
  MI,
  MI_SIZE,
  NUMERIC_CLASSES,
  OTHER_CLASSES,
  type MatClass,
  type MatMatrix,
} from './format';

/** The most one variable may take once inflated (512 MiB: 60,000 examples of 784 doubles is 376 MB). */
export const MAX_MAT_VARIABLE_BYTES = 512 * 2 ** 20;
/** Deflate never expands more than 1032:1, so a compressed variable that declares more is corrupt. */
const DEFLATE_MAX_RATIO = 1032;
/** Compressed bytes inflated to read a compressed variable's flags, dimensions and name. */
const PEEK_COMPRESSED_BYTES = 512;

/** True when the bytes carry a Level 5 MAT-file header (version 0x0100 and the IM / MI byte-order mark). */
export function looksLikeMat(bytes: Uint8Array): boolean {
  if (bytes.length < HEADER_BYTES) return false;
  const mark = String.fromCharCode(bytes[126], bytes[127]);
  if (mark !== 'IM' && mark !== 'MI') return false;
  const version = mark === 'IM' ? bytes[124] | (bytes[125] << 8) : (bytes[124] << 8) | bytes[125];
  return version === 0x0100;
}

/**
 * The numeric matrices of a MAT-file whose names `wanted` accepts (all by default), by name. Variables
 * not wanted are skipped unread, whatever their class. Throws a DataError for a file that is not a
 * Level 5 MAT-file, is truncated, or holds a wanted variable that is not a real numeric 2-D matrix.
 */
export function parseMat(
  bytes: Uint8Array,
  file: string,
  wanted: (name: string) => boolean = () => true,
): Map<string, MatMatrix> {
  checkHeader(bytes, file);
  const little = bytes[126] === 0x49; // 'I' first: written little-endian
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Map<string, MatMatrix>();
  let offset = HEADER_BYTES;
  while (offset < bytes.length) {
    if (bytes.length - offset < 8) {
      throw new DataError(
        file,
        `truncated: ${bytes.length - offset} stray bytes where a data element's tag should be`,
        `byte ${offset}`,
      );
    }
    const tag = readTag(view, offset, little);
    const remaining = bytes.length - tag.dataStart;
    if (tag.size > remaining) {
      throw new DataError(
        file,
        `truncated: a data element declares ${tag.size} bytes but only ${remaining} remain`,
        `byte ${offset}`,
      );
    }
    let matrix: MatMatrix | null = null;
    if (tag.type === MI.COMPRESSED) {
      matrix = readCompressed(bytes.subarray(tag.dataStart, tag.dataStart + tag.size), file, offset, little, wanted);
      offset = tag.dataStart + tag.size; // compressed elements are not padded
    } else {
      if (tag.type === MI.MATRIX)
        matrix = readMatrix(bytes.subarray(offset, tag.dataStart + tag.size), file, offset, little, wanted);
      offset = tag.dataStart + pad8(tag.size);
    }
    if (matrix) {
      if (found.has(matrix.name))
        throw new DataError(file, `${matrix.name} is stored twice`, `variable ${matrix.name}`);
      found.set(matrix.name, matrix);
    }
  }
  return found;
}

function checkHeader(bytes: Uint8Array, file: string): void {
  if (bytes.length < HEADER_BYTES) {
    throw new DataError(file, `is ${bytes.length} bytes, shorter than a MAT-file's ${HEADER_BYTES}-byte header`);
  }
  const text = String.fromCharCode(...bytes.subarray(0, 20));
  if (text.startsWith('MATLAB 7.3')) {
    throw new DataError(file, 'is a MATLAB 7.3 (HDF5) MAT-file, which the lab cannot read; save it with -v7 or -v6');
  }
  if (!looksLikeMat(bytes)) {
    throw new DataError(
      file,
      'is not a Level 5 MAT-file (no version 0x0100 and IM mark at byte 124); save it with -v7 or -v6',
      'byte 124',
    );
  }
}

interface Tag {
  type: number;
  size: number;
  dataStart: number;
}

/** A tag, in either the full (8-byte) or the small-element (4-byte tag, ≤ 4 data bytes) format. */
function readTag(view: DataView, at: number, little: boolean): Tag {
  const first = view.getUint32(at, little);
  const small = first >>> 16;
  if (small !== 0) return { type: first & 0xffff, size: small, dataStart: at + 4 };
  return { type: first, size: view.getUint32(at + 4, little), dataStart: at + 8 };
}

const pad8 = (n: number) => (n + 7) & ~7;

/** Reads a compressed variable: its header from a small inflated prefix, then (if wanted) all of it, bounded. */
function readCompressed(
  payload: Uint8Array,
  file: string,
  at: number,
  le: boolean,
  wanted: (name: string) => boolean,
): MatMatrix | null {
  let head: Buffer;
  try {
    head = zlib.inflateSync(payload.subarray(0, PEEK_COMPRESSED_BYTES), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (e) {
    throw new DataError(file, `corrupt compressed variable (${(e as Error).message})`, `byte ${at}`);
  }
  if (head.length < 8) throw new DataError(file, 'truncated: a compressed variable ends before its tag', `byte ${at}`);
  const headView = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const tag = readTag(headView, 0, le);
  if (tag.type !== MI.MATRIX) return null; // not a variable (nothing else is ever compressed)
  const name = peekName(head, le);
  const where = name ? `variable ${name}` : `byte ${at}`;
  if (name !== null && !wanted(name)) return null;
  const total = tag.dataStart + tag.size;
  if (tag.size > MAX_MAT_VARIABLE_BYTES) {
    throw new DataError(
      file,
      `declares ${tag.size.toLocaleString('en-US')} bytes, more than the ${MAX_MAT_VARIABLE_BYTES / 2 ** 20} MiB one variable may hold`,
      where,
    );
  }
  if (total > payload.length * DEFLATE_MAX_RATIO + 64) {
    throw new DataError(
      file,
      `declares ${tag.size.toLocaleString('en-US')} bytes, more than its ${payload.length} compressed bytes can hold: the file is truncated or corrupt`,
      where,
    );
  }
  let inflated: Buffer;
  try {
    inflated = zlib.inflateSync(payload, { maxOutputLength: total, finishFlush: zlib.constants.Z_SYNC_FLUSH });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE')
      throw new DataError(file, `compressed data inflates past the ${total} bytes it declares`, where);
    throw new DataError(file, `corrupt compressed data (${(e as Error).message})`, where);
  }
  if (inflated.length < total) {
    throw new DataError(
      file,
      `truncated: compressed data inflates to ${inflated.length} bytes but declares ${total}`,
      where,
    );
  }
  return readMatrix(inflated, file, at, le, wanted);
}

/** The name of a matrix element from the first bytes of it, or null when those bytes don't reach it. */
function peekName(head: Uint8Array, little: boolean): string | null {
  try {
    return matrixHeader(head, little, head.length).name;
  } catch {
    return null;
  }
}

interface MatrixHeader {
  flags: number;
  dims: number[];
  name: string;
  next: number;
}

/** Flags, dimensions and name of the miMATRIX element at the start of `el`; throws a plain Error when cut off. */
function matrixHeader(el: Uint8Array, little: boolean, end: number): MatrixHeader {
  const view = new DataView(el.buffer, el.byteOffset, el.byteLength);
  let pos = 8;
  const sub = () => {
    if (pos + 8 > end) throw new Error('cut off');
    const t = readTag(view, pos, little);
    if (t.dataStart + t.size > end) throw new Error('cut off');
    const start = t.dataStart;
    pos = t.dataStart === pos + 4 ? pos + 8 : t.dataStart + pad8(t.size);
    return { ...t, dataStart: start };
  };
  const flagsEl = sub();
  if (flagsEl.type !== MI.UINT32 || flagsEl.size < 8) throw new Error('array flags missing');
  const flags = view.getUint32(flagsEl.dataStart, little);
  const dimsEl = sub();
  if (dimsEl.type !== MI.INT32 || dimsEl.size < 8 || dimsEl.size % 4 !== 0) throw new Error('dimensions missing');
  const dims = Array.from({ length: dimsEl.size / 4 }, (_, i) => view.getInt32(dimsEl.dataStart + 4 * i, little));
  const nameEl = sub();
  if (nameEl.type !== MI.INT8 && nameEl.type !== MI.UINT8 && nameEl.type !== MI.UTF8) throw new Error('name missing');
  const name = Buffer.from(el.buffer, el.byteOffset + nameEl.dataStart, nameEl.size).toString('latin1');
  return { flags, dims, name, next: pos };
}

/** One miMATRIX element (tag included) as a MatMatrix, or null when not wanted. */
function readMatrix(
  el: Uint8Array,
  file: string,
  at: number,
  little: boolean,
  wanted: (name: string) => boolean,
): MatMatrix | null {
  let header: MatrixHeader;
  try {
    header = matrixHeader(el, little, el.length);
  } catch (e) {
    throw new DataError(file, `truncated or corrupt variable: ${(e as Error).message}`, `byte ${at}`);
  }
  const { flags, dims, name } = header;
  if (!wanted(name)) return null;
  const fail = (problem: string): never => {
    throw new DataError(file, problem, `variable ${name}`);
  };
  const classCode = flags & 0xff;
  const className: MatClass | undefined = NUMERIC_CLASSES[classCode];
  if (!className) {
    const what = OTHER_CLASSES[classCode] ?? `of unknown class ${classCode}`;
    fail(`is ${what}; only numeric matrices (double, single, int8…uint64) can be read`);
  }
  if (flags & FLAG_COMPLEX) fail('is complex; only real matrices can be read');
  if (dims.some((d) => d < 0)) fail(`has a negative dimension (${dims.join('×')})`);
  if (dims.length > 2 && dims.slice(2).some((d) => d !== 1)) {
    fail(`is a ${dims.length}-D array (${dims.join('×')}); only matrices (2-D) can be read`);
  }
  const [rows, cols] = dims;
  const count = rows * cols;
  const view = new DataView(el.buffer, el.byteOffset, el.byteLength);
  if (header.next + 8 > el.length) {
    if (count === 0) return { name, className: className!, rows, cols, data: new Float64Array(0) };
    fail(`truncated: its ${rows}×${cols} values are missing`);
  }
  const real = readTag(view, header.next, little);
  const size = MI_SIZE[real.type];
  if (!size) fail(`holds values of data type ${real.type}, which is not numeric`);
  const present = el.length - real.dataStart;
  if (real.size > present) {
    fail(
      `truncated: declares ${real.size.toLocaleString('en-US')} bytes of values but only ${present.toLocaleString('en-US')} are present`,
    );
  }
  if (real.size !== count * size) {
    fail(`holds ${real.size / size} values but its dimensions ${rows}×${cols} need ${count}`);
  }
  // Checked: the bytes are all here, so this allocation is no larger than the file (×8 at most).
  return {
    name,
    className: className!,
    rows,
    cols,
    data: readValues(view, real.dataStart, real.type, count, little, fail),
  };
}

function readValues(
  view: DataView,
  start: number,
  type: number,
  count: number,
  little: boolean,
  fail: (problem: string) => never,
): Float64Array {
  const out = new Float64Array(count);
  const read: (at: number) => number = {
    [MI.INT8]: (at: number) => view.getInt8(at),
    [MI.UINT8]: (at: number) => view.getUint8(at),
    [MI.INT16]: (at: number) => view.getInt16(at, little),
    [MI.UINT16]: (at: number) => view.getUint16(at, little),
    [MI.INT32]: (at: number) => view.getInt32(at, little),
    [MI.UINT32]: (at: number) => view.getUint32(at, little),
    [MI.SINGLE]: (at: number) => view.getFloat32(at, little),
    [MI.DOUBLE]: (at: number) => view.getFloat64(at, little),
    [MI.INT64]: (at: number) => exact(view.getBigInt64(at, little), fail),
    [MI.UINT64]: (at: number) => exact(view.getBigUint64(at, little), fail),
  }[type]!;
  const size = MI_SIZE[type];
  for (let i = 0; i < count; i++) out[i] = read(start + i * size);
  return out;
}

/** A 64-bit integer as a double, refused when the double would not be that integer. */
function exact(v: bigint, fail: (problem: string) => never): number {
  const n = Number(v);
  if (BigInt(n) !== v) fail(`holds the 64-bit integer ${v}, which a double cannot hold exactly`);
  return n;
}
