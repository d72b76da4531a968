/**
 * What the dataset chooser shows before a run starts: how many examples a CSV, IDX file or image
 * folder holds, its classes in output order, its features, the split a run would use by default and
 * whether the features want standardizing. The file is read by the same loaders training uses, so a
 * file that inspects cleanly also loads cleanly in the worker.
 */
import { looksLikeIdx, parseIdxImages, parseIdxLabels } from '../data/idx';
import { readDataFile } from '../data/read';
import { isMatFile, loadCourseTable } from '../data/mat/files';
import { DataError } from '../data/errors';
import { DIGIT_CLASS_NAMES, loadTable } from '../data/load';
import { isFolder } from '../data/image-folder';
import { defaultSplitSizes } from '../data/split';
import { rangeRatio } from '../data/standardize';
import { separatorName } from '../data/delimited';
import type { NamedTable } from '../data/tabular';
import type { DataFileInfo, InspectOptions } from './table';

/**
 * Counts, classes and shape of `file` (absolute, already allowed). IDX images need `labels`, their
 * idx1 file; a CSV carries its labels in a column; a folder in its sub-folder names. Throws
 * DataError naming the file and the problem.
 */
export function inspectDataFile(file: string, labels?: string, options: InspectOptions = {}): DataFileInfo {
  const folder = options.folder ?? isFolder(file);
  if (!folder) {
    const bytes = readDataFile(file);
    if (looksLikeIdx(bytes)) return inspectIdx(file, bytes, labels, options);
    if (isMatFile(file, bytes)) return inspectMat(file, bytes, labels, options);
    if (labels !== undefined)
      throw new DataError(labels, `is not needed: ${file} is a CSV file, whose class column holds the labels`);
  }
  const table = loadTable(file, undefined, {
    source: folder ? 'folder' : 'csv',
    labelColumn: options.labelColumn,
    dropMissing: options.dropMissing,
    imageSize: options.imageSize,
  });
  const classNames = [...(table.classNames ?? DIGIT_CLASS_NAMES)];
  const named = 'columns' in table ? (table as NamedTable) : null;
  const featureNames = table.featureNames ? [...table.featureNames] : null;
  const n = table.width * table.height;
  return {
    file,
    format: folder ? 'folder' : named ? 'table' : 'csv',
    count: table.m,
    width: table.width,
    height: table.height,
    labelCounts: countClasses(table.labels, classNames.length),
    classNames,
    classOrder: folder
      ? 'folder'
      : !named
        ? 'digits'
        : classNames.every((c) => /^[+-]?\d+$/.test(c))
          ? 'numeric'
          : 'string',
    featureNames,
    columns: named ? named.columns : null,
    labelColumn: named ? named.labelColumnName : null,
    separator: named ? (separatorName(named.separator) as DataFileInfo['separator']) : null,
    dropped: named ? named.dropped : 0,
    rangeRatio: featureNames && table.kind === 'values' ? rangeRatio(table.pixels, table.m, n) : null,
    defaultSizes: defaultSplitSizes(table.m, options.testCount),
  };
}

function inspectIdx(
  file: string,
  bytes: Uint8Array,
  labels: string | undefined,
  options: InspectOptions,
): DataFileInfo {
  const images = parseIdxImages(bytes, file);
  let labelCounts: number[] | null = null;
  if (labels !== undefined) {
    const y = parseIdxLabels(readDataFile(labels), labels);
    if (y.length !== images.count) {
      throw new DataError(labels, `holds ${y.length} labels but ${file} holds ${images.count} images`);
    }
    labelCounts = countClasses(y, 10);
  }
  return {
    file,
    format: 'idx',
    count: images.count,
    width: images.cols,
    height: images.rows,
    labelCounts,
    classNames: [...DIGIT_CLASS_NAMES],
    classOrder: 'digits',
    featureNames: null,
    columns: null,
    labelColumn: null,
    separator: null,
    dropped: 0,
    rangeRatio: null,
    defaultSizes: defaultSplitSizes(images.count, options.testCount),
  };
}

/** A course MAT-file (X and y, as ex4data1.mat): its shape, classes and the note saying what was read. */
function inspectMat(
  file: string,
  bytes: Uint8Array,
  labels: string | undefined,
  options: InspectOptions,
): DataFileInfo {
  if (labels !== undefined) throw new DataError(labels, `is not needed: ${file} holds its labels in y`);
  const table = loadCourseTable(file, bytes);
  return {
    file,
    format: 'mat',
    count: table.m,
    width: table.width,
    height: table.height,
    labelCounts: countClasses(table.labels, table.classNames.length),
    classNames: table.classNames,
    classOrder: 'course',
    featureNames: table.featureNames ? [...table.featureNames] : null,
    columns: null,
    labelColumn: null,
    separator: null,
    dropped: 0,
    rangeRatio: table.featureNames && table.kind === 'values' ? rangeRatio(table.pixels, table.m, table.width) : null,
    defaultSizes: defaultSplitSizes(table.m, options.testCount),
    note: table.note,
  };
}

/** How many examples of each class 0…K−1 the labels hold. */
function countClasses(y: Uint8Array, K: number): number[] {
  const counts = new Array<number>(K).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  return counts;
}
