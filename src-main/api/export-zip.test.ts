import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { smallResult } from '../store/fixtures';
import type { RunStore } from '../store/types';
import { exportName } from './export-zip';
import { openTestApi, type TestApi } from './testing/test-api';

let opened: TestApi | undefined;

/** The export's private temp folders still in the OS temp dir (it removes its own when done). */
const leftovers = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('backprop-lab-export-'));
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

/** A finished 16-3-10 run named `name` with two points of history. */
function finishedRun(store: RunStore, name: string): number {
  const id = store.createRun({
    name,
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3] },
    dataset: DEFAULT_DATASET,
    width: 4,
    height: 4,
  });
  store.markRunning(id);
  store.appendProgress(id, [
    { iteration: 1, cost: 2.5, elapsedMs: 3 },
    { iteration: 2, cost: 1.25, elapsedMs: 5 },
  ]);
  store.finishRun(id, smallResult());
  return id;
}

describe('exportName', () => {
  it('makes a file name of the id and the run name', () => {
    expect(exportName(12, 'Overfit · λ = 0')).toBe('run-12-overfit-0');
    expect(exportName(3, 'Iris, standardized (25 hidden)')).toBe('run-3-iris-standardized-25-hidden');
    expect(exportName(4, '···')).toBe('run-4');
  });
});

describe('runs.exportZip', () => {
  it("is the run's export folder as a zip: the network files, settings, history, and the same weights", async () => {
    opened = openTestApi('backprop-zip-');
    const id = finishedRun(opened.store, 'Iris try');
    const zip = await opened.value('runs.exportZip', [id]);
    expect(zip.fileName).toBe(`run-${id}-iris-try.zip`);
    const bytes = Buffer.from(zip.base64, 'base64');
    expect(bytes.length).toBe(zip.bytes);
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        'data.mat',
        'history.csv',
        'model.onnx',
        'predict.py',
        'preprocessing.json',
        'run.json',
        'weights.json',
        'weights.mat',
      ].map((f) => `run-${id}-iris-try/${f}`),
    );
    const text = (f: string) => Buffer.from(files[`run-${id}-iris-try/${f}`]).toString('utf8');
    expect(text('history.csv')).toBe('iteration,cost,elapsed_ms\n1,2.5,3\n2,1.25,5\n');
    expect(JSON.parse(text('weights.json')).sizes).toEqual([16, 3, 10]);
    expect(JSON.parse(text('run.json')).name).toBe('Iris try');
    expect(leftovers()).toEqual([]);
  });

  it('names an unknown run', async () => {
    opened = openTestApi('backprop-zip-');
    const e = await opened.failure('runs.exportZip', [99]);
    expect(e.code).toBe('not-found');
    expect(e.message).toContain('99');
  });
});

describe('runs.saveExport', () => {
  it('writes the zip where the save dialog says, and nothing when the dialog is cancelled', async () => {
    let answer: string | null = null;
    const offered: string[] = [];
    opened = openTestApi('backprop-save-', {
      pickSavePath: async (fileName) => {
        offered.push(fileName);
        return answer;
      },
    });
    const id = finishedRun(opened.store, 'keep me');
    expect(await opened.value('runs.saveExport', [id])).toBeNull();
    answer = path.join(opened.dir, 'chosen.zip');
    const saved = await opened.value('runs.saveExport', [id]);
    expect(saved).toEqual({ path: answer, bytes: fs.statSync(answer).size });
    expect(offered).toEqual([`run-${id}-keep-me.zip`, `run-${id}-keep-me.zip`]);
    expect(Object.keys(unzipSync(fs.readFileSync(answer)))).toContain(`run-${id}-keep-me/model.onnx`);
    expect(fs.existsSync(`${answer}.partial`)).toBe(false);
  });

  it('tells a browser that it downloads instead', async () => {
    opened = openTestApi('backprop-save-');
    const id = finishedRun(opened.store, 'web');
    expect(await opened.failure('runs.saveExport', [id])).toEqual({
      code: 'invalid-state',
      message: 'runs.saveExport: the lab in a browser has no save dialog; use runs.exportZip to download',
    });
  });
});
