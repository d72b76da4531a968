/**
 * The network files of an export, as `runs export` writes them: predict.py in Debian's numpy must name
 * the class the lab predicts for every digit of a test set, from the folder alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CAN_RUN_PREDICT_PY, digitSets, predictedByPython, trainedWeights } from '../export/testing';
import { predict } from '../nn/predict';
import { unrollThetas } from '../nn/shape';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { writeFinishedRun, tempDir } from './fixtures';
import { openStore } from './open';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe.runIf(CAN_RUN_PREDICT_PY)('an exported folder', () => {
  it('names the class the lab predicts for every digit of a test set, from a folder `runs export` wrote', () => {
    const dir = tempDir('backprop-predict-');
    dirs.push(dir);
    const { train, test } = digitSets(200);
    const weights = trainedWeights([784, 25, 10], train, 20);
    const store = openStore(path.join(dir, 'runs.db'));
    const id = writeFinishedRun(store, {
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      sizes: weights.sizes,
      theta: weights.theta,
      metrics: {
        trainAccuracy: 1,
        validationAccuracy: 1,
        testAccuracy: 1,
        finalCost: 1,
        durationMs: 1,
        costEvaluations: 1,
      },
    });
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
      'weights.mat',
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
    expect(predictedByPython(folder, csv)).toEqual(lab);
    // and the weights.json it read are the run's Θ, bit for bit
    const read = JSON.parse(fs.readFileSync(path.join(folder, 'weights.json'), 'utf8'));
    expect(unrollThetas(read.thetas, read.sizes)).toEqual(weights.theta);
  });
});
