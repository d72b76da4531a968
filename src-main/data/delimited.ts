/**
 * Delimited text as people keep it: comma, semicolon or tab separated, fields optionally quoted as in
 * RFC 4180 ("a ""quoted"" word", separators and line breaks inside quotes), \n or \r\n line ends, a
 * UTF-8 byte-order mark. The separator is detected from the first lines; the result keeps each row's
 * 1-based line number so errors can point at the line the user sees in an editor.
 *
 * Rows are scanned from the file's bytes one at a time (`eachRow`), so only the row at hand becomes
 * strings; a row longer than the line limit or wider than the column limit is refused as soon as the
 * scan passes the limit, before anything is kept of it.
 */
import { DataError } from './errors';
import { dataLimits, sizeInWords, type DataLimits } from './limits';

export const SEPARATORS = [',', ';', '\t'] as const;
export type Separator = (typeof SEPARATORS)[number];

/** One parsed row: its cells (trimmed of surrounding spaces unless quoted) and the line it starts on. */
export interface DelimitedRow {
  readonly cells: string[];
  readonly line: number;
}

export interface Delimited {
  readonly separator: Separator;
  readonly rows: DelimitedRow[];
}

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
/** Bytes of the start of a file that the separator is detected from. */
const SAMPLE_BYTES = 64 * 1024;
/** What one kept cell costs in memory beyond its text (a string header and an array slot), for the budget. */
const CELL_OVERHEAD_BYTES = 40;

/** How a separator is named in messages. */
export function separatorName(s: Separator): string {
  return s === ',' ? 'comma' : s === ';' ? 'semicolon' : 'tab';
}

/** The bytes of `text` (a string is encoded as UTF-8) as a Buffer view, without its byte-order mark. */
export function textBytes(text: string | Uint8Array): Buffer {
  const b =
    typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.length);
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
}

/**
 * The separator that splits the first non-blank lines into the same number (> 1) of cells most
 * often; ties prefer comma, then semicolon, then tab. Quotes are honoured while counting.
 */
