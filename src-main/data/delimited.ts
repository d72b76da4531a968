/**
 * Delimited text as people keep it: comma, semicolon or tab separated, fields optionally quoted as in
 * RFC 4180 ("a ""quoted"" word", separators and line breaks inside quotes), \n or \r\n line ends, a
 * UTF-8 byte-order mark. The separator is detected from the first lines; the result keeps each row's
 * 1-based line number so errors can point at the line the user sees in an editor.
 */
import { DataError } from './errors';

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

/** How a separator is named in messages. */
export function separatorName(s: Separator): string {
  return s === ',' ? 'comma' : s === ';' ? 'semicolon' : 'tab';
}

/**
 * The separator that splits the first non-blank lines into the same number (> 1) of cells most
 * often; ties prefer comma, then semicolon, then tab. Quotes are honoured while counting.
 */
export function detectSeparator(text: string): Separator {
  const sample = text.slice(0, 64 * 1024);
  let best: Separator = ',';
  let bestScore = -1;
  for (const sep of SEPARATORS) {
    const counts = splitRows(sample, sep, 20).map((r) => r.cells.length);
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

/** Parses delimited text; `file` names it in errors (an unterminated quote names its line). */
export function parseDelimited(text: string, file: string, separator?: Separator): Delimited {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const sep = separator ?? detectSeparator(text);
  return { separator: sep, rows: splitRows(text, sep, Infinity, file) };
}

/**
 * A hint when a file split by `used` into one column would split into several with another separator
 * (a semicolon file read as comma-separated, say); '' when nothing better is likely.
 */
export function separatorHint(text: string, used: Separator): string {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  for (const other of SEPARATORS) {
    if (other === used) continue;
    if (splitRows(firstLine, other, 1)[0]?.cells.length > 1) {
      return ` (the file looks ${separatorName(other)}-separated, not ${separatorName(used)}-separated)`;
    }
  }
  return '';
}

function splitRows(text: string, sep: Separator, maxRows: number, file?: string): DelimitedRow[] {
  const rows: DelimitedRow[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n && rows.length < maxRows) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let blank = true;
    for (;;) {
      if (i >= n) {
        cells.push(quoted ? cell : cell.trim());
        break;
      }
      const c = text[i];
      if (c === '"' && cell.trim() === '' && !quoted) {
        // A quoted field: read to the closing quote; "" is a quote inside it.
        quoted = true;
        blank = false;
        cell = '';
        i++;
        for (;;) {
          if (i >= n) {
            if (file === undefined) break;
            throw new DataError(file, 'a quoted field is never closed (missing ")', `line ${startLine}`);
          }
          const q = text[i];
          if (q === '"') {
            if (text[i + 1] === '"') {
              cell += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (q === '\n') line++;
          cell += q;
          i++;
        }
        // Spaces after the closing quote are allowed; anything else stays part of the cell.
        while (i < n && (text[i] === ' ' || text[i] === '\t') && text[i] !== sep) i++;
        continue;
      }
      if (c === sep) {
        cells.push(quoted ? cell : cell.trim());
        cell = '';
        quoted = false;
        i++;
        continue;
      }
      if (c === '\n' || c === '\r') {
        cells.push(quoted ? cell : cell.trim());
        if (c === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        break;
      }
      if (c !== ' ' && c !== '\t') blank = false;
      cell += c;
      i++;
    }
    if (!(blank && cells.length === 1)) rows.push({ cells, line: startLine });
  }
  return rows;
}
