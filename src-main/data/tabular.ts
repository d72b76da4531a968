/**
 * A table of named features with a class column, as people keep their own data: a header row (or
 * none), the class in any column, classes that are strings ("setosa") or integers in any range.
 *
 * - Header: the first row is a header when all its cells are non-numeric, or when some column holds
 *   text in the first row and a number in the second.
 * - Class column: `labelColumn` as a header name (case-insensitive) or a 1-based column number;
 *   by default the column named label, class, target or y, else the first (without a header: the
 *   first, unless it holds fractions and the last holds text, as in UCI's iris.data); a header
 *   without such a name: the only column holding text, else the first.
 * - Classes are mapped to outputs in sorted order: numeric order when every class is an integer,
 *   otherwise string order (by code point). Output i means classNames[i].
 * - Missing values (an empty cell, NA, NaN, ?, null) are refused naming line and column, or the row is
 *   dropped with `dropMissing` and counted.
 * - Features keep their units (no scaling); standardization is a separate, explicit step.
 */
import {
  countNonBlankLines,
  detectSeparator,
  eachRow,
  refuseDuplicateNames,
  separatorHint,
  separatorName,
  textBytes,
  type DelimitedRow,
  type Separator,
} from './delimited';
import { DataError } from './errors';
import { dataLimits, sizeInWords } from './limits';
import type { PixelTable } from './pixel-table';

/** Fewest and most classes a run can learn. */
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 100;

/** Header names taken as the class column when none is chosen. */
export const DEFAULT_LABEL_NAMES = ['label', 'class', 'target', 'y'];

const MISSING = new Set(['', 'na', 'n/a', 'nan', '?', 'null', 'none']);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

export interface TableOptions {
  /** A header name (case-insensitive) or a 1-based column number, as the user gave it. */
  labelColumn?: string;
  /** Leave out rows with a missing value instead of refusing the file. */
  dropMissing?: boolean;
}

/** A labelled table plus what the user should be told about how it was read. */
export type NamedTable = PixelTable & {
  readonly classNames: string[];
  readonly featureNames: string[];
  readonly labelColumnName: string;
  /** 0-based index of the class column among all columns. */
  readonly labelColumnIndex: number;
  /** Every column name (header, or "column k"), class column included. */
  readonly columns: string[];
  readonly hasHeader: boolean;
  readonly separator: Separator;
  /** Rows left out because of a missing value (dropMissing). */
  readonly dropped: number;
};

function numeric(cell: string): boolean {
  return NUMBER.test(cell);
}

