import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCell } from './csv';
import { DataError } from './errors';
import { loadDigitsFile } from './load';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-csv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

/** The DataError `load` throws, so tests can check message, file and location together. */
function failure(load: () => unknown): DataError {
  try {
    load();
  } catch (e) {
    expect(e).toBeInstanceOf(DataError);
    return e as DataError;
  }
  throw new Error('expected a DataError, but loading succeeded');
}

describe('loadDigitsFile on CSV', () => {
  it('reads labels and [0, 1] pixels as they are; 4 pixels make a 2×2 image', () => {
    const d = loadDigitsFile(write('plain.csv', '3,0,0.5,1,0.25\n7,1,0,0,0.125\n'));
    expect([d.m, d.n, d.width, d.height]).toEqual([2, 4, 2, 2]);
    expect(Array.from(d.y)).toEqual([3, 7]);
    expect(Array.from(d.X)).toEqual([0, 0.5, 1, 0.25, 1, 0, 0, 0.125]);
  });

  it('divides the whole file by 255 when any pixel is above 1', () => {
    const d = loadDigitsFile(write('bytes.csv', '1,0,1,0.5\n2,255,51,2\n'));
    expect(Array.from(d.X)).toEqual([0, 1 / 255, 0.5 / 255, 1, 51 / 255, 2 / 255]);
    expect([d.width, d.height]).toEqual([3, 1]); // 3 is not a perfect square: a 1×3 strip
  });

  it('reads a single example with a single pixel', () => {
    const d = loadDigitsFile(write('one.csv', '9,0.75'));
    expect([d.m, d.n, d.width, d.height, d.y[0], d.X[0]]).toEqual([1, 1, 1, 1, 9, 0.75]);
  });

  it('skips a header row recognised by its non-numeric first cell', () => {
    const d = loadDigitsFile(write('header.csv', 'label,pixel0,pixel1,pixel2,pixel3\n5,0,1,0,1\n'));
    expect([d.m, d.n, d.y[0]]).toEqual([1, 4, 5]);
    expect(Array.from(d.X)).toEqual([0, 1, 0, 1]);
  });

  it('accepts \\r\\n, a BOM, blank lines, padded and quoted cells, and no final newline', () => {
    const text = '\ufefflabel,a,b,c,d\r\n\r\n"4", 0.5 ,0,0,1\r\n  \r\n6,0,0,0,0.5\r\n\r\n';
    const d = loadDigitsFile(write('crlf.csv', text));
    expect(Array.from(d.y)).toEqual([4, 6]);
    expect(Array.from(d.X)).toEqual([0.5, 0, 0, 1, 0, 0, 0, 0.5]);
    const e = loadDigitsFile(write('nofinal.csv', '4,0.5,0,0,1\n6,0,0,0,0.5'));
    expect(Array.from(e.X)).toEqual(Array.from(d.X));
  });

  it('parses numbers exactly as Number() does, exponents included', () => {
    const cells = [
      '0.1',
      '0.3',
      '0.123456789012345',
      '1e-3',
      '2.5E-1',
      '.5',
      '5.',
      '0.12345678901234567',
      '+0.7',
      '-0',
    ];
    for (const cell of cells) {
      const bytes = Buffer.from(cell);
      expect(Object.is(parseCell(bytes, 0, bytes.length), Number(cell))).toBe(true);
    }
    for (const bad of ['', ' ', 'abc', '0x1F', '1,5', '1e', 'Infinity', 'NaN', '1e999', '--1']) {
      const bytes = Buffer.from(bad);
      expect(parseCell(bytes, 0, bytes.length)).toBeNaN();
    }
  });

  it('reads a gzip-compressed CSV', () => {
    const d = loadDigitsFile(write('packed.csv.gz', gzipSync('2,0,0.5,1,0\n')));
    expect([d.m, d.y[0]]).toEqual([1, 2]);
    expect(Array.from(d.X)).toEqual([0, 0.5, 1, 0]);
  });

  it('reads a 28×28 file of 3 examples on a 0–255 scale', () => {
    const rows = [0, 1, 2].map((r) => [r, ...Array.from({ length: 784 }, (_, j) => (j * (r + 1)) % 256)].join(','));
    const d = loadDigitsFile(write('mnist-like.csv', rows.join('\n') + '\n'));
    expect([d.m, d.n, d.width, d.height]).toEqual([3, 784, 28, 28]);
    expect([d.X[784 + 200], d.X[2 * 784 + 100]]).toEqual([144 / 255, 44 / 255]);
  });
});

