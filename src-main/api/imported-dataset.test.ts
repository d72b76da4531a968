/**
 * A run's dataset files are held to the API's allowed folders (issue 20, B5): an imported run.json
 * naming a file outside them is refused at import, and a run already stored with such a file (an
 * import from before this check) is refused at every reload, by explain.example and runs.hiddenUnit,
 * instead of answering with the outside file's values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialTheta } from '../nn/init';
import { untrainedMetrics, writeFinishedRun } from '../store/fixtures';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../run/hyperparameters';
import { openTestApi, type TestApi } from './testing/test-api';

let t: TestApi;
let inside: string;
let outside: string;
let allowedRoot: string;

beforeAll(() => {
  t = openTestApi('api-imported-dataset-');
  allowedRoot = path.join(t.dir, 'allowed');
  // 40 digits of 4 pixels: label k, pixels 10k, 20k, 30k, 40k (0–255 scale).
  const csv = Array.from({ length: 40 }, (_, i) => `${i % 10},${[1, 2, 3, 4].map((p) => p * (i % 10) * 6).join(',')}`);
  inside = path.join(allowedRoot, 'digits.csv');
  fs.writeFileSync(inside, `${csv.join('\n')}\n`);
  fs.mkdirSync(path.join(t.dir, 'outside'));
  outside = path.join(t.dir, 'outside', 'secret.csv');
  fs.writeFileSync(outside, `${csv.join('\n')}\n`);
});
afterAll(() => t.close());

/** A finished 4-3-10 run on `file` (its train accuracy left unchecked: 0). */
function finishedRun(file: string): number {
  const dataset: DatasetSpec = {
    source: 'csv',
    file,
    trainSize: 30,
    validationSize: 0,
    testSize: 10,
    dataSeed: 1,
  } as DatasetSpec;
  const sizes = [4, 3, 10];
  return writeFinishedRun(t.store, {
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3] },
    dataset,
    sizes,
    theta: initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 3 }),
    metrics: untrainedMetrics(),
    width: 2,
    height: 2,
  });
}

const outsideMessage = (what: string) => `${what}.file: "${outside}" is outside the allowed folders (${allowedRoot})`;

describe('a run naming a file outside the allowed folders', () => {
  it('explains an example of a run whose file is inside', async () => {
    const id = finishedRun(inside);
    const v = await t.value('explain.example', [{ runId: id, source: { kind: 'train', index: 0 } }]);
    expect(v.a.map((a) => a.length)).toEqual([4, 3, 10]);
  });

  it('is refused by explain.example and runs.hiddenUnit at every load', async () => {
    const id = finishedRun(outside);
    const e = await t.failure('explain.example', [{ runId: id, source: { kind: 'train', index: 0 } }]);
    expect([e.code, e.message]).toEqual(['forbidden-path', outsideMessage("explain: the run's dataset")]);
    const u = await t.failure('runs.hiddenUnit', [id, 2, 1]);
    expect([u.code, u.message]).toEqual(['forbidden-path', outsideMessage(`runs.hiddenUnit: run ${id}'s dataset`)]);
  });

  it('is refused at import, naming run.json and the file, and nothing is stored', async () => {
    const folder = path.join(allowedRoot, 'exported');
    t.store.exportRun(finishedRun(inside), folder);
    const runFile = path.join(folder, 'run.json');
    const run = JSON.parse(fs.readFileSync(runFile, 'utf8'));
    run.dataset.file = outside;
    fs.writeFileSync(runFile, JSON.stringify(run));
    const before = t.store.countRuns();
    const e = await t.failure('runs.import', [folder]);
    expect(e.message).toBe(`runs.import: cannot import ${folder}: run.json: ${outsideMessage('dataset')}`);
    expect(t.store.countRuns()).toBe(before);
  });
});
