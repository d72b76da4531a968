import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { png, smallResult, smallRun } from './fixtures';
import { type MisclassifiedDigit, type RunStore } from './types';
import { errorOf, useTempStore } from './test-helpers';

let dir: string;
let file: string;
let store: RunStore;
useTempStore((opened) => ({ dir, file, store } = opened));

const digits = (): MisclassifiedDigit[] => [
  { position: 3, label: 4, predicted: 9, png: png(40, 4) },
  { position: 17, label: 7, predicted: 1, png: png(70, 4) },
];

function finished(misclassified?: MisclassifiedDigit[]): number {
  const id = store.createRun(smallRun());
  store.markRunning(id);
  store.finishRun(id, { ...smallResult(), misclassified });
  return id;
}

describe('misclassified test digits', () => {
  it('are stored with finishRun and read back in test-set order, byte for byte', () => {
    const id = finished(digits());
    expect(store.getMisclassified(id)).toEqual(digits());
  });

  it('are [] for a run that finished without any, and for one still queued', () => {
    expect(store.getMisclassified(finished())).toEqual([]);
    expect(store.getMisclassified(finished([]))).toEqual([]);
    expect(store.getMisclassified(store.createRun(smallRun()))).toEqual([]);
    expect(errorOf(() => store.getMisclassified(404))).toMatchObject({
      code: 'not-found',
      message: 'run 404 does not exist',
    });
  });

  it('are deleted with their run', () => {
    const id = finished(digits());
    store.deleteRun(id);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM misclassified').pluck().get()).toBe(0);
    db.close();
  });

  it.each<[string, (d: MisclassifiedDigit[]) => unknown, string]>([
    [
      'a right answer',
      (d) => [{ ...d[0], predicted: 4 }],
      'misclassified[0]: label and predicted are both 4, so the digit was classified right',
    ],
    ['label 10 of 10 classes', (d) => [{ ...d[0], label: 10 }], 'misclassified[0]: label must be a class 0–9, got 10'],
    [
      'a negative position',
      (d) => [{ ...d[0], position: -1 }],
      'misclassified[0]: position must be a whole number ≥ 0, got -1',
    ],
    ['positions out of order', (d) => [d[1], d[0]], 'misclassified[1]: position 3 does not come after position 17'],
    ['the same position twice', (d) => [d[0], d[0]], 'misclassified[1]: position 3 does not come after position 3'],
    [
      'bytes that are no PNG',
      (d) => [{ ...d[0], png: new Uint8Array([1, 2, 3]) }],
      'misclassified[0]: png is not PNG bytes',
    ],
    [
      '101 digits',
      (d) => Array.from({ length: 101 }, (_, i) => ({ ...d[0], position: i })),
      '101 misclassified digits, at most 100 are kept',
    ],
    ['no list', () => 'all of them', 'misclassified must be a list'],
  ])('refuses %s and leaves the run running', (_, make, message) => {
    const id = store.createRun(smallRun());
    store.markRunning(id);
    const e = errorOf(() =>
      store.finishRun(id, { ...smallResult(), misclassified: make(digits()) as MisclassifiedDigit[] }),
    );
    expect([e.code, e.message]).toEqual(['invalid-argument', `finishRun: run ${id}: ${message}`]);
    expect(store.getRun(id)).toMatchObject({ status: 'running', hasWeights: false });
  });

  it('travel through export and import, listed in run.json and as images/misclassified-<position>.png', () => {
    const id = finished(digits());
    const folder = path.join(dir, 'out');
    store.exportRun(id, folder);
    const runJson = JSON.parse(fs.readFileSync(path.join(folder, 'run.json'), 'utf8'));
    expect(runJson.misclassified).toEqual([
      { position: 3, label: 4, predicted: 9 },
      { position: 17, label: 7, predicted: 1 },
    ]);
    expect(new Uint8Array(fs.readFileSync(path.join(folder, 'images', 'misclassified-17.png')))).toEqual(png(70, 4));
    const copy = store.importRun(folder);
    expect(store.getMisclassified(copy)).toEqual(digits());
  });

  it('import: a folder of an older version without the list has none; a listed image that is missing fails the import', () => {
    const id = finished(digits());
    const folder = path.join(dir, 'out');
    store.exportRun(id, folder);
    const runFile = path.join(folder, 'run.json');
    const runJson = JSON.parse(fs.readFileSync(runFile, 'utf8'));
    fs.writeFileSync(runFile, JSON.stringify({ ...runJson, misclassified: undefined }));
    expect(store.getMisclassified(store.importRun(folder))).toEqual([]);

    fs.writeFileSync(runFile, JSON.stringify(runJson));
    fs.rmSync(path.join(folder, 'images', 'misclassified-3.png'));
    const before = store.countRuns();
    const e = errorOf(() => store.importRun(folder));
    expect([e.code, e.message]).toEqual([
      'invalid-import',
      `cannot import ${folder}: images/misclassified-3.png: is missing`,
    ]);
    expect(store.countRuns()).toBe(before);
  });

  it('import: refuses a digit listed as right and a cancelled run with digits', () => {
    const id = finished(digits());
    const folder = path.join(dir, 'out');
    store.exportRun(id, folder);
    const runFile = path.join(folder, 'run.json');
    const runJson = JSON.parse(fs.readFileSync(runFile, 'utf8'));
    fs.writeFileSync(runFile, JSON.stringify({ ...runJson, misclassified: [{ position: 3, label: 4, predicted: 4 }] }));
    expect(errorOf(() => store.importRun(folder)).message).toBe(
      `cannot import ${folder}: run.json: misclassified: misclassified[0]: label and predicted are both 4, so the digit was classified right`,
    );
    fs.writeFileSync(runFile, JSON.stringify({ ...runJson, status: 'cancelled', metrics: null, confusion: null }));
    fs.rmSync(path.join(folder, 'weights.json'));
    expect(errorOf(() => store.importRun(folder)).message).toBe(
      `cannot import ${folder}: run.json: misclassified: a cancelled run has no misclassified digits`,
    );
  });
});
