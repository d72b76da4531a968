/**
 * Digits from CSV: one example per line, the label 0–9 first, then one column per pixel.
 *
 * - A header row is allowed; it is recognised by a first cell that is not a number ("label,pixel0,…").
 * - Scale: if any pixel anywhere is above 1 the whole file is taken as 0–255 and divided by 255;
 *   otherwise values are used as they are (already in [0, 1]). Negative pixels are errors.
 * - Shape: p pixel columns make a √p×√p image when p is a perfect square (784 → 28×28, 400 → 20×20
 *   as in Ng's ex4data1), otherwise a 1×p strip.
 * - \n or \r\n line ends, a UTF-8 byte-order mark, a trailing newline and blank lines are accepted;
 *   cells may be padded with spaces or wrapped in double quotes.
 *
 * The file is scanned as bytes, so a 100 MB CSV does not become millions of strings.
 */
import { eachRow, refuseDuplicateNames } from './delimited';
import { DataError } from './errors';
import { dataLimits, sizeInWords } from './limits';
import type { PixelTable } from './pixel-table';

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Parses CSV bytes into a table of values in [0, 1]; errors name the 1-based line. */
export function parseCsv(bytes: Uint8Array, file: string): PixelTable {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const limits = dataLimits();
  const lines = nonBlankLines(bytes, start, limits.maxLineBytes, file);
  if (lines.count === 0) throw new DataError(file, 'file has no data: only blank lines');

  const first = lines.first;
  const hasHeader = Number.isNaN(parseCell(bytes, first.start, cellEnd(bytes, first.start, first.end)));
  const m = lines.count - (hasHeader ? 1 : 0);
  if (m === 0) throw new DataError(file, 'has a header row but no data rows', `line ${first.line}`);
  const data = hasHeader ? lines.second : first;
  const columns = countColumns(bytes, data.start, data.end);
  if (columns > limits.maxColumns) {
    throw new DataError(
      file,
      `a row has more than ${limits.maxColumns.toLocaleString('en-US')} columns, the most the lab reads ` +
        '(a 256×256 image and its label)',
      `line ${data.line}`,
    );
  }
  if (columns < 2) {
    throw new DataError(
      file,
      `has 1 column; need the label followed by at least one pixel column`,
      `line ${data.line}`,
    );
  }
  if (hasHeader && countColumns(bytes, first.start, first.end) !== columns) {
    const headerColumns = countColumns(bytes, first.start, first.end);
    throw new DataError(
      file,
      `the header row has ${headerColumns} columns but the first data row (line ${data.line}) has ${columns}`,
      `line ${first.line}`,
    );
  }
  if (hasHeader) {
    eachRow(bytes.subarray(first.start, first.end), ',', (r) => refuseDuplicateNames(r.cells, file, first.line), {
      file,
      maxRows: 1,
      lenient: true,
    });
  }
  const n = columns - 1;
  // Checked before allocating: a file of millions of short rows must not take gigabytes of doubles.
  if (m * n * 8 > limits.maxTableBytes) {
    throw new DataError(
      file,
      `its ${m.toLocaleString('en-US')} rows × ${n.toLocaleString('en-US')} pixels need ${sizeInWords(m * n * 8)} ` +
        `of memory, more than the ${sizeInWords(limits.maxTableBytes)} the lab holds of one file`,
    );
  }
  const X = new Float64Array(m * n);
  const y = new Uint8Array(m);
  let max = 0;
  let maxLine = 0;
  let maxColumn = 0;
  let row = 0;

  // One plain loop over lines (no per-line callback): V8 keeps max/row in registers this way,
  // which made parsing several times faster than a closure updating captured variables.
  let line = 0;
  let next = start;
  while (next < bytes.length) {
    line++;
    const lineStart = next;
    let nl = bytes.indexOf(NEWLINE, lineStart);
    if (nl < 0) nl = bytes.length;
    next = nl + 1;
    const lineEnd = nl > lineStart && bytes[nl - 1] === CR ? nl - 1 : nl;
    if (isBlank(bytes, lineStart, lineEnd) || (hasHeader && line === first.line)) continue;
    let pos = lineStart;
    const base = row * n;
    for (let col = 0; col < columns; col++) {
      if (pos > lineEnd) {
        throw new DataError(
          file,
          `expected ${columns} columns (a label and ${n} pixels) but found ${col}`,
          `line ${line}`,
        );
      }
      const end = cellEnd(bytes, pos, lineEnd);
      const v = parseCell(bytes, pos, end);
      if (Number.isNaN(v)) {
        const what =
          end === pos || isBlank(bytes, pos, end) ? 'is empty' : `"${cellText(bytes, pos, end)}" is not a number`;
        throw new DataError(file, `column ${col + 1} ${what}`, `line ${line}`);
      }
      if (col === 0) {
        if (!Number.isInteger(v))
          throw new DataError(file, `label ${v} is not a whole number (labels are digits 0–9)`, `line ${line}`);
        if (v < 0 || v > 9)
          throw new DataError(file, `label ${v} is out of range (labels are digits 0–9)`, `line ${line}`);
        y[row] = v;
      } else {
        if (v < 0) throw new DataError(file, `column ${col + 1}: negative pixel value ${v}`, `line ${line}`);
        if (v > max) {
          max = v;
          maxLine = line;
          maxColumn = col + 1;
        }
        X[base + col - 1] = v;
      }
      pos = end + 1;
    }
    if (pos <= lineEnd) {
      const found = countColumns(bytes, lineStart, lineEnd);
      throw new DataError(
        file,
        `expected ${columns} columns (a label and ${n} pixels) but found ${found}`,
        `line ${line}`,
      );
    }
    row++;
  }

  if (max > 1) {
    if (max > 255) {
      throw new DataError(
        file,
        `column ${maxColumn}: pixel value ${max} is above 255 (values above 1 mean the file is on a 0–255 scale)`,
        `line ${maxLine}`,
      );
    }
    for (let i = 0; i < X.length; i++) X[i] /= 255;
  }
  const side = Math.round(Math.sqrt(n));
  const square = side * side === n;
  return { kind: 'values', pixels: X, labels: y, m, width: square ? side : n, height: square ? side : 1 };
}

