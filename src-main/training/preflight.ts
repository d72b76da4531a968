/**
 * Checks made before a run is created, so that a request that can never train is refused with the
 * field (the CLI's flag, the API's argument) at fault and nothing is stored: sizes that the data
 * cannot fill, a test file unlike the training data, initial weights that don't fit the network.
 */
import { unrollThetas } from '../nn/shape';
import type { DatasetSpec } from '../run/hyperparameters';

/** Output units: one per digit, as train.ts builds the network (not imported: it would pull training into the API). */
const DIGIT_CLASSES = 10;

/** The bundled MNIST digits: the `mnist` package ships 10,000 of them, 28×28. */
export const BUNDLED_DIGITS = { count: 10_000, width: 28, height: 28 } as const;

/** How many examples a data file holds, and the size of its images. */
export interface DataShape {
  readonly count: number;
  readonly width: number;
  readonly height: number;
}

/** What is wrong and with which dataset field. */
export interface Problem {
  readonly field: 'trainSize' | 'validationSize' | 'testSize' | 'testFile';
  readonly message: string;
}

/**
 * Whether the split of `dataset` fits its data (`data`, and `test` when the test set is a file of its
 * own): train + validation (+ test when split off the data) examples must exist, and a separate test
 * file must hold images of the same size. `blame` picks the size field named when the sum is too big
 * (the one the user chose; trainSize by default). Returns null when all is well.
 */
export function checkDatasetFits(
  dataset: DatasetSpec,
  data: DataShape,
  test?: DataShape,
  blame: Problem['field'] = 'trainSize',
): Problem | null {
  const name = dataset.source === 'mnist' ? 'the bundled digits' : (dataset.file ?? 'the data');
  if (test && (test.width !== data.width || test.height !== data.height)) {
    return {
      field: 'testFile',
      message: `${dataset.testFile} holds ${test.width}×${test.height} images but ${name} holds ${data.width}×${data.height}`,
    };
  }
  const splitTest = dataset.testFile === undefined && dataset.testSource !== 'handwriting';
  const { trainSize: train, validationSize: validation, testSize } = dataset;
  const wanted = train + validation + (splitTest ? testSize : 0);
  if (wanted > data.count) {
    const parts = [`train ${train}`, `validation ${validation}`, ...(splitTest ? [`test ${testSize}`] : [])];
    const others = wanted - dataset[blame === 'testFile' ? 'trainSize' : blame];
    const room = Math.max(0, data.count - others);
    return {
      field: blame,
      message:
        `${parts.join(' + ')} = ${wanted} examples requested, but only ${data.count} are in ${name}` +
        (room > 0 ? ` (at most ${room} fit with the other sizes as they are)` : ''),
    };
  }
  if (test && dataset.testFile !== undefined && testSize > test.count) {
    return {
      field: 'testSize',
      message: `test ${testSize} examples requested, but only ${test.count} are in ${dataset.testFile}`,
    };
  }
  return null;
}

/**
 * The network's layer sizes for images of width×height: inputs, the hidden layers, one output per digit.
 */
export function networkSizes(width: number, height: number, hiddenLayers: readonly number[]): number[] {
  return [width * height, ...hiddenLayers, DIGIT_CLASSES];
}

/** Null when `thetas` are finite matrices of exactly the network's shapes; otherwise what is wrong. */
export function checkInitialThetas(
  thetas: readonly (readonly (readonly number[])[])[],
  sizes: number[],
): string | null {
  try {
    unrollThetas(thetas, sizes);
    return null;
  } catch (e) {
    return `the weights do not fit the network ${sizes.join('-')}: ${(e as Error).message}`;
  }
}
