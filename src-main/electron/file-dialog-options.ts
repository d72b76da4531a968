/**
 * What the open-file dialog of the desktop app shows for each kind of data file: a title saying what
 * the file is for, and filters with the likely format first. "All files" is always offered, since
 * MNIST's own files carry no extension (train-images-idx3-ubyte) and the loaders read the bytes, not
 * the name, to tell CSV, IDX and gzip apart.
 */
import type { OpenDialogOptions } from 'electron';
import type { FilePurpose } from '../api/table';

type Filter = NonNullable<OpenDialogOptions['filters']>[number];

const CSV: Filter = { name: 'CSV (label, then pixels)', extensions: ['csv', 'txt'] };
const IDX: Filter = { name: 'IDX (MNIST format)', extensions: ['idx', 'idx3-ubyte', 'idx1-ubyte', 'ubyte'] };
const MAT: Filter = { name: 'MAT-file (Octave/MATLAB: X and y, as ex4data1.mat)', extensions: ['mat'] };
const GZIP: Filter = { name: 'gzip (compressed CSV or IDX)', extensions: ['gz'] };
const ALL: Filter = { name: 'All files', extensions: ['*'] };

const TITLES: Record<FilePurpose, string> = {
  images: 'Choose the digits to train on (CSV, .mat, or IDX images)',
  labels: 'Choose the IDX labels of the training images',
  'test-images': 'Choose a separate test set (CSV, .mat, or IDX images)',
  'test-labels': 'Choose the IDX labels of the test images',
};

/** The dialog's options for a file of `purpose`: one existing file; labels files list IDX first. */
export function dataFileDialogOptions(purpose: FilePurpose): OpenDialogOptions {
  const labels = purpose === 'labels' || purpose === 'test-labels';
  return {
    title: TITLES[purpose],
    buttonLabel: 'Use this file',
    properties: ['openFile', 'dontAddToRecent'],
    filters: labels ? [IDX, GZIP, ALL, CSV] : [CSV, MAT, IDX, GZIP, ALL],
  };
}
