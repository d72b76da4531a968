import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, parseDatasetSpec } from '../run/hyperparameters';
import type { Digits } from './digits';
import { DataError } from './errors';
import { loadDataSplit } from './load';
import { loadBundledDigits } from './mnist';
import { splitRows } from './split';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * A CSV of m < 1000 examples whose first pixel is i/1000 for example i (so rows can be told apart
 * after the shuffle), labelled i mod 10.
 */
function numberedCsv(name: string, m: number, pixels = 4): string {
  const lines: string[] = [];
  for (let i = 0; i < m; i++) lines.push([i % 10, i / 1000, ...new Array(pixels - 1).fill(0)].join(','));
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

function firstPixels(d: Digits, scale: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.m; i++) out.push(Math.round(d.X[i * d.n] * scale));
  return out;
}

function imageHash(d: Digits, i: number): string {
  return createHash('sha1')
    .update(d.X.subarray(i * d.n, (i + 1) * d.n))
    .digest('base64');
}

describe('splitRows', () => {
  it('hands out disjoint blocks of a seeded shuffle, each sorted by nothing', () => {
    const rows = splitRows(10, { train: 5, validation: 3, test: 2 }, 1, 'data');
    const all = [...rows.train, ...rows.validation, ...rows.test];
    expect([rows.train.length, rows.validation.length, rows.test.length]).toEqual([5, 3, 2]);
    expect([...all].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('is the same for the same seed and differs for another', () => {
    const a = splitRows(1000, { train: 500, validation: 250, test: 250 }, 42, 'data');
    const b = splitRows(1000, { train: 500, validation: 250, test: 250 }, 42, 'data');
    const c = splitRows(1000, { train: 500, validation: 250, test: 250 }, 43, 'data');
    expect(Array.from(b.train)).toEqual(Array.from(a.train));
    expect(Array.from(b.test)).toEqual(Array.from(a.test));
    expect(Array.from(c.train)).not.toEqual(Array.from(a.train));
  });

  it('pins the rows seed 1 picks, so a change to the shuffle cannot go unnoticed', () => {
    const rows = splitRows(10, { train: 5, validation: 3, test: 2 }, 1, 'data');
    // Mulberry32(1) starts 0.6270739…, so Fisher–Yates first swaps 9 with ⌊0.627·10⌋ = 6, and so on.
    expect([Array.from(rows.train), Array.from(rows.validation), Array.from(rows.test)]).toEqual([
      [7, 8, 3, 2, 1],
      [5, 9, 4],
      [0, 6],
    ]);
  });

  it('keeps validation and test fixed while the training size varies, and nests the training sets', () => {
    const small = splitRows(1000, { train: 100, validation: 250, test: 250 }, 5, 'data');
    const large = splitRows(1000, { train: 500, validation: 250, test: 250 }, 5, 'data');
    expect(Array.from(large.validation)).toEqual(Array.from(small.validation));
    expect(Array.from(large.test)).toEqual(Array.from(small.test));
    expect(Array.from(large.train.subarray(0, 100))).toEqual(Array.from(small.train));
  });

  it('takes validation and test from the end of the shuffle, so rows between them and training go unused', () => {
    const rows = splitRows(10, { train: 2, validation: 3, test: 2 }, 1, 'data');
    expect([Array.from(rows.train), Array.from(rows.validation), Array.from(rows.test)]).toEqual([
      [7, 8],
      [5, 9, 4],
      [0, 6],
    ]);
  });

  it('may leave rows unused and may give empty parts', () => {
    const rows = splitRows(10, { train: 1, validation: 0, test: 0 }, 7, 'data');
    expect([rows.train.length, rows.validation.length, rows.test.length]).toEqual([1, 0, 0]);
    expect(splitRows(0, { train: 0, validation: 0, test: 0 }, 7, 'data').train.length).toBe(0);
  });

  it('names the sizes when they add up to more than there is', () => {
    expect(() => splitRows(10, { train: 5, validation: 3, test: 3 }, 1, 'digits.csv')).toThrow(
      new DataError('digits.csv', 'train 5 + validation 3 + test 3 = 11 examples requested, but only 10 are available'),
    );
    expect(() => splitRows(10, { train: 5, validation: -1, test: 3 }, 1, 'x')).toThrow(
      'split: validation size -1 is not a whole number ≥ 0',
    );
  });
});

describe('loadDataSplit on the bundled digits', () => {
  const split = loadDataSplit(DEFAULT_DATASET);

  it('gives Ng’s 5,000 training examples, 2,500 for validation and 2,500 for test by default', () => {
    expect([split.train.m, split.validation.m, split.test.m]).toEqual([5000, 2500, 2500]);
    for (const part of [split.train, split.validation, split.test]) {
      expect([part.n, part.width, part.height, part.X.length, part.y.length]).toEqual([
        784,
        28,
        28,
        part.m * 784,
        part.m,
      ]);
    }
  });

  it('uses every one of the 10,000 digits exactly once', () => {
    const keys = (parts: Digits[]) =>
      parts.flatMap((part) => Array.from({ length: part.m }, (_, i) => `${part.y[i]}:${imageHash(part, i)}`)).sort();
    // Same multiset as the whole collection: nothing lost, nothing taken twice (the collection holds
    // a few duplicate images, so a Set of the parts alone could not tell).
    expect(keys([split.train, split.validation, split.test])).toEqual(keys([loadBundledDigits()]));
  });

  it('keeps every class between 7% and 13% of each part', () => {
    for (const part of [split.train, split.validation, split.test]) {
      const counts = new Array(10).fill(0);
      for (const label of part.y) counts[label]++;
      for (const c of counts) {
        expect(c / part.m).toBeGreaterThan(0.07);
        expect(c / part.m).toBeLessThan(0.13);
      }
    }
  });

  it('is the same for the same seed and differs for another', () => {
    const again = loadDataSplit(parseDatasetSpec({ dataSeed: 1 }));
    expect(Array.from(again.train.y)).toEqual(Array.from(split.train.y));
    // Buffer.equals: exact bytes, and far faster than a deep equal over 1.96 million doubles.
    expect(Buffer.from(again.validation.X.buffer).equals(Buffer.from(split.validation.X.buffer))).toBe(true);
    const other = loadDataSplit(parseDatasetSpec({ dataSeed: 2 }));
    expect(Array.from(other.train.y)).not.toEqual(Array.from(split.train.y));
  });

  it('honours other sizes and refuses more than 10,000 examples, naming the sizes', () => {
    const small = loadDataSplit(parseDatasetSpec({ trainSize: 1, validationSize: 0, testSize: 0 }));
    expect([small.train.m, small.validation.m, small.test.m, small.validation.X.length]).toEqual([1, 0, 0, 0]);
    expect(() => loadDataSplit(parseDatasetSpec({ trainSize: 6000 }))).toThrow(
      'bundled MNIST digits: train 6000 + validation 2500 + test 2500 = 11000 examples requested, but only 10000 are available',
    );
  });
});

describe('loadDataSplit on the user’s files', () => {
  it('splits a CSV disjointly, keeping labels with their images', () => {
    const file = numberedCsv('numbered.csv', 300);
    const split = loadDataSplit(
      parseDatasetSpec({ source: 'csv', file, trainSize: 200, validationSize: 60, testSize: 40, dataSeed: 5 }),
    );
    const parts = [split.train, split.validation, split.test].map((p) => firstPixels(p, 1000));
    const all = parts.flat();
    expect(all.length).toBe(300);
    expect(new Set(all).size).toBe(300);
    for (const [p, part] of [split.train, split.validation, split.test].entries()) {
      for (let i = 0; i < part.m; i++) expect(part.y[i]).toBe(parts[p][i] % 10);
    }
  });

  it('takes the test set from a separate test file and train/validation from the main file', () => {
    const file = numberedCsv('main.csv', 100);
    const testFile = numberedCsv('test.csv', 50);
    const spec = parseDatasetSpec({
      source: 'csv',
      file,
      testFile,
      trainSize: 70,
      validationSize: 30,
      testSize: 50,
      dataSeed: 3,
    });
    const split = loadDataSplit(spec);
    expect([split.train.m, split.validation.m, split.test.m]).toEqual([70, 30, 50]);
    expect(new Set([...firstPixels(split.train, 1000), ...firstPixels(split.validation, 1000)]).size).toBe(100);
    expect([...firstPixels(split.test, 1000)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    const fewer = loadDataSplit({ ...spec, testSize: 10 });
    expect(fewer.test.m).toBe(10);
    expect(() => loadDataSplit({ ...spec, testSize: 51 })).toThrow(
      `${testFile}: test 51 examples requested, but only 50 are available`,
    );
  });

  it('refuses a test file whose images have another size', () => {
    const file = numberedCsv('four.csv', 20, 4);
    const testFile = numberedCsv('nine.csv', 20, 9);
    expect(() =>
      loadDataSplit(parseDatasetSpec({ source: 'csv', file, testFile, trainSize: 10, validationSize: 0, testSize: 5 })),
    ).toThrow(`${testFile}: test images are 3×3 pixels but the training images (${file}) are 2×2`);
  });

  it('needs a file when the source is not the bundled digits', () => {
    expect(() => loadDataSplit(parseDatasetSpec({ source: 'idx' }))).toThrow(
      'dataset: file: a file is required when source is "idx"',
    );
  });
});
