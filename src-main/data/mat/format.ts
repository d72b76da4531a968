/**
 * The parts of MATLAB's Level 5 MAT-file format (as MATLAB, Octave `save -v6` / `-v7` and
 * scipy.io.savemat write it) that the lab reads and writes: a 128-byte header, then data elements,
 * each an 8-byte tag (type, byte count) and its bytes padded to 8. A variable is an miMATRIX element
 * (array flags, dimensions, name, real part), or an miCOMPRESSED element holding one such element as a
 * zlib stream (-v7). Matrices are stored column-major: element (i, j) of an r×c matrix at i + j·r.
 */

/** Data element types (the tag's first word). */
export const MI = {
  INT8: 1,
  UINT8: 2,
  INT16: 3,
  UINT16: 4,
  INT32: 5,
  UINT32: 6,
  SINGLE: 7,
  DOUBLE: 9,
  INT64: 12,
  UINT64: 13,
  MATRIX: 14,
  COMPRESSED: 15,
  UTF8: 16,
  UTF16: 17,
  UTF32: 18,
} as const;

/** Bytes per value of each numeric data type. */
export const MI_SIZE: Readonly<Record<number, number>> = {
  [MI.INT8]: 1,
  [MI.UINT8]: 1,
  [MI.INT16]: 2,
  [MI.UINT16]: 2,
  [MI.INT32]: 4,
  [MI.UINT32]: 4,
  [MI.SINGLE]: 4,
  [MI.DOUBLE]: 8,
  [MI.INT64]: 8,
  [MI.UINT64]: 8,
};

/** The numeric array classes the lab reads: mxDOUBLE_CLASS (6) … mxUINT64_CLASS (15). */
export const NUMERIC_CLASSES: Readonly<Record<number, MatClass>> = {
  6: 'double',
  7: 'single',
  8: 'int8',
  9: 'uint8',
  10: 'int16',
  11: 'uint16',
  12: 'int32',
  13: 'uint32',
  14: 'int64',
  15: 'uint64',
};

/** What the other array classes are, for the message that refuses them. */
export const OTHER_CLASSES: Readonly<Record<number, string>> = {
  1: 'a cell array',
  2: 'a struct',
  3: 'an object',
  4: 'a char array (text)',
  5: 'a sparse matrix',
  16: 'a function handle',
  17: 'an opaque object (e.g. a function handle or table)',
};

export type MatClass =
  'double' | 'single' | 'int8' | 'uint8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'uint64';

/** Array flags: bit set for complex arrays, and the logical flag (read as uint8). */
export const FLAG_COMPLEX = 0x0800;

/** One numeric variable of a MAT-file: an r×c matrix, values column-major as doubles (exact for every class but 64-bit integers beyond 2⁵³, which are refused). */
export interface MatMatrix {
  readonly name: string;
  /** The class it was saved as; the values are the same numbers as doubles. */
  readonly className: MatClass;
  readonly rows: number;
  readonly cols: number;
  /** rows·cols values, element (i, j) at i + j·rows. */
  readonly data: Float64Array;
}

/** The header's size and where its version and byte-order mark sit. */
export const HEADER_BYTES = 128;
