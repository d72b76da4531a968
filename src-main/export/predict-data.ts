/**
 * The data `backprop-lab predict` runs a trained network on, read the way the run's own data was:
 * a table run's features are picked from the file's header by name (in the run's order, wherever they
 * stand), an image run's pixels come from any file the lab trains on. The class column is optional
 * (new data has none); when present, its classes are matched to the run's outputs by name.
 */
import { DataError } from '../data/errors';
import { parseDelimited } from '../data/delimited';
import { loadTable, DIGIT_CLASS_NAMES } from '../data/load';
import { gatherDigits } from '../data/pixel-table';
import { readDataFile } from '../data/read';
import { DEFAULT_LABEL_NAMES } from '../data/tabular';

export interface PredictData {
  /** m rows of n values, in the run's feature order, not yet standardized. */
  X: Float64Array;
  m: number;
  n: number;
  /** Each row's class as the run's output index, or null when the file has no class column. */
  labels: Uint8Array | null;
}

/** What of the run the reader needs: its inputs, classes, and the class column it trained with. */
export interface PredictRun {
  classNames: readonly string[];
  featureNames: readonly string[] | null;
  labelColumn?: string;
  inputs: number;
}

const clip = (s: string) => (s.length > 40 ? `${s.slice(0, 40)}…` : s);

/** The class index of `name` among the run's classes; integers match as numbers ("07" is class "7"). */
function classIndex(classNames: readonly string[], name: string, file: string, where: string): number {
  let k = classNames.indexOf(name);
  if (k < 0 && /^[+-]?\d+$/.test(name.trim())) k = classNames.findIndex((c) => /^[+-]?\d+$/.test(c) && +c === +name);
  if (k < 0) {
    throw new DataError(file, `class "${clip(name)}" is not one the run knows (${classNames.join(', ')})`, where);
  }
  return k;
}

function readTable(file: string, run: PredictRun, labelColumn: string | undefined): PredictData {
  const featureNames = run.featureNames!;
  const { rows } = parseDelimited(readDataFile(file).toString('utf8'), file);
  if (rows.length === 0) throw new DataError(file, 'file has no data: only blank lines');
  const header = rows[0].cells.map((c) => c.trim());
  const find = (name: string) => {
    const exact = header.indexOf(name);
    return exact >= 0 ? exact : header.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  };
  const columns = featureNames.map(find);
  const missing = featureNames.filter((_, j) => columns[j] < 0);
  if (missing.length > 0) {
    throw new DataError(
      file,
      `has no column ${missing.map((c) => `"${clip(c)}"`).join(', ')}; the run was trained on ` +
        `${featureNames.map((c) => `"${clip(c)}"`).join(', ')} (a header row must name them)`,
      'line 1',
    );
  }
  let label = -1;
  if (labelColumn !== undefined) {
    label = /^\d+$/.test(labelColumn.trim()) ? Number(labelColumn) - 1 : find(labelColumn.trim());
    if (label < 0 || label >= header.length) {
      throw new DataError(file, `no class column "${clip(labelColumn)}"; columns are ${header.join(', ')}`, 'line 1');
    }
  } else {
    // New data may have no class column: the run's own class column, or a usual name, is used when present.
    const usual = [run.labelColumn?.toLowerCase(), ...DEFAULT_LABEL_NAMES];
    label = header.findIndex((h, j) => !columns.includes(j) && usual.includes(h.toLowerCase()));
  }
  const data = rows.slice(1);
  const n = featureNames.length;
  const X = new Float64Array(data.length * n);
  const labels = label >= 0 ? new Uint8Array(data.length) : null;
  data.forEach(({ cells, line }, i) => {
    columns.forEach((c, j) => {
      const cell = (cells[c] ?? '').trim();
      const value = cell === '' ? NaN : Number(cell);
      if (!Number.isFinite(value)) {
        const problem = cell === '' ? 'is missing' : `"${clip(cell)}" is not a number`;
        throw new DataError(file, `${featureNames[j]} ${problem}`, `line ${line}, column ${c + 1}`);
      }
      X[i * n + j] = value;
    });
    if (labels) labels[i] = classIndex(run.classNames, (cells[label] ?? '').trim(), file, `line ${line}`);
  });
  return { X, m: data.length, n, labels };
}

/** Reads `file` (plus IDX labels) as rows for the run's network; errors name the file and what differs. */
export function readPredictData(
  file: string,
  labelsFile: string | undefined,
  run: PredictRun,
  labelColumn?: string,
): PredictData {
  if (run.featureNames) return readTable(file, run, labelColumn);
  const table = loadTable(file, labelsFile, labelColumn ? { labelColumn } : {});
  const d = gatherDigits(table);
  if (d.n !== run.inputs) {
    throw new DataError(
      file,
      `has ${d.n} values per example (${table.width}×${table.height}) but the run's network takes ${run.inputs}`,
    );
  }
  const names = table.classNames ?? DIGIT_CLASS_NAMES;
  const index = names.map((name) => classIndex(run.classNames, name, file, 'labels'));
  return { X: d.X, m: d.m, n: d.n, labels: Uint8Array.from(d.y, (k) => index[k]) };
}
