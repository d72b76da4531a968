/**
 * What the dataset chooser shows before a run starts: how many examples a CSV or IDX file holds, the
 * size of its images and how many of each digit. The file is parsed by the same loaders training
 * uses, so a file that inspects cleanly also loads cleanly in the worker.
 */
import { parseCsv } from '../data/csv';
import { looksLikeIdx, parseIdxImages, parseIdxLabels } from '../data/idx';
import { readDataFile } from '../data/read';
import { DataError } from '../data/errors';
import type { DataFileInfo } from './table';

/**
 * Counts and image size of `file` (absolute, already allowed). IDX images need `labels`, their idx1
 * file; a CSV carries its labels in the first column. Throws DataError naming the file and the problem.
 */
export function inspectDataFile(file: string, labels?: string): DataFileInfo {
  const bytes = readDataFile(file);
  if (looksLikeIdx(bytes)) {
    const images = parseIdxImages(bytes, file);
    let labelCounts: number[] | null = null;
    if (labels !== undefined) {
      const y = parseIdxLabels(readDataFile(labels), labels);
      if (y.length !== images.count) {
        throw new DataError(labels, `holds ${y.length} labels but ${file} holds ${images.count} images`);
      }
      labelCounts = countDigits(y);
    }
    return { file, format: 'idx', count: images.count, width: images.cols, height: images.rows, labelCounts };
  }
  if (labels !== undefined)
    throw new DataError(labels, `is not needed: ${file} is a CSV file, whose first column holds the labels`);
  const table = parseCsv(bytes, file);
  return {
    file,
    format: 'csv',
    count: table.m,
    width: table.width,
    height: table.height,
    labelCounts: countDigits(table.labels),
  };
}

/** How many of each digit 0–9 the labels hold. */
function countDigits(y: Uint8Array): number[] {
  const counts = new Array<number>(10).fill(0);
  for (let i = 0; i < y.length; i++) counts[y[i]]++;
  return counts;
}
