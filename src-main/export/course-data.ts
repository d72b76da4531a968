/**
 * data.mat in every export: the run's examples in the course's convention (X m×n, one example per row,
 * images' pixels column-major; y m×1 with labels 1…K, 10 for the digit 0), exactly what the network saw
 * (standardized when the run standardized), so the learner's own nnCostFunction on data.mat and
 * weights.mat prints the lab's J. X, y are the training set; Xval, yval the validation set; Xtest,
 * ytest the test set (unless it was the learner's handwriting); mu and sigma the standardization.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadDataSplit } from '../data/load';
import { courseDataOfLab, courseFeatureOrder } from '../data/mat/course';
import { writeMat, type MatVariable } from '../data/mat/write';
import type { DatasetSpec } from '../run/hyperparameters';
import { courseShapeOfRun, DATA_MAT_FILE } from './course-weights';

/** What of a run data.mat needs (a RunDetail has it). */
export interface RunDataSource {
  dataset: DatasetSpec;
  width: number;
  height: number;
  classNames: string[];
  featureNames: string[] | null;
}

/** The store's part that exports runs (the RunStore, without importing the store here). */
export interface RunExporter {
  exportRun(id: number, folder: string): void;
  getRun(id: number): RunDataSource;
}

/** The bytes of data.mat for a run; throws (a DataError naming the file) when its data cannot be read. */
export function dataMat(run: RunDataSource): Uint8Array {
  const split = loadDataSplit(run.dataset);
  const shape = courseShapeOfRun(run, run.classNames.length);
  const vars: MatVariable[] = [
    ...courseDataOfLab(split.train, shape),
    ...courseDataOfLab(split.validation, shape, { X: 'Xval', y: 'yval' }),
  ];
  if (run.dataset.testSource !== 'handwriting')
    vars.push(...courseDataOfLab(split.test, shape, { X: 'Xtest', y: 'ytest' }));
  const s = split.info.standardization;
  if (s) {
    const n = s.mean.length;
    const order = shape.image ? courseFeatureOrder(shape.image.width, shape.image.height) : null;
    const mu = new Float64Array(n);
    const sigma = new Float64Array(n);
    for (let p = 0; p < n; p++) {
      mu[order ? order[p] : p] = s.mean[p];
      sigma[order ? order[p] : p] = s.sd[p];
    }
    vars.push({ name: 'mu', rows: 1, cols: n, data: mu }, { name: 'sigma', rows: 1, cols: n, data: sigma });
  }
  return writeMat(vars);
}

/**
 * Exports run `id` into `folder` (store.exportRun) and adds data.mat. Returns null, or why data.mat
 * is missing (the run's data file can no longer be read); the rest of the export stands either way.
 */
export function exportRunWithData(store: RunExporter, id: number, folder: string): string | null {
  store.exportRun(id, folder);
  try {
    fs.writeFileSync(path.join(folder, DATA_MAT_FILE), dataMat(store.getRun(id)));
    return null;
  } catch (e) {
    return `${DATA_MAT_FILE} not written: ${(e as Error).message}`;
  }
}
