/**
 * Telling the digit format (the label 0–9 in the first column, then pixels; a header allowed) from a
 * table of named features, so files that trained before keep training exactly as before.
 */
import { detectSeparator, eachRow, textBytes, type DelimitedRow } from './delimited';

const DIGIT = /^\s*"?[0-9]"?\s*$/;
const INTEGER = /^\s*"?[+-]?\d+"?\s*$/;
const PIXEL_NAME = /^(pixel|px|p)_?\d+$/i;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/**
 * True when `bytes` look like the digit format: comma-separated, the class column the first (or not
 * chosen), and either no header with a digit 0–9 first, or a header over pixel columns (a first
 * column named "label", columns named pixel0, px1, p2…, or a square number ≥ 64 of them, as Kaggle's
 * "label,pixel0,…,pixel783") with a digit first in the next row.
 */
export function isDigitFormat(bytes: Uint8Array, labelColumn?: string): boolean {
  // A quoted field spanning lines is a table's text (the digit parser reads one example per line).
  if (hasQuotedLineBreak(bytes)) return false;
  const head = textBytes(bytes.subarray(0, 64 * 1024));
  if (detectSeparator(head) !== ',') return false;
  const rows: DelimitedRow[] = [];
  eachRow(head, ',', (r) => rows.push(r), { maxRows: 2, lenient: true });
  if (rows.length === 0) return false;
  const first = rows[0].cells;
  const hasHeader = !NUMBER.test(first[0].trim());
  if (labelColumn !== undefined) {
    const chosen = labelColumn.trim().toLowerCase();
    const isFirst = chosen === '1' || (hasHeader && chosen === first[0].trim().toLowerCase());
    if (!isFirst) return false;
  }
  // Out-of-range integer labels stay in this format so its parser names them ("label 12 is out of range").
  if (!hasHeader) return INTEGER.test(first[0]) && first.every((c) => NUMBER.test(c.trim().replace(/^"|"$/g, '')));
  const n = first.length - 1;
  const side = Math.round(Math.sqrt(n));
  const second = rows[1]?.cells;
  const pixelNames = first.slice(1).every((c) => PIXEL_NAME.test(c.trim()));
  const labelFirst = first[0].trim().toLowerCase() === 'label';
  return (labelFirst || pixelNames || (side * side === n && n >= 64)) && second !== undefined && DIGIT.test(second[0]);
}

/** True when some quoted field of `bytes` holds a line break (RFC 4180 allows it; the digit parser does not). */
export function hasQuotedLineBreak(bytes: Uint8Array): boolean {
  let open = bytes.indexOf(0x22);
  while (open >= 0) {
    const close = bytes.indexOf(0x22, open + 1);
    const end = close < 0 ? bytes.length : close;
    const lf = bytes.indexOf(0x0a, open + 1);
    if (lf >= 0 && lf < end) return true;
    if (close < 0) return false;
    // "" inside a field closes and reopens at once, which keeps the scan in step.
    open = bytes.indexOf(0x22, close + 1);
  }
  return false;
}
