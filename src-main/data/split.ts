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

/** The fractions a user's own file is split by when no sizes are given. */
export const DEFAULT_FRACTIONS = { train: 0.7, validation: 0.15, test: 0.15 } as const;
/** With a separate test file: train / validation from the data. */
export const DEFAULT_FRACTIONS_WITH_TEST_FILE = { train: 0.9, validation: 0.1 } as const;

/**
 * Split sizes for m examples when the user gave none: 70/15/15, or 90/10 (and the whole test file,
 * `testCount` examples) when the test set is a separate file. Rounded so the parts add up to m.
 */
export function defaultSplitSizes(m: number, testCount?: number): SplitSizes {
  if (testCount !== undefined) {
    const validation = Math.round(m * DEFAULT_FRACTIONS_WITH_TEST_FILE.validation);
    return { train: m - validation, validation, test: testCount };
  }
  const validation = Math.round(m * DEFAULT_FRACTIONS.validation);
  const test = Math.round(m * DEFAULT_FRACTIONS.test);
  return { train: m - validation - test, validation, test };
}

/**
 * Like splitRows, but every part holds each class in (within one example) the proportion the whole
 * data does. Rows are shuffled by `seed`, then each class's rows are spread evenly along one order
 * (the k-th of n_c rows of class c sits at (k + ½)/n_c); any contiguous stretch of that order is
 * stratified, so train takes the first `train`, test the last `test`, validation those before test,
 * and each part is shuffled again so it is not ordered by class.
 */
export function stratifiedSplitRows(
  labels: ArrayLike<number>,
  sizes: SplitSizes,
  seed: number,
  source: string,
): SplitRows {
  const m = labels.length;
  // Validates sizes and m with the same messages as the plain split.
  splitRows(m, sizes, seed, source);
  const random = seededRandom(seed);
  const order = shuffledIndices(m, random);
  const perClass = new Map<number, number[]>();
  for (const r of order) {
    const list = perClass.get(labels[r]);
    if (list) list.push(r);
    else perClass.set(labels[r], [r]);
  }
  const keyed: { row: number; key: number; tie: number }[] = [];
  for (const rows of perClass.values()) {
    rows.forEach((row, k) => keyed.push({ row, key: (k + 0.5) / rows.length, tie: random() }));
  }
  keyed.sort((a, b) => a.key - b.key || a.tie - b.tie);
  const spread = Uint32Array.from(keyed, (k) => k.row);
  const testStart = m - sizes.test;
  const validationStart = testStart - sizes.validation;
  const shuffle = (part: Uint32Array) => {
    const p = shuffledIndices(part.length, random);
    return Uint32Array.from(p, (i) => part[i]);
  };
  return {
    train: shuffle(spread.slice(0, sizes.train)),
    validation: shuffle(spread.slice(validationStart, testStart)),
    test: shuffle(spread.slice(testStart, m)),
  };
}

/**
 * Refuses sizes the data cannot fill, before anything is stored: train + validation + test ≤ m, or,
 * with a separate test file of `testCount` examples, train + validation ≤ m and test ≤ testCount.
 * `source` names the data; the message names the sizes as the split would.
 */
export function checkSplitSizes(sizes: SplitSizes, m: number, source: string, testCount?: number): void {
  if (testCount === undefined) {
    splitRows(m, sizes, 0, source);
    return;
  }
  splitRows(m, { ...sizes, test: 0 }, 0, source);
  if (sizes.test > testCount)
    throw new DataError(source, `test ${sizes.test} examples requested, but the test data holds only ${testCount}`);
}