describe('loadDigitsFile rejects bad CSV with file, line and problem', () => {
  const cases: [string, string, string, string][] = [
    ['too few columns', '1,0,0\n2,0\n', 'line 2', 'expected 3 columns (a label and 2 pixels) but found 2'],
    ['too many columns', '1,0,0\n\n2,0,0,0,0\n', 'line 3', 'expected 3 columns (a label and 2 pixels) but found 5'],
    ['a non-numeric pixel', '1,0,0\n2,0,x7\n', 'line 2', 'column 3 "x7" is not a number'],
    ['an empty cell', '1,0,0\n2,,0\n', 'line 2', 'column 2 is empty'],
    ['a trailing comma', '1,0,0\n2,0,0,\n', 'line 2', 'expected 3 columns (a label and 2 pixels) but found 4'],
    ['a label above 9', '1,0,0\n10,0,0\n', 'line 2', 'label 10 is out of range (labels are digits 0–9)'],
    ['a negative label', '-1,0,0\n', 'line 1', 'label -1 is out of range'],
    ['a fractional label', '1,0,0\n2.5,0,0\n', 'line 2', 'label 2.5 is not a whole number'],
    ['a negative pixel', '1,0,0\n2,0,-0.5\n', 'line 2', 'column 3: negative pixel value -0.5'],
    ['a pixel above 255', '1,0,3\n2,256,0\n', 'line 2', 'column 2: pixel value 256 is above 255'],
    [
      'a header with another column count',
      'label,p1\n1,0,0\n',
      'line 1',
      'the header row has 2 columns but the first data row (line 2) has 3',
    ],
    ['a header and no data', 'label,p1,p2\n\n', 'line 1', 'has a header row but no data rows'],
    [
      'a label without pixels',
      '1\n2\n',
      'line 1',
      'has 1 column; need the label followed by at least one pixel column',
    ],
    ['a non-numeric label after line 1', '1,0,0\nseven,0,0\n', 'line 2', 'column 1 "seven" is not a number'],
  ];
  it.each(cases)('%s', (_, text, location, problem) => {
    const file = write(`bad-${location.replace(' ', '')}-${problem.length}.csv`, text);
    const e = failure(() => loadDigitsFile(file));
    expect(e.file).toBe(file);
    expect(e.location).toBe(location);
    expect(e.message.startsWith(`${file}: ${location}: ${problem}`)).toBe(true);
  });

  it('an empty file', () => {
    const file = write('empty.csv', '');
    expect(failure(() => loadDigitsFile(file)).message).toBe(`${file}: file is empty`);
  });

  it('a file of blank lines', () => {
    const file = write('blank.csv', '\n \r\n\n');
    expect(failure(() => loadDigitsFile(file)).message).toBe(`${file}: file has no data: only blank lines`);
  });

  it('a missing file', () => {
    const file = join(dir, 'nowhere.csv');
    const e = failure(() => loadDigitsFile(file));
    expect([e.file, e.message]).toEqual([file, `${file}: file not found`]);
  });

  it('a directory', () => {
    expect(failure(() => loadDigitsFile(dir)).message).toBe(`${dir}: is a directory, not a data file`);
  });

  it('corrupt gzip data', () => {
    const packed = gzipSync('1,0,0\n'.repeat(1000));
    const file = write('cut.csv.gz', packed.subarray(0, packed.length - 12));
    expect(failure(() => loadDigitsFile(file)).message).toMatch(new RegExp(`^${escape(file)}: corrupt gzip data: .+`));
  });

  it('binary content that is not IDX', () => {
    const file = write('photo.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    expect(failure(() => loadDigitsFile(file)).message).toBe(
      `${file}: byte 0: is neither CSV text nor an IDX file (binary content without the IDX magic number 0x00000803)`,
    );
  });

  it('a labels file passed with a CSV', () => {
    const file = write('with-labels.csv', '1,0,0\n');
    const e = failure(() => loadDigitsFile(file, write('labels.csv', '1\n')));
    expect(e.message).toBe(
      `${file}: byte 0: wrong magic number 0x312c302c (expected 0x00000803 for IDX images); ` +
        'a labels file was given, which only IDX images take — CSV files carry their labels in the first column',
    );
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
