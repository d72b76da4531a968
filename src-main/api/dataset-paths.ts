/**
 * The files a run's dataset names (data, labels, test data, test labels), held to the API's allowed
 * folders: an imported run.json may name any path, and explain or the hidden-unit view reload it.
 */
import type { DatasetSpec } from '../run/hyperparameters';
import { ApiError } from './errors';

const FILE_FIELDS = ['file', 'labels', 'testFile', 'testLabels'] as const;

/**
 * `allowed` applied to each file `dataset` names (its real path is what gets loaded), as a copy of the
 * spec with those real paths; throws the ApiError of the first file outside the allowed folders.
 */
export function allowedDataset(
  dataset: DatasetSpec,
  allowed: (path: string, what: string) => string,
  what: string,
): DatasetSpec {
  if (dataset.source === 'mnist') return dataset;
  const out: DatasetSpec = { ...dataset };
  for (const field of FILE_FIELDS) {
    const value = dataset[field];
    if (value !== undefined) out[field] = allowed(value, `${what}.${field}`);
  }
  return out;
}

/** The problem with the files `dataset` names, for a check that reports rather than throws (an import). */
export function datasetPathProblem(
  dataset: DatasetSpec,
  allowed: (path: string, what: string) => string,
): string | null {
  try {
    allowedDataset(dataset, allowed, 'dataset');
    return null;
  } catch (e) {
    if (e instanceof ApiError) return e.message;
    throw e;
  }
}
