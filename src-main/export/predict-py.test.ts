/**
 * predict.py, the numpy script every export carries, run for real by Debian's python3 with numpy on
 * files the lab wrote: it must name the same class as the lab for every row.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { predict } from '../nn/predict';
import { unrollThetas } from '../nn/shape';
import { thetasToJson } from '../store/codec';
import { tempDir } from '../store/fixtures';
import { openStore } from '../store/open';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { networkFiles } from './files';
import type { ExportedNetwork } from './network';
import { digitSets, trainedWeights } from './testing';

/** A python3 that has numpy: Debian's first (the one CI installs python3-numpy for), then the PATH's. */
function pythonWithNumpy(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}
const python = pythonWithNumpy();
// CI installs python3-numpy (.ci/run), so there the test always runs; a developer machine without numpy skips it.
const needsNumpy = python !== null || process.env.CI === 'true';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function runPredict(folder: string, csv: string): string[] {
  const r = spawnSync(python ?? 'python3', [path.join(folder, 'predict.py'), csv], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.trim().split('\n');
}

describe.runIf(needsNumpy)('predict.py', () => {
  it('reads a header CSV by feature name (label in the middle, semicolons) and applies the standardization', () => {
    const dir = tempDir('backprop-predict-');
    dirs.push(dir);
    const network: ExportedNetwork = {
      sizes: [2, 2, 2],
      thetas: [
        [
          [0.1, 0.2, 0.3],
          [-0.1, 0.4, -0.5],
        ],
        [
          [0.5, -1, 1],
          [0, 2, -2],
        ],
      ],
      classNames: ['no', 'yes'],
      featureNames: ['height', 'weight'],
      standardization: { mean: [0.5, 1], sd: [2, 4] },
    };
    fs.writeFileSync(path.join(dir, 'weights.json'), thetasToJson(network.sizes, network.thetas));
    for (const [name, contents] of Object.entries(networkFiles(network)))
      fs.writeFileSync(path.join(dir, name), contents);
    const csv = path.join(dir, 'people.csv');
    fs.writeFileSync(csv, 'weight;answer;height\n2;no;1\n-2;no;3\n6;yes;-4\n1;no;0.5\n');
    // numpy by hand: h = [0.6018, 0.5435], [0.6578, 0.4239], [0.5395, 0.6645], [0.6106, 0.5250].
    expect(runPredict(dir, csv)).toEqual(['no', 'no', 'yes', 'no']);
  });

  it('names the class the lab predicts for every digit of a test set, from a folder `runs export` wrote', () => {
    const dir = tempDir('backprop-predict-');
    dirs.push(dir);
    const { train, test } = digitSets(200);
    const weights = trainedWeights([784, 25, 10], train, 20);
    const store = openStore(path.join(dir, 'runs.db'));
    const id = store.createRun({
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      width: 28,
      height: 28,
    });
    store.markRunning(id);
    const confusion = Array.from({ length: 10 }, () => new Array(10).fill(0));
    const metrics = {
      trainAccuracy: 1,
      validationAccuracy: 1,
      testAccuracy: 1,
      finalCost: 1,
      durationMs: 1,
      costEvaluations: 1,
    };
    store.finishRun(id, { theta: weights.theta, sizes: weights.sizes, metrics, confusion });
    const folder = path.join(dir, 'export');
    store.exportRun(id, folder);
    store.close();
    expect(fs.readdirSync(folder).sort()).toEqual([
      'history.csv',
      'images',
      'model.onnx',
      'predict.py',
      'preprocessing.json',
      'run.json',
      'weights.json',
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(folder, 'preprocessing.json'), 'utf8'))).toEqual({
      classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      featureNames: null,
      standardization: null,
    });
    // The lab's own digit format: label first, then 784 pixels, no header.
    const rows = Array.from({ length: test.m }, (_, i) =>
      [test.y[i], ...test.X.subarray(i * 784, (i + 1) * 784)].join(','),
    );
    const csv = path.join(dir, 'test.csv');
    fs.writeFileSync(csv, `${rows.join('\n')}\n`);
    const lab = Array.from(predict(weights.theta, weights.sizes, test.X, test.m), String);
    expect(runPredict(folder, csv)).toEqual(lab);
    // and the weights.json it read are the run's Θ, bit for bit
    const read = JSON.parse(fs.readFileSync(path.join(folder, 'weights.json'), 'utf8'));
    expect(unrollThetas(read.thetas, read.sizes)).toEqual(weights.theta);
  });
});
