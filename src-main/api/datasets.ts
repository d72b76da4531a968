/**
 * The dataset of a run the renderer asks for, made safe to start: every file path checked against the
 * allowed folders, a file source given its file, and the image size read from the file's header, so
 * training.start and sweeps.start treat a user's data the same way.
 */
import type { DatasetSpec } from '../run/hyperparameters';
import { ApiError } from './errors';
import { checkSplitSizes } from '../data/split';
import { inspectDataFile } from './inspect-data';

/**
 * The dataset with its file paths resolved inside the allowed folders, and the image size of a file
 * source (undefined for the bundled MNIST digits, whose size the supervisor knows). `where` is the
 * argument path of the dataset, e.g. ['request', 'dataset'], for the messages.
 */
export function prepareDataset(
  input: DatasetSpec,
  allowed: (path: string, what: string) => string,
  channel: string,
  where: string[],
): { dataset: DatasetSpec; shape?: { width: number; height: number } } {
  const dataset = { ...input };
  if (dataset.source === 'mnist') return { dataset };
  const at = (field: string) => `${channel}: ${[...where, field].join('.')}`;
  if (!dataset.file) {
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
  const info = inspectDataFile(dataset.file!, dataset.labels, read);
  // Sizes the data cannot fill are refused here, so no run is stored only to fail in its worker.
  const testCount =
    dataset.testFile === undefined ? undefined : inspectDataFile(dataset.testFile, dataset.testLabels, read).count;
  const sizes = { train: dataset.trainSize, validation: dataset.validationSize, test: dataset.testSize };
  checkSplitSizes(
    dataset.testSource === 'handwriting' ? { ...sizes, test: 0 } : sizes,
    info.count,
    dataset.file!,
    testCount,
  );
  return { dataset, shape: { width: info.width, height: info.height } };
}
