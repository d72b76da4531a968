/**
 * The dataset of a run the renderer asks for, made safe to start: every file path checked against the
 * allowed folders, a file source given its file, the image size read from the file's header, and the
 * requested sizes checked against what the files hold, so training.start and sweeps.start treat a
 * user's data the same way and refuse, before anything is stored, a run that could never train.
 */
import type { DatasetSpec } from '../run/hyperparameters';
import { BUNDLED_DIGITS, checkDatasetFits, type DataShape } from '../training/preflight';
import { ApiError } from './errors';
import type { InspectData } from './threads/data-reader';

/** What the dataset's files hold: the training data and, when the test set is a file of its own, that file. */
export interface DataShapes {
  readonly data: DataShape;
  readonly test?: DataShape;
}

/**
 * The dataset with its file paths resolved inside the allowed folders, and the image size of a file
 * source (undefined for the bundled MNIST digits, whose size the supervisor knows). `where` is the
 * argument path of the dataset, e.g. ['request', 'dataset'], for the messages.
 */
export async function prepareDataset(
  input: DatasetSpec,
  allowed: (path: string, what: string) => string,
  inspect: InspectData,
  channel: string,
  where: string[],
): Promise<{ dataset: DatasetSpec; shape?: { width: number; height: number }; shapes: DataShapes }> {
  const dataset = { ...input };
  const at = (field: string) => `${channel}: ${[...where, field].join('.')}`;
  if (dataset.source !== 'mnist' && !dataset.file) {
    throw new ApiError({
      code: 'invalid-argument',
      message: `${at('file')}: a ${dataset.source} dataset needs a file`,
      path: [...where, 'file'],
    });
  }
  for (const key of ['file', 'labels', 'testFile', 'testLabels'] as const) {
    if (dataset[key] !== undefined) dataset[key] = allowed(dataset[key]!, at(key));
  }
  const read = {
    labelColumn: dataset.labelColumn,
    dropMissing: dataset.dropMissing,
    folder: dataset.source === 'folder',
    imageSize: dataset.imageSize,
  };
  const test = dataset.testFile ? shapeOf(await inspect(dataset.testFile, dataset.testLabels, read)) : undefined;
  if (dataset.source === 'mnist') return { dataset, shapes: { data: BUNDLED_DIGITS, test } };
  const info = await inspect(dataset.file!, dataset.labels, read);
  return { dataset, shape: { width: info.width, height: info.height }, shapes: { data: shapeOf(info), test } };
}

/**
 * Throws an 'invalid-argument' ApiError naming the dataset field at fault (under `where`) unless the
 * sizes fit the files; `at` names the argument instead when the sizes came from elsewhere (a sweep's values).
 */
export function checkFits(
  dataset: DatasetSpec,
  shapes: DataShapes,
  channel: string,
  where: string[],
  at?: string[],
): void {
  const problem = checkDatasetFits(dataset, shapes.data, shapes.test);
  if (!problem) return;
  const path = at ?? [...where, problem.field];
  throw new ApiError({ code: 'invalid-argument', message: `${channel}: ${path.join('.')}: ${problem.message}`, path });
}

function shapeOf(info: { count: number; width: number; height: number }): DataShape {
  return { count: info.count, width: info.width, height: info.height };
}