export function detectSeparator(text: string | Uint8Array): Separator {
  const sample = textBytes(text).subarray(0, SAMPLE_BYTES);
  let best: Separator = ',';
  let bestScore = -1;
  for (const sep of SEPARATORS) {
    const counts: number[] = [];
    eachRow(sample, sep, (r) => counts.push(r.cells.length), { maxRows: 20, lenient: true });
    if (counts.length === 0) continue;
    const first = counts[0];
    if (first < 2) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = sep;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Parses delimited text into rows kept in memory; `file` names it in errors (an unterminated quote
 * names its line). The rows' estimated memory is held to the table limit as they are read.
 */
export function parseDelimited(text: string | Uint8Array, file: string, separator?: Separator): Delimited {
  const bytes = textBytes(text);
  const sep = separator ?? detectSeparator(bytes);
  const limits = dataLimits();
  const rows: DelimitedRow[] = [];
  let kept = 0;
  eachRow(
    bytes,
    sep,
    (row) => {
      for (const c of row.cells) kept += c.length * 2 + CELL_OVERHEAD_BYTES;
      if (kept > limits.maxTableBytes) {
        throw new DataError(
          file,
          `its cells need more than ${sizeInWords(limits.maxTableBytes)} of memory by line ${row.line}, ` +
            `the most the lab holds of one file`,
        );
      }
      rows.push(row);
    },
    { file, limits },
  );
  return { separator: sep, rows };
}

/**
 * A hint when a file split by `used` into one column would split into several with another separator
 * (a semicolon file read as comma-separated, say); '' when nothing better is likely.
 */
export function separatorHint(text: string | Uint8Array, used: Separator): string {
  const head = textBytes(text).subarray(0, SAMPLE_BYTES).toString('utf8');
  const firstLine = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  for (const other of SEPARATORS) {
    if (other === used) continue;
    let cells = 0;
    eachRow(Buffer.from(firstLine), other, (r) => (cells = r.cells.length), { maxRows: 1, lenient: true });
    if (cells > 1) {
      return ` (the file looks ${separatorName(other)}-separated, not ${separatorName(used)}-separated)`;
    }
  }
  return '';
}

/** Refuses a header that names a column twice (case-insensitively, as --label-column matches), naming both columns. */
export function refuseDuplicateNames(names: readonly string[], file: string, line: number): void {
  const seen = new Map<string, number>();
  names.forEach((name, j) => {
    const key = name.trim().toLowerCase();
    if (key === '') return;
    const before = seen.get(key);
    if (before !== undefined) {
      throw new DataError(
        file,
        `the header names "${name.trim().slice(0, 24)}" twice, columns ${before + 1} and ${j + 1}; ` +
          'give every column its own name',
        `line ${line}`,
      );
    }
    seen.set(key, j);
  });
}

export interface RowScanOptions {
  /** Names the file in errors; without it (and with `lenient`) an unclosed quote just ends the text. */
  file?: string;
  /** Stop after this many rows. */
  maxRows?: number;
  /** A sample cut off anywhere: an unclosed quote and over-long rows are not errors. */
  lenient?: boolean;
  limits?: DataLimits;
}

/**
 * Calls `visit` with each row of `bytes` that is not blank, in order, as RFC 4180 reads them: a quoted
 * field may hold separators, "" for a quote, and line breaks (the row keeps the line it starts on).
 * Errors name `file` and the line; a row over the line limit or column limit is refused mid-scan.
 */
export function eachRow(
  bytes: Uint8Array,
  separator: Separator,
  visit: (row: DelimitedRow) => void,
  options: RowScanOptions = {},
): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const sep = separator.charCodeAt(0);
  const { file = 'the file', lenient = false } = options;
  const maxRows = options.maxRows ?? Infinity;
  const limits = options.limits ?? dataLimits();
  const maxLine = lenient ? Infinity : limits.maxLineBytes;
  const maxColumns = lenient ? Infinity : limits.maxColumns;
  const n = buf.length;
  let line = 1;
  let i = 0;
  let count = 0;
  const tooLong = (startLine: number) =>
    new DataError(
      file,
      `a row is longer than ${sizeInWords(maxLine)}, the most the lab reads in one row (is this a CSV file?)`,
      `line ${startLine}`,
    );
  while (i < n && count < maxRows) {
    const startLine = line;
    const rowStart = i;
    const cells: string[] = [];
    let cellStart = i;
    let quoted: string | null = null;
    let tailStart = i;
    let blank = true;
    const push = (end: number) => {
      if (cells.length >= maxColumns) {
        throw new DataError(
          file,
          `a row has more than ${maxColumns.toLocaleString('en-US')} columns, the most the lab reads ` +
            '(a 256×256 image and its label)',
          `line ${startLine}`,
        );
      }
      cells.push(
        quoted !== null ? quoted + buf.toString('utf8', tailStart, end) : buf.toString('utf8', cellStart, end).trim(),
      );
      quoted = null;
    };
    for (;;) {
      if (i - rowStart > maxLine) throw tooLong(startLine);
      if (i >= n) {
        push(n);
        break;
      }
      const c = buf[i];
      if (c === QUOTE && quoted === null && isBlank(buf, cellStart, i)) {
        // A quoted field: read to the closing quote; "" is a quote inside it.
        blank = false;
        i++;
        let text = '';
        let from = i;
        for (;;) {
          if (i >= n) {
            if (lenient) break;
            throw new DataError(file, 'a quoted field is never closed (missing ")', `line ${startLine}`);
          }
          if (i - rowStart > maxLine) throw tooLong(startLine);
          const q = buf[i];
          if (q === QUOTE) {
            text += buf.toString('utf8', from, i);
            if (buf[i + 1] === QUOTE) {
              text += '"';
              i += 2;
              from = i;
              continue;
            }
            i++;
            from = -1;
            break;
          }
          if (q === LF) line++;
          i++;
        }
        if (from >= 0) text += buf.toString('utf8', from, i);
        // Spaces after the closing quote are allowed; anything else stays part of the cell.
        while (i < n && (buf[i] === SPACE || buf[i] === TAB) && buf[i] !== sep) i++;
        quoted = text;
        tailStart = i;
        continue;
      }
      if (c === sep) {
        push(i);
        i++;
        cellStart = i;
        continue;
      }
      if (c === LF || c === CR) {
        push(i);
        if (c === CR && buf[i + 1] === LF) i++;
        i++;
        line++;
        break;
      }
      if (c !== SPACE && c !== TAB) blank = false;
      i++;
    }
    if (!(blank && cells.length === 1)) {
      count++;
      visit({ cells, line: startLine });
    }
  }
}

/** Lines of `bytes` holding more than spaces and tabs: a bound on its rows, found without making strings. */
export function countNonBlankLines(bytes: Uint8Array): number {
  let count = 0;
  let pos = 0;
  while (pos < bytes.length) {
    let nl = bytes.indexOf(LF, pos);
    if (nl < 0) nl = bytes.length;
    for (let k = pos; k < nl; k++) {
      const c = bytes[k];
      if (c !== SPACE && c !== TAB && c !== CR) {
        count++;
        break;
      }
    }
    pos = nl + 1;
  }
  return count;
}

function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (buf[k] !== SPACE && buf[k] !== TAB) return false;
  return true;
}
