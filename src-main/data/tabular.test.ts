import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectSeparator, parseDelimited, separatorHint } from './delimited';
import { DataError } from './errors';
import { loadDataSplit, loadTable } from './load';
import { parseTable } from './tabular';

const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-tabular-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const failure = (fn: () => unknown): DataError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
};

describe('delimited text', () => {
  it('detects comma, semicolon and tab, and reads RFC 4180 quotes', () => {
    expect(detectSeparator('a,b,c\n1,2,3\n')).toBe(',');
    expect(detectSeparator('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(detectSeparator('a\tb\n1\t2\n')).toBe('\t');
    const { rows } = parseDelimited('name,note\r\n"Smith, J","said ""hi""\nthen left"\n\n x , y \n', 'f.csv');
    expect(rows).toEqual([
      { cells: ['name', 'note'], line: 1 },
      { cells: ['Smith, J', 'said "hi"\nthen left'], line: 2 },
      { cells: ['x', 'y'], line: 5 },
    ]);
  });
  it('names the line of a quote never closed, and hints at another separator', () => {
    expect(failure(() => parseDelimited('a,b\n1,"2\n', 'q.csv')).message).toBe(
      'q.csv: line 2: a quoted field is never closed (missing ")',
    );
    expect(separatorHint('a;b;c\n', ',')).toBe(' (the file looks semicolon-separated, not comma-separated)');
  });
});

describe('parseTable', () => {
  const text = 'petal,weight,species\n1.5,200,setosa\n4.5,3000,virginica\n1.4,210,setosa\n5.0,2900,versicolor\n';
  it('takes the class from a named column and orders string classes by code point', () => {
    const t = parseTable(text, 'f.csv', { labelColumn: 'Species' });
    expect(t.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(Array.from(t.labels)).toEqual([0, 2, 0, 1]);
    expect(t.featureNames).toEqual(['petal', 'weight']);
    expect(Array.from(t.pixels)).toEqual([1.5, 200, 4.5, 3000, 1.4, 210, 5, 2900]);
    expect([t.m, t.width, t.height, t.hasHeader, t.separator]).toEqual([4, 2, 1, true, ',']);
  });
  it('takes a 1-based column number, and defaults to a column named label/class/target/y, else the first', () => {
    expect(parseTable(text, 'f.csv', { labelColumn: '3' }).labelColumnName).toBe('species');
    expect(parseTable('x;Target\n1;a\n2;b\n', 'f.csv').labelColumnName).toBe('Target');
    expect(parseTable('grade,x\n1,0.5\n2,0.7\n', 'f.csv').labelColumnName).toBe('grade');
    expect(parseTable('x,kind,z\n1,a,2\n2,b,3\n', 'f.csv').labelColumnName).toBe('kind');
  });
  it('orders integer classes numerically, in any range, "07" being 7', () => {
    const t = parseTable('x,y\n0.1,10\n0.2,-3\n0.3,9\n0.4,07\n', 'f.csv');
    expect(t.classNames).toEqual(['-3', '7', '9', '10']);
    expect(Array.from(t.labels)).toEqual([3, 0, 2, 1]);
  });
  it('reads a headerless UCI-style file with the string class last', () => {
    const t = parseTable('5.1,3.5,Iris-setosa\n7.0,3.2,Iris-versicolor\n', 'iris.data');
    expect([t.hasHeader, t.labelColumnName, t.classNames]).toEqual([
      false,
      'column 3',
      ['Iris-setosa', 'Iris-versicolor'],
    ]);
  });
  it('refuses a missing value naming line and column, or drops such rows when asked and counts them', () => {
    const missing = 'a,b,class\n1,2,x\n3,,y\n4,NA,x\n5,6,y\n';
    const e = failure(() => parseTable(missing, 'm.csv'));
    expect(e.location).toBe('line 3');
    expect(e.problem).toMatch(/^column 2 \("b"\) is missing a value \(""\); fix the file or drop such rows/);
    const t = parseTable(missing, 'm.csv', { dropMissing: true });
    expect([t.m, t.dropped, Array.from(t.pixels)]).toEqual([2, 2, [1, 2, 5, 6]]);
  });
  it('names what is wrong: unknown column, a text feature, too few or too many classes, wrong separator', () => {
    expect(failure(() => parseTable(text, 'f.csv', { labelColumn: 'kind' })).problem).toBe(
      'no column named "kind"; columns are "petal", "weight", "species"',
    );
    expect(failure(() => parseTable(text, 'f.csv', { labelColumn: '9' })).problem).toBe(
      'label column 9 does not exist: the file has columns 1 to 3',
    );
    expect(failure(() => parseTable(text, 'f.csv', { labelColumn: '1' })).problem).toBe(
      'column 3 ("species"): "setosa" is not a number (features must be numbers; the class column is "petal")',
    );
    expect(failure(() => parseTable('x,class\n1,a\n2,a\n', 'f.csv')).problem).toMatch(
      /^column 2 \("class"\) holds 1 class \("a"\); a run learns 2 to 100 classes$/,
    );
    const many = 'x,y\n' + Array.from({ length: 101 }, (_, i) => `${i / 10},${i}`).join('\n');
    expect(failure(() => parseTable(many, 'f.csv', { labelColumn: 'y' })).problem).toMatch(
      /holds 101 classes .*Choose another with --label-column$/,
    );
    const e = failure(() => parseTable('a,b,c\n1,2,x\n3;4;y\n', 'f.csv', { labelColumn: 'c' }));
    expect(e.location).toBe('line 3');
    expect(e.problem).toBe('expected 3 columns but found 1 (the file looks semicolon-separated, not comma-separated)');
  });
});

describe('loading a table for a run', () => {
  it('keeps the digit format for label-first files without a header', () => {
    const t = loadTable(write('digits.csv', '3,0,255,0,0\n7,255,0,0,0\n'));
    expect([t.classNames, t.featureNames, t.width, t.height]).toEqual([undefined, undefined, 2, 2]);
  });
  it('splits wine 70/15/15 stratified by class and standardizes with the training split only', () => {
    const file = join(__dirname, 'testing', 'wine.csv');
    const spec = {
      source: 'csv' as const,
      file,
      labelColumn: 'cultivar',
      standardize: true,
      stratify: true,
      trainSize: 124,
      validationSize: 27,
      testSize: 27,
      dataSeed: 1,
    };
    const split = loadDataSplit(spec);
    expect(split.info.classNames).toEqual(['class_0', 'class_1', 'class_2']);
    expect(split.info.featureNames).toHaveLength(13);
    expect(split.info.featureNames![12]).toBe('proline');
    // wine holds 59 / 71 / 48: each part keeps those proportions within one example.
    const counts = (y: Uint8Array) => [0, 1, 2].map((k) => y.filter((v) => v === k).length);
    expect(counts(split.train.y)).toEqual([41, 50, 33]);
    expect(counts(split.validation.y)).toEqual([9, 10, 8]);
    expect(counts(split.test.y)).toEqual([9, 11, 7]);
    // z-scores of the training part have mean 0 and sd 1 per feature; the test part's don't have to.
    const { m, n, X } = split.train;
    for (const j of [0, 12]) {
      let sum = 0;
      let sq = 0;
      for (let i = 0; i < m; i++) sum += X[i * n + j];
      for (let i = 0; i < m; i++) sq += (X[i * n + j] - sum / m) ** 2;
      expect(Math.abs(sum / m)).toBeLessThan(1e-12);
      expect(Math.sqrt(sq / m)).toBeCloseTo(1, 12);
    }
    const s = split.info.standardization!;
    expect(s.mean[12]).toBeGreaterThan(600);
    expect(s.sd[12]).toBeGreaterThan(250);
  });
});
