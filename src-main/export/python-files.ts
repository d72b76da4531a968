/**
 * The "Continue in Python" files of an export: notebook.ipynb, train.py and data/ (the run's own training
 * and test examples, as read, before standardization). The data is the examples themselves rather than row
 * numbers because the lab's seeded shuffle has no numpy twin and the source file may not travel with the run.
 */
import { isNgModel } from '../nn/model-math';
import { modelOf } from '../run/hyperparameters';
import { loadDataSplit } from '../data/load';
import type { Digits } from '../data/digits';
import type { DatasetSpec, Hyperparameters } from '../run/hyperparameters';
// The vectorized cost directly, not nn/implementations: the store imports this file, and the store
// must load where no bundler turns the fast kernel's .wat into bytes (Playwright's loader in e2e seeds).
import { createVectorizedCost } from '../nn/vectorized';
import { notebookCells } from './notebook-cells';
import { NOTEBOOK_FILE, TRAIN_SCRIPT_FILE, notebookJson, trainScript } from './notebook';

/** What of a finished run the Python files are made from. */
export interface PythonRun {
  name: string;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  metrics: { finalCost: number; testAccuracy: number | null } | null;
  sizes: number[];
  initialTheta: Float64Array;
}

/** A float64 or uint8 .npy file (format 1.0) of a rows×cols array (cols 0: a vector). */
export function npyFile(values: Float64Array | Uint8Array, rows: number, cols: number): Uint8Array {
  const descr = values instanceof Float64Array ? '<f8' : '|u1';
  const shape = cols === 0 ? `(${rows},)` : `(${rows}, ${cols})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shape}, }`;
  header += ' '.repeat(64 - ((10 + header.length + 1) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + values.byteLength);
  out.set([0x93, ...Buffer.from('NUMPY'), 1, 0, header.length & 0xff, header.length >> 8]);
  out.set(Buffer.from(header, 'latin1'), 10);
  out.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 10 + header.length);
  return out;
}

/**
 * Pixels k/255 as the bytes k (8× smaller than float64; numpy's X / 255 gives the same doubles, both
 * division being correctly rounded), any other values as float64.
 */
function pixelBytesOrValues(X: Float64Array): Float64Array | Uint8Array {
  const bytes = new Uint8Array(X.length);
  for (let i = 0; i < X.length; i++) {
    const k = Math.round(X[i] * 255);
    if (!(k >= 0 && k <= 255 && k / 255 === X[i])) return Float64Array.from(X);
    bytes[i] = k;
  }
  return bytes;
}

/** A part of the split as CSV: the features by name, then `class` (the output index). */
function csvFile(part: Digits, featureNames: readonly string[]): string {
  const quote = (s: string) => (/[",\n\r]/.test(s) || s.trim() !== s ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = [[...featureNames.map(quote), 'class'].join(',')];
  for (let i = 0; i < part.m; i++) {
    const row = Array.from(part.X.subarray(i * part.n, (i + 1) * part.n), String);
    rows.push(`${row.join(',')},${part.y[i]}`);
  }
  return `${rows.join('\n')}\n`;
}

/**
 * File name → contents of notebook.ipynb, train.py and data/ for `run`. Reads the run's data again (the
 * raw split: standardization is redone in Python with the lab's mean and sd) and evaluates the lab's J(Θ₀).
 */
export function pythonFiles(run: PythonRun): Record<string, Uint8Array | string> {
  const raw = loadDataSplit({ ...run.dataset, standardize: false });
  const scaled = run.dataset.standardize ? loadDataSplit(run.dataset) : raw;
  const model = modelOf(run.hyperparameters);
  const f = createVectorizedCost(run.sizes, scaled.train, run.hyperparameters.lambda, model);
  const costAtTheta0 = f.evaluate(run.initialTheta, new Float64Array(run.initialTheta.length));
  f.dispose();
  const hasTest = raw.test.m > 0;
  const files: Record<string, Uint8Array | string> = {};
  const featureNames = raw.info.featureNames;
  const dataFormat = featureNames ? 'csv' : 'npy';
  for (const [part, name] of [
    [raw.train, 'train'],
    [raw.test, 'test'],
  ] as const) {
    if (part.m === 0) continue;
    if (featureNames) files[`data/${name}.csv`] = csvFile(part, featureNames);
    else {
      files[`data/X_${name}.npy`] = npyFile(pixelBytesOrValues(part.X), part.m, part.n);
      files[`data/y_${name}.npy`] = npyFile(Uint8Array.from(part.y), part.m, 0);
    }
  }
  const cells = notebookCells({
    name: run.name,
    optimizer: run.hyperparameters.optimizer,
    iterations: run.hyperparameters.iterations,
    lambda: run.hyperparameters.lambda,
    sizes: run.sizes,
    dataFormat,
    standardize: Boolean(run.dataset.standardize),
    hasTest,
    ...(isNgModel(model) ? {} : { model }),
    lab: {
      costAtTheta0,
      finalCost: run.metrics?.finalCost ?? NaN,
      testAccuracy: run.metrics?.testAccuracy ?? null,
    },
  });
  // The mean and sd the lab fitted on this split's training part (preprocessing.json has them too, from the store).
  files['data/standardization.json'] = `${JSON.stringify(scaled.info.standardization)}\n`;
  files[NOTEBOOK_FILE] = notebookJson(cells);
  files[TRAIN_SCRIPT_FILE] = trainScript(cells);
  return files;
}

/**
 * pythonFiles of a stored run, or none when the run kept no Θ₀ or its data can no longer be read (a moved
 * file): the rest of the export must not fail for the notebook's sake.
 */
export function pythonFilesOrNone(
  detail: Omit<PythonRun, 'sizes' | 'initialTheta'>,
  weights: { sizes: number[]; initialTheta?: Float64Array | null },
): Record<string, Uint8Array | string> {
  if (!weights.initialTheta) return {};
  try {
    return pythonFiles({ ...detail, sizes: weights.sizes, initialTheta: weights.initialTheta });
  } catch {
    return {};
  }
}