/** Calls `visit` for each line that is not blank, with [start, end) excluding "\r\n" and its 1-based number. */
function forEachLine(
  bytes: Uint8Array,
  start: number,
  visit: (start: number, end: number, line: number) => void,
): void {
  let line = 0;
  let pos = start;
  while (pos < bytes.length) {
    line++;
    let nl = bytes.indexOf(NEWLINE, pos);
    if (nl < 0) nl = bytes.length;
    let end = nl;
    if (end > pos && bytes[end - 1] === CR) end--;
    if (!isBlank(bytes, pos, end)) visit(pos, end, line);
    pos = nl + 1;
  }
}

/** How many lines hold something, and where the first two of them are; refuses a line over `maxLine` bytes. */
function nonBlankLines(bytes: Uint8Array, start: number, maxLine: number, file: string) {
  let count = 0;
  let first = { start: 0, end: 0, line: 0 };
  let second = first;
  forEachLine(bytes, start, (s, e, line) => {
    if (e - s > maxLine) {
      throw new DataError(
        file,
        `a row is longer than ${sizeInWords(maxLine)}, the most the lab reads in one row (is this a CSV file?)`,
        `line ${line}`,
      );
    }
    if (count === 0) first = { start: s, end: e, line };
    else if (count === 1) second = { start: s, end: e, line };
    count++;
  });
  return { count, first, second };
}

function isBlank(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = bytes[i];
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** Index of the comma ending the cell that starts at `start`, or `lineEnd`. */
function cellEnd(bytes: Uint8Array, start: number, lineEnd: number): number {
  let i = start;
  while (i < lineEnd && bytes[i] !== COMMA) i++;
  return i;
}

function countColumns(bytes: Uint8Array, start: number, end: number): number {
  let columns = 1;
  for (let i = start; i < end; i++) if (bytes[i] === COMMA) columns++;
  return columns;
}

/**
 * The number in bytes[start, end), or NaN. Plain decimals of up to 15 digits are computed exactly
 * as digits / 10^k (both exact doubles, so the quotient is the correctly rounded value, identical to
 * Number()); anything else (exponents, long mantissas) goes through Number() on the cell's text.
 */
export function parseCell(bytes: Uint8Array, start: number, end: number): number {
  while (start < end && (bytes[start] === SPACE || bytes[start] === TAB)) start++;
  while (end > start && (bytes[end - 1] === SPACE || bytes[end - 1] === TAB)) end--;
  if (end - start >= 2 && bytes[start] === QUOTE && bytes[end - 1] === QUOTE) {
    start++;
    end--;
  }
  if (start === end) return NaN;
  let i = start;
  let negative = false;
  if (bytes[i] === 0x2d || bytes[i] === 0x2b) negative = bytes[i++] === 0x2d;
  let mantissa = 0;
  let digits = 0;
  let decimals = 0;
  let seenPoint = false;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      if (seenPoint) decimals++;
    } else if (c === 0x2e && !seenPoint) {
      seenPoint = true;
    } else {
      break;
    }
  }
  if (i === end && digits > 0 && digits <= 15) {
    const v = decimals === 0 ? mantissa : mantissa / POW10[decimals];
    return negative ? -v : v;
  }
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) return NaN;
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}

function cellText(bytes: Uint8Array, start: number, end: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset + start, Math.min(end - start, 24)).toString('utf8');
  return end - start > 24 ? `${text}…` : text;
}
