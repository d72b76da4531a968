/**
 * Dividing examples into disjoint train, validation and test sets by a seeded shuffle, so that the
 * same data seed picks the same examples on every machine and in every process.
 */
import { seededRandom, shuffledIndices } from '../nn/random';
import { DataError } from './errors';

export interface SplitSizes {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

/** Row indices of each part, in shuffled order (so the training set is not sorted by class). */
export interface SplitRows {
  readonly train: Uint32Array;
  readonly validation: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Shuffles rows 0…m−1 with `seed`; training takes the first `train` of them, test the last `test`
 * and validation the `validation` just before those. A learning curve varies only the training size,
 * so every point is measured on the same validation and test examples (as in Ng's exercise 5) while
 * its training sets nest. `source` names the data in the error raised when m is too small.
 */
export function splitRows(m: number, sizes: SplitSizes, seed: number, source: string): SplitRows {
  for (const part of ['train', 'validation', 'test'] as const) {
    const size = sizes[part];
    if (!Number.isInteger(size) || size < 0)
      throw new RangeError(`split: ${part} size ${size} is not a whole number ≥ 0`);
  }
  const wanted = sizes.train + sizes.validation + sizes.test;
  if (wanted > m) {
    throw new DataError(
      source,
      `train ${sizes.train} + validation ${sizes.validation} + test ${sizes.test} = ${wanted} examples requested, ` +
        `but only ${m} are available`,
    );
  }
  const order = shuffledIndices(m, seededRandom(seed));
  const testStart = m - sizes.test;
  const validationStart = testStart - sizes.validation;
  return {
    train: order.slice(0, sizes.train),
    validation: order.slice(validationStart, testStart),
    test: order.slice(testStart, m),
  };
}

/**
 * `count` rows of 0…m−1 chosen by `seed`, for a test set taken from its own file. The shuffle uses a
 * stream distinct from splitRows' so the two choices are not correlated when the files are alike.
 */
export function pickRows(m: number, count: number, seed: number, source: string): Uint32Array {
  if (count > m) throw new DataError(source, `test ${count} examples requested, but only ${m} are available`);
  return shuffledIndices(m, seededRandom((seed ^ 0x9e3779b9) >>> 0)).slice(0, count);
}
