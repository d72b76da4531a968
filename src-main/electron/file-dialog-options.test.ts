import { describe, expect, it } from 'vitest';
import { FILE_PURPOSES } from '../api/table';
import { dataFileDialogOptions } from './file-dialog-options';

describe('dataFileDialogOptions', () => {
  it('offers CSV first for training data, then .mat, IDX, gzip and all files', () => {
    expect(dataFileDialogOptions('images')).toEqual({
      title: 'Choose the digits to train on (CSV, .mat, or IDX images)',
      buttonLabel: 'Use this file',
      properties: ['openFile', 'dontAddToRecent'],
      filters: [
        { name: 'CSV (label, then pixels)', extensions: ['csv', 'txt'] },
        { name: 'MAT-file (Octave/MATLAB: X and y, as ex4data1.mat)', extensions: ['mat'] },
        { name: 'IDX (MNIST format)', extensions: ['idx', 'idx3-ubyte', 'idx1-ubyte', 'ubyte'] },
        { name: 'gzip (compressed CSV or IDX)', extensions: ['gz'] },
        { name: 'All files', extensions: ['*'] },
      ],
    });
  });

  it('offers IDX first for a labels file, which is never a CSV', () => {
    const o = dataFileDialogOptions('test-labels');
    expect(o.title).toBe('Choose the IDX labels of the test images');
    expect(o.filters!.map((f) => f.name)).toEqual([
      'IDX (MNIST format)',
      'gzip (compressed CSV or IDX)',
      'All files',
      'CSV (label, then pixels)',
    ]);
  });

  it('picks exactly one existing file for every purpose, with "All files" among the filters', () => {
    for (const purpose of FILE_PURPOSES) {
      const o = dataFileDialogOptions(purpose);
      expect(o.properties).toEqual(['openFile', 'dontAddToRecent']);
      expect(o.filters!.some((f) => f.extensions.includes('*'))).toBe(true);
    }
    expect(new Set(FILE_PURPOSES.map((p) => dataFileDialogOptions(p).title)).size).toBe(4);
  });
});
