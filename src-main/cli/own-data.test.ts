/**
 * Your own data through the built CLI: real public tables (UCI iris and wine, see
 * src-main/data/testing/README.md) with a header and a string class in the last column, trained in
 * real worker processes and stored with their class names, feature names and z-scores.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { openStore } from '../store/open';

let cli: string;
let dir: string;
const tables = join(__dirname, '..', 'data', 'testing');

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-own-data-'));
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('train on a table of your own', () => {
  it('wine: --label-column cultivar --standardize, default stratified 70/15/15, class names stored', async () => {
    const db = join(dir, 'wine.db');
    const r = await run([
      'train',
      '--data',
      join(tables, 'wine.csv'),
      '--label-column',
      'cultivar',
      '--standardize',
      '--optimizer',
      'lbfgs',
      '--iterations',
      '100',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'data: 178 examples, 3 classes in string order (class_0, class_1, class_2), 13 features; split 124/27/27, stratified by class',
    );
    const out = JSON.parse(r.stdout);
    expect(out.dataset).toMatchObject({ labelColumn: 'cultivar', standardize: true, stratify: true, trainSize: 124 });
    expect(out.classNames).toEqual(['class_0', 'class_1', 'class_2']);
    expect(out.featureNames[12]).toBe('proline');
    expect(out.standardization.mean).toHaveLength(13);
    expect(out.testAccuracy).toBeGreaterThanOrEqual(0.92);
    expect(out.confusion).toHaveLength(3);
    const store = openStore(db);
    try {
      const run = store.getRun(out.runId);
      expect(run.classNames).toEqual(['class_0', 'class_1', 'class_2']);
      expect(run.standardization!.sd.every((s) => s > 0)).toBe(true);
      expect(store.getWeights(out.runId).sizes).toEqual([13, 25, 3]);
    } finally {
      store.close();
    }
  });

  it('iris: a semicolon copy with a separate test file splits 90/10 and keeps the test classes', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(join(tables, 'iris.csv'), 'utf8').trim().split('\n');
    const semi = (rows: string[]) => rows.map((l) => l.replaceAll(',', ';')).join('\n') + '\n';
    const train = join(dir, 'iris-train.csv');
    const test = join(dir, 'iris-test.csv');
    // Every fifth flower is held out for testing.
    writeFileSync(train, semi([lines[0], ...lines.slice(1).filter((_, i) => i % 5 !== 0)]));
    writeFileSync(test, semi([lines[0], ...lines.slice(1).filter((_, i) => i % 5 === 0)]));
    const db = join(dir, 'iris.db');
    const r = await run(['train', '--data', train, '--test-data', test, '--label-column', '5', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dataset).toMatchObject({ trainSize: 108, validationSize: 12, testSize: 30 });
    expect(out.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(out.confusion.map((row: number[]) => row.reduce((a, b) => a + b, 0))).toEqual([10, 10, 10]);
  });

  it('refuses sizes the data cannot fill, naming the flag, and stores nothing', async () => {
    const db = join(dir, 'refused.db');
    const r = await run(['train', '--data', join(tables, 'iris.csv'), '--train-size', '200', '--db', db]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--train-size: ');
    expect(r.stderr).toContain('train 200 + validation 23 + test 23 = 246 examples requested, but only 150 are in');
    const store = openStore(db);
    expect(store.countRuns()).toBe(0);
    store.close();
  });

  it('refuses a missing value with line and column, and --drop-missing drops and counts it', async () => {
    const file = join(dir, 'gaps.csv');
    const rows = [
      'a,b,kind',
      ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 13) % 11},${i % 2 ? 'odd' : 'even'}`),
    ];
    rows[5] = '4,,odd';
    writeFileSync(file, rows.join('\n'));
    const refused = await run(['train', '--data', file, '--db', join(dir, 'gaps.db')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`${file}: line 6: column 2 ("b") is missing a value`);
    const r = await run(['train', '--data', file, '--drop-missing', '--iterations', '5', '--db', join(dir, 'gaps.db')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      'data: 39 examples (1 rows with a missing value dropped), 2 classes in string order (even, odd)',
    );
  });
});
