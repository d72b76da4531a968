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
import { pickRows, splitRows, stratifiedSplitRows } from './split';
import { gatherDigits, type PixelTable } from './pixel-table';
import { isDigitFormat } from './digit-format';
import { isFolder, loadImageFolder } from './image-folder';
import { applyStandardization, fitStandardization, type Standardization } from './standardize';
import { parseTable } from './tabular';
import { isMatFile, loadCourseTable } from './mat/files';

/** What the bundled digits are called in messages. */
export const BUNDLED_NAME = 'bundled MNIST digits';

/** The digits' class names: output k is digit k. */
export const DIGIT_CLASS_NAMES: readonly string[] = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** What a run needs to know about its data besides the examples: stored with the run. */
export interface DataInfo {
  /** Output i of the network means classNames[i]. */
  classNames: string[];
  /** Names of the input features of a table; null for images. */
  featureNames: string[] | null;
  /** z = (x − mean) / sd per feature from the training split; null when the run does not standardize. */
  standardization: Standardization | null;
  /** CSV rows left out for a missing value (dropMissing). */
  dropped: number;
}

/** A split together with what it means. */
export interface LoadedSplit extends DataSplit {
  info: DataInfo;
}

/** How a user's file is read: the class column and missing values (CSV), the image size (folders). */
export type ReadOptions = Partial<Pick<DatasetSpec, 'source' | 'labelColumn' | 'dropMissing' | 'imageSize'>>;

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
 * `dataSeed` shuffle (stratified by class when spec.stratify), the same on every machine. With
 * `testFile`, the test set is `testSize` examples of that file (chosen by the same seed) and train /
 * validation come from the main data. With spec.standardize every part is z-scored by the training
 * part's mean and sd.
 */
export function loadDataSplit(spec: DatasetSpec): LoadedSplit {
  const ready = prepared;
  prepared = null;
  if (ready && ready.key === specKey(spec)) return ready.split;
  const main = spec.source === 'mnist' ? loadBundledTable() : loadTable(requiredFile(spec), spec.labels, spec);
  const mainName = spec.source === 'mnist' ? BUNDLED_NAME : (spec.file as string);
  const sizes = { train: spec.trainSize, validation: spec.validationSize, test: spec.testFile ? 0 : spec.testSize };
  const rows = spec.stratify
    ? stratifiedSplitRows(main.labels, sizes, spec.dataSeed, mainName)
    : splitRows(main.m, sizes, spec.dataSeed, mainName);
  let test: Digits;
  if (!spec.testFile) {
    test = gatherDigits(main, rows.test);
  } else {
    // Check the test file fully before converting anything, so a bad one fails fast.
    const testTable = matchTestTable(main, loadTable(spec.testFile, spec.testLabels, spec), mainName, spec.testFile);
    test = gatherDigits(testTable, pickRows(testTable.m, spec.testSize, spec.dataSeed, spec.testFile));
  }
  const split = { train: gatherDigits(main, rows.train), validation: gatherDigits(main, rows.validation), test };
  const standardization = spec.standardize ? fitStandardization(split.train) : null;
  const info: DataInfo = {
    classNames: [...(main.classNames ?? DIGIT_CLASS_NAMES)],
    featureNames: main.featureNames ? [...main.featureNames] : null,
    standardization,
    dropped: 'dropped' in main ? (main.dropped as number) : 0,
  };
  if (!standardization) return { ...split, info };
  return {
    train: applyStandardization(split.train, standardization),
    validation: applyStandardization(split.validation, standardization),
    test: applyStandardization(split.test, standardization),
    info,
  };
}

let prepared: { key: string; split: LoadedSplit } | null = null;

/** The spec's fields in name order, unset ones left out: two specs that load the same split agree. */
function specKey(spec: DatasetSpec): string {
  const fields = Object.entries(spec).filter(([, v]) => v !== undefined);
  return JSON.stringify(fields.sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Loads the bundled digits' split for `spec` ahead of need: a training process waiting for its run
 * does it for the default spec, and the next loadDataSplit of that spec takes it (once; any other call
 * drops it). Only the bundled digits, which cannot change on disk meanwhile, are prepared.
 */
export function prepareDataSplit(spec: DatasetSpec): LoadedSplit {
  if (spec.source !== 'mnist') throw new Error(`only the bundled digits are prepared ahead, not '${spec.source}'`);
  const split = loadDataSplit(spec);
  prepared = { key: specKey(spec), split };
  return split;
}

/** The test file's table with its labels renumbered to the training data's classes; errors say what differs. */
function matchTestTable(main: PixelTable, test: PixelTable, mainName: string, testFile: string): PixelTable {
  if (test.width !== main.width || test.height !== main.height) {
    const what = main.featureNames ? 'features' : 'pixels';
    throw new DataError(
      testFile,
      main.featureNames
        ? `test data has ${test.width * test.height} features but the training data (${mainName}) has ${main.width * main.height}`
        : `test images are ${test.width}×${test.height} ${what} but the training images (${mainName}) are ` +
            `${main.width}×${main.height}`,
    );
  }
  const mainClasses = main.classNames ?? DIGIT_CLASS_NAMES;
  const testClasses = test.classNames ?? DIGIT_CLASS_NAMES;
  if (mainClasses === testClasses) return test;
  const index = new Map(mainClasses.map((c, i) => [c, i]));
  const unknown = testClasses.filter((c) => !index.has(c));
  if (unknown.length > 0) {
    throw new DataError(
      testFile,
      `test data has class${unknown.length > 1 ? 'es' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} ` +
        `that the training data (${mainName}) does not have`,
    );
  }
  const labels = Uint8Array.from(test.labels, (k) => index.get(testClasses[k])!);
  return { ...test, labels, classNames: mainClasses };
}

function requiredFile(spec: DatasetSpec): string {
  if (!spec.file) throw new Error(`dataset: file: a file is required when source is "${spec.source}"`);
  return spec.file;
}

/**
 * Parses one data file (plus labels for IDX) or image folder into a table, choosing the format by
 * content and name. A CSV in the digit format (label 0–9 first, then pixels) is read as it always
 * was; any other CSV as a table of named features with a class column. A MAT-file (.mat or its
 * header) is read as the course's ex4data1.mat: X and y (mat/course.ts).
 */
export function loadTable(file: string, labelsFile?: string, options: ReadOptions = {}): PixelTable {
  if (options.source === 'folder') {
    if (!isFolder(file)) throw new DataError(file, 'is not a folder (an image folder holds one sub-folder per class)');
    if (labelsFile !== undefined)
      throw new DataError(labelsFile, 'is not needed: an image folder names its classes by sub-folder');
    return loadImageFolder(file, options.imageSize);
  }
  const bytes = readDataFile(file);
  if (isMatFile(file, bytes)) {
    if (labelsFile !== undefined) throw new DataError(labelsFile, `is not needed: ${file} holds its labels in y`);
    return loadCourseTable(file, bytes);
  }
  const idxByName = /idx\d|ubyte/i.test(basename(file));
  if (!looksLikeIdx(bytes) && !idxByName && labelsFile === undefined) {
    if (looksBinary(bytes)) {
      const problem = 'is neither CSV text nor an IDX file (binary content without the IDX magic number 0x00000803)';
      throw new DataError(file, problem, 'byte 0');
    }
    if (isDigitFormat(bytes, options.labelColumn)) return parseCsv(bytes, file);
    return parseTable(bytes, file, options);
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
