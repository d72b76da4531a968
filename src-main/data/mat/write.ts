/**
 * Writing double matrices as a Level 5 MAT-file (format.ts describes the layout), the format MATLAB's
 * and Octave's `load` and scipy.io.loadmat read: little-endian, each variable an miMATRIX of class
 * double, compressed as -v7 does (miCOMPRESSED, zlib) or not (-v6). No file I/O here.
 */
import zlib from 'node:zlib';
import { HEADER_BYTES, MI } from './format';

/** A variable to write: an r×c matrix, values column-major (element (i, j) at i + j·rows). */
export interface MatVariable {
  readonly name: string;
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

/** MATLAB's rule for variable names: a letter, then letters, digits or _, at most 63 in all. */
const VARIABLE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,62}$/;

/** The bytes of a MAT-file holding `variables` as double matrices; compressed (-v7) unless told otherwise. */
export function writeMat(
  variables: readonly MatVariable[],
  options: { compress?: boolean; created?: Date } = {},
): Uint8Array {
  const compress = options.compress ?? true;
  const parts: Uint8Array[] = [header(options.created ?? new Date())];
  for (const v of variables) {
    if (!VARIABLE_NAME.test(v.name)) throw new Error(`'${v.name}' is not a MATLAB variable name`);
    if (
      !Number.isInteger(v.rows) ||
      !Number.isInteger(v.cols) ||
      v.rows < 0 ||
      v.cols < 0 ||
      v.data.length !== v.rows * v.cols
    ) {
      throw new Error(`${v.name}: ${v.rows}×${v.cols} needs ${v.rows * v.cols} values, got ${v.data.length}`);
    }
    const element = matrixElement(v);
    if (!compress) {
      parts.push(element);
      continue;
    }
    const packed = zlib.deflateSync(element);
    parts.push(tag(MI.COMPRESSED, packed.length), packed); // compressed elements are not padded
  }
  return Buffer.concat(parts);
}

/** The 128-byte header: descriptive text, no subsystem data, version 0x0100, 'IM' (little-endian). */
function header(created: Date): Uint8Array {
  const out = Buffer.alloc(HEADER_BYTES, 0x20);
  const text = `MATLAB 5.0 MAT-file, Platform: ${process.platform}, Created on: ${created.toUTCString()} by Backprop Lab`;
  out.write(text.slice(0, 116), 0, 'latin1');
  out.fill(0, 116, 124);
  out.writeUInt16LE(0x0100, 124);
  out.write('IM', 126, 'latin1');
  return out;
}

function tag(type: number, size: number): Buffer {
  const t = Buffer.alloc(8);
  t.writeUInt32LE(type, 0);
  t.writeUInt32LE(size, 4);
  return t;
}

/** One miMATRIX element of class double: flags, dimensions, name, real part. */
function matrixElement(v: MatVariable): Buffer {
  const flags = Buffer.concat([tag(MI.UINT32, 8), u32s([6, 0])]); // 6: mxDOUBLE_CLASS
  const dims = Buffer.concat([tag(MI.INT32, 8), u32s([v.rows, v.cols])]);
  const nameBytes = Buffer.from(v.name, 'latin1');
  const name =
    nameBytes.length <= 4
      ? Buffer.concat([u32s([(nameBytes.length << 16) | MI.INT8]), nameBytes, Buffer.alloc(4 - nameBytes.length)])
      : Buffer.concat([
          tag(MI.INT8, nameBytes.length),
          nameBytes,
          Buffer.alloc(((nameBytes.length + 7) & ~7) - nameBytes.length),
        ]);
  const values = Buffer.alloc(v.data.length * 8);
  for (let i = 0; i < v.data.length; i++) values.writeDoubleLE(v.data[i], i * 8);
  const body = Buffer.concat([flags, dims, name, tag(MI.DOUBLE, values.length), values]);
  return Buffer.concat([tag(MI.MATRIX, body.length), body]);
}

function u32s(values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32LE(v >>> 0, 4 * i));
  return b;
}
