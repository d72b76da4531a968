import { describe, expect, it } from 'vitest';
import { labDataMessage } from './data-message';

const copy = '/home/ada/.config/backprop-lab/imports/20261204-101112-123-missing.csv';
const uploads = { [copy]: 'missing.csv' };

describe('labDataMessage: data errors in the lab’s words', () => {
  it('names the file the person chose, not the lab’s copy, and the form’s checkbox, not the CLI flag', () => {
    expect(
      labDataMessage(
        `${copy}: line 3: column 2 ("b") is missing a value ("?"); fix the file or drop such rows (--drop-missing, or "Drop rows with missing values" in New run)`,
        uploads,
      ),
    ).toBe(
      '“missing.csv”: line 3: column 2 ("b") is missing a value ("?"); fix the file, or tick “Drop rows with missing values” below',
    );
  });
  it('says 1 class and 1 row, leaving 11 classes and 2.1 rows alone', () => {
    expect(
      labDataMessage(`${copy}: column 3 ("kind") holds 1 classes ("x"); a run learns 2 to 100 classes`, uploads),
    ).toBe('“missing.csv”: column 3 ("kind") holds 1 class ("x"); a run learns 2 to 100 classes');
    expect(labDataMessage('has 1 rows, 11 classes and 21 rows', {})).toBe('has 1 row, 11 classes and 21 rows');
  });
  it('speaks of the Class column field instead of --label-column', () => {
    expect(
      labDataMessage(
        '… (0, 1, 2, …); a run learns 2 to 100 classes. Is it the class column? Choose another with --label-column',
        {},
      ),
    ).toBe(
      '… (0, 1, 2, …); a run learns 2 to 100 classes. Is it the class column? Choose another in “Class column” below',
    );
  });
  it('leaves a path the person typed as it is', () => {
    expect(labDataMessage('/data/wine.csv: line 2: expected 3 columns but found 2', uploads)).toBe(
      '/data/wine.csv: line 2: expected 3 columns but found 2',
    );
  });
});
