/**
 * Loading the data a run trains on: the bundled MNIST digits or the user's CSV / IDX files, split by
 * the data seed into train, validation and test sets. Every failure is a DataError naming the file.
 * Files are parsed into fresh buffers and nothing is returned until all of them parsed, so a bad
 * file never leaves half a dataset behind.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DatasetSpec } from '../run/hyperparameters';
import { parseCsv } from './csv';
import type { DataSplit, Digits } from './digits';
import { DataError } from './errors';
import { looksLikeIdx, parseIdxImages, parseIdxLabels, type IdxImages } from './idx';
import { loadBundledTable } from './mnist';
import { isGzip, readDataFile } from './read';
import { pickRows, splitRows } from './split';
import { gatherDigits, type PixelTable } from './pixel-table';

/** What the bundled digits are called in messages. */
export const BUNDLED_NAME = 'bundled MNIST digits';

/**
 * Digits from a user's file. IDX (images idx3 + labels idx1, plain or gzip) is recognised by its
 * magic bytes or an idx/ubyte file name; anything else is read as CSV (label, then pixels).
 * Without `labelsFile`, an IDX images file looks for its labels next to it
 * (train-images-idx3-ubyte → train-labels-idx1-ubyte, also with or without .gz).
 */
export function loadDigitsFile(file: string, labelsFile?: string): Digits {
  return gatherDigits(loadTable(file, labelsFile));
}

/**
 * The train / validation / test split a run uses. Sizes come from the spec; the rows are a
 * `dataSeed` shuffle, the same on every machine. With `testFile`, the test set is `testSize`
 * examples of that file (chosen by the same seed) and train / validation come from the main data.
 */
export function loadDataSplit(spec: DatasetSpec): DataSplit {
  const main = spec.source === 'mnist' ? loadBundledTable() : loadTable(requiredFile(spec), spec.labels);
  const mainName = spec.source === 'mnist' ? BUNDLED_NAME : (spec.file as string);
  const sizes = { train: spec.trainSize, validation: spec.validationSize, test: spec.testFile ? 0 : spec.testSize };
  const rows = splitRows(main.m, sizes, spec.dataSeed, mainName);
  if (!spec.testFile) {
    return {
      train: gatherDigits(main, rows.train),
      validation: gatherDigits(main, rows.validation),
      test: gatherDigits(main, rows.test),
    };
  }
  // Check the test file fully before converting anything, so a bad one fails fast.
  const test = loadTable(spec.testFile, spec.testLabels);
  if (test.width !== main.width || test.height !== main.height) {
    throw new DataError(
      spec.testFile,
      `test images are ${test.width}×${test.height} pixels but the training images (${mainName}) are ` +
        `${main.width}×${main.height}`,
    );
  }
  const testRows = pickRows(test.m, spec.testSize, spec.dataSeed, spec.testFile);
  return {
    train: gatherDigits(main, rows.train),
    validation: gatherDigits(main, rows.validation),
    test: gatherDigits(test, testRows),
  };
}

function requiredFile(spec: DatasetSpec): string {
  if (!spec.file) throw new Error(`dataset: file: a file is required when source is "${spec.source}"`);
  return spec.file;
}

/** Parses one images file (plus labels for IDX) into a table, choosing the format by content and name. */
function loadTable(file: string, labelsFile?: string): PixelTable {
  const bytes = readDataFile(file);
  const idxByName = /idx\d|ubyte/i.test(basename(file));
  if (!looksLikeIdx(bytes) && !idxByName && labelsFile === undefined) {
    if (looksBinary(bytes)) {
      const problem = 'is neither CSV text nor an IDX file (binary content without the IDX magic number 0x00000803)';
      throw new DataError(file, problem, 'byte 0');
    }
    return parseCsv(bytes, file);
  }
  let images: IdxImages;
  try {
    images = parseIdxImages(bytes, file);
  } catch (e) {
    if (e instanceof DataError && !looksLikeIdx(bytes) && !idxByName) {
      const hint =
        'a labels file was given, which only IDX images take — CSV files carry their labels in the first column';
      throw new DataError(file, `${e.problem}; ${hint}`, e.location);
    }
    throw e;
  }
  const labelsPath = labelsFile ?? findLabelsFile(file);
  const labels = parseIdxLabels(readDataFile(labelsPath), labelsPath);
  if (labels.length !== images.count) {
    throw new DataError(labelsPath, `has ${labels.length} labels but ${file} has ${images.count} images`, 'byte 4');
  }
  return { kind: 'bytes', pixels: images.pixels, labels, m: images.count, width: images.cols, height: images.rows };
}

/** The idx1 labels file beside an idx3 images file, following MNIST's naming. */
function findLabelsFile(imagesFile: string): string {
  const name = basename(imagesFile);
  const guess = name.replace(/images/i, (s) => (s === 'IMAGES' ? 'LABELS' : 'labels')).replace(/idx3/i, 'idx1');
  const stem = guess.replace(/\.gz$/i, '');
  const candidates = guess === name ? [] : [stem, `${stem}.gz`].map((c) => join(dirname(imagesFile), c));
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  const looked = candidates.length ? ` (looked for ${candidates.join(' and ')})` : '';
  throw new DataError(imagesFile, `IDX images need a labels file (idx1); pass the labels file${looked}`);
}

/** NUL bytes never occur in CSV text; a glance at the start tells a stray binary file from a bad CSV. */
function looksBinary(bytes: Uint8Array): boolean {
  if (isGzip(bytes)) return true;
  const end = Math.min(bytes.length, 4096);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}