/** Parses a delimited text table of features and a class column; errors name line and column. */
export function parseTable(text: string | Uint8Array, file: string, options: TableOptions = {}): NamedTable {
  const bytes = textBytes(text);
  const limits = dataLimits();
  const separator = detectSeparator(bytes);
  // The first two rows decide the header and the class column; the rest stream through `add`.
  const head: DelimitedRow[] = [];
  eachRow(bytes, separator, (r) => head.push(r), { file, maxRows: 2, limits });
  if (head.length === 0) throw new DataError(file, 'file has no data: only blank lines');
  const first = head[0].cells;
  const second = head[1]?.cells;
  const hasHeader =
    first.every((c) => !numeric(c)) ||
    (second !== undefined && first.some((c, j) => !numeric(c) && numeric(second[j] ?? '')));
  const columnCount = first.length;
  if (columnCount < 2) {
    throw new DataError(
      file,
      `has 1 column when split by ${separatorName(separator)}; need a class column and at least one feature` +
        separatorHint(bytes, separator),
      `line ${head[0].line}`,
    );
  }
  if (hasHeader) refuseDuplicateNames(first, file, head[0].line);
  const columns = hasHeader ? first.map((c, j) => c || `column ${j + 1}`) : first.map((_, j) => `column ${j + 1}`);
  const firstData = hasHeader ? head[1] : head[0];
  if (!firstData) throw new DataError(file, 'has a header row but no data rows', `line ${head[0].line}`);
  const labelIndex = resolveLabelColumn(columns, hasHeader, firstData.cells, options.labelColumn, file);
  const n = columnCount - 1;
  const featureColumns = columns.map((_, j) => j).filter((j) => j !== labelIndex);

  // Checked before allocating: every non-blank line past the header may be a row (fewer when a
  // quoted field spans lines), so this bound is allocated once and refused when over the limit.
  const rowBound = countNonBlankLines(bytes) - (hasHeader ? 1 : 0);
  if (rowBound * n * 8 > limits.maxTableBytes) {
    throw new DataError(
      file,
      `its ${rowBound.toLocaleString('en-US')} rows × ${n.toLocaleString('en-US')} features need ` +
        `${sizeInWords(rowBound * n * 8)} of memory, more than the ${sizeInWords(limits.maxTableBytes)} the lab holds of one file`,
    );
  }
  const values = new Float64Array(rowBound * n);
  const rowClass = new Uint16Array(rowBound);
  let m = 0;
  const classIndex = new Map<string, number>();
  let dropped = 0;
  let isHeader = hasHeader;
  eachRow(
    bytes,
    separator,
    (row) => {
      if (isHeader) {
        isHeader = false;
        return;
      }
      if (row.cells.length !== columnCount) {
        throw new DataError(
          file,
          `expected ${columnCount} columns but found ${row.cells.length}` +
            separatorHint(row.cells.join(separator), separator),
          `line ${row.line}`,
        );
      }
      const missing = row.cells.findIndex((c) => MISSING.has(c.toLowerCase()));
      if (missing >= 0) {
        if (options.dropMissing) {
          dropped++;
          return;
        }
        throw new DataError(
          file,
          `column ${missing + 1} ("${columns[missing]}") is missing a value ("${row.cells[missing]}"); ` +
            'fix the file or drop such rows (--drop-missing, or "Drop rows with missing values" in New run)',
          `line ${row.line}`,
        );
      }
      let o = m * n;
      for (const j of featureColumns) {
        const cell = row.cells[j];
        if (!numeric(cell)) {
          throw new DataError(
            file,
            `column ${j + 1} ("${columns[j]}"): "${clip(cell)}" is not a number (features must be numbers; ` +
              `the class column is "${columns[labelIndex]}")`,
            `line ${row.line}`,
          );
        }
        values[o++] = Number(cell);
      }
      const key = canonical(row.cells[labelIndex]);
      let k = classIndex.get(key);
      if (k === undefined) {
        if (classIndex.size >= MAX_DISTINCT_CLASSES) {
          throw new DataError(
            file,
            `column ${labelIndex + 1} ("${columns[labelIndex]}") holds more than ${MAX_DISTINCT_CLASSES.toLocaleString('en-US')} ` +
              `classes; a run learns ${MIN_CLASSES} to ${MAX_CLASSES} classes. Is it the class column? Choose another with --label-column`,
          );
        }
        k = classIndex.size;
        classIndex.set(key, k);
      }
      rowClass[m++] = k;
    },
    { file, limits },
  );
  if (m === 0)
    throw new DataError(file, `every row has a missing value (${dropped} dropped); nothing is left to train on`);
  const classNames = orderClasses([...classIndex.keys()]);
  if (classNames.length < MIN_CLASSES || classNames.length > MAX_CLASSES) {
    const shown = classNames
      .slice(0, 5)
      .map((c) => `"${clip(c)}"`)
      .join(', ');
    throw new DataError(
      file,
      `column ${labelIndex + 1} ("${columns[labelIndex]}") holds ${classNames.length} ${classNames.length === 1 ? 'class' : 'classes'} (${shown}` +
        `${classNames.length > 5 ? ', …' : ''}); a run learns ${MIN_CLASSES} to ${MAX_CLASSES} classes` +
        (classNames.length > MAX_CLASSES ? '. Is it the class column? Choose another with --label-column' : ''),
    );
  }
  const sorted = new Map(classNames.map((c, i) => [c, i]));
  const toSorted = [...classIndex.keys()].map((c) => sorted.get(c)!);
  const labels = Uint8Array.from(rowClass.subarray(0, m), (k) => toSorted[k]);
  const featureNames = featureColumns.map((j) => columns[j]);
  return {
    kind: 'values',
    pixels: values.length === m * n ? values : values.subarray(0, m * n),
    labels,
    m,
    width: n,
    height: 1,
    classNames,
    featureNames,
    labelColumnName: columns[labelIndex],
    labelColumnIndex: labelIndex,
    columns,
    hasHeader,
    separator,
    dropped,
  };
}

/** Distinct values of a class column counted before the column is refused as not holding classes. */
const MAX_DISTINCT_CLASSES = 10_000;

/** The 0-based index of the class column; the error lists the columns there are. */
export function resolveLabelColumn(
  columns: string[],
  hasHeader: boolean,
  firstRow: string[],
  given: string | undefined,
  file: string,
): number {
  if (given !== undefined) {
    const wanted = given.trim();
    const byName = hasHeader ? columns.findIndex((c) => c.toLowerCase() === wanted.toLowerCase()) : -1;
    if (byName >= 0) return byName;
    if (/^\d+$/.test(wanted)) {
      const k = Number(wanted);
      if (k >= 1 && k <= columns.length) return k - 1;
      throw new DataError(file, `label column ${k} does not exist: the file has columns 1 to ${columns.length}`);
    }
    const names = hasHeader
      ? `; columns are ${columns.map((c) => `"${clip(c)}"`).join(', ')}`
      : ' (the file has no header row; give a column number)';
    throw new DataError(file, `no column named "${clip(wanted)}"${names}`);
  }
  if (hasHeader) {
    const named = columns.findIndex((c) => DEFAULT_LABEL_NAMES.includes(c.toLowerCase()));
    if (named >= 0) return named;
    // Features must be numbers, so a lone text column can only be the class.
    const text = firstRow.map((c, j) => (numeric(c) || MISSING.has(c.toLowerCase()) ? -1 : j)).filter((j) => j >= 0);
    return text.length === 1 ? text[0] : 0;
  }
  const last = columns.length - 1;
  const firstIsFraction = numeric(firstRow[0]) && !Number.isInteger(Number(firstRow[0]));
  return firstIsFraction && !numeric(firstRow[last]) ? last : 0;
}

/** Integers compare as numbers ("10" after "9", "-1" before "0"); anything else by code point. */
function orderClasses(labels: string[]): string[] {
  const distinct = [...new Set(labels.map(canonical))];
  if (distinct.every((c) => /^[+-]?\d+$/.test(c))) return distinct.sort((a, b) => Number(a) - Number(b));
  return distinct.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** "007" and "7" are the same integer class; other text is kept as written. */
function canonical(label: string): string {
  return /^[+-]?\d+$/.test(label) && Number.isSafeInteger(Number(label)) ? String(Number(label)) : label;
}

function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}
