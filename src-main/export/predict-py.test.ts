/**
 * predict.py, the numpy script every export carries, run for real by Debian's python3 with numpy on
 * files the lab wrote: it must name the same class as the lab for every row. (The same on a folder
 * `runs export` wrote: store/export-network.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { networkFiles } from './files';
import { predict } from '../nn/predict';
import { unrollThetas } from '../nn/shape';
import type { ExportedNetwork } from './network';
import { CAN_RUN_PREDICT_PY, TINY_NETWORK, predictedByPython } from './testing';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe.runIf(CAN_RUN_PREDICT_PY)('predict.py', () => {
  it('reads a header CSV by feature name (label in the middle, semicolons) and applies the standardization', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-predict-'));
    dirs.push(dir);
    const network: ExportedNetwork = { ...TINY_NETWORK, standardization: { mean: [0.5, 1], sd: [2, 4] } };
    // weights.json as the store writes it: {"sizes", "thetas"}, rows with the bias first.
    fs.writeFileSync(path.join(dir, 'weights.json'), JSON.stringify({ sizes: network.sizes, thetas: network.thetas }));
    for (const [name, contents] of Object.entries(networkFiles(network)))
      fs.writeFileSync(path.join(dir, name), contents);
    const csv = path.join(dir, 'people.csv');
    fs.writeFileSync(csv, 'weight;answer;height\n2;no;1\n-2;no;3\n6;yes;-4\n1;no;0.5\n');
    // numpy by hand: h = [0.6018, 0.5435], [0.6578, 0.4239], [0.5395, 0.6645], [0.6106, 0.5250].
    expect(predictedByPython(dir, csv)).toEqual(['no', 'no', 'yes', 'no']);
  });
});

describe.runIf(CAN_RUN_PREDICT_PY)('predict.py with other hidden activations', () => {
  it.each(['tanh', 'relu'] as const)('%s: the class the lab predicts for every row', (activation) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-predict-'));
    dirs.push(dir);
    const thetas = [
      [
        [0.5, -2, 1.5],
        [-0.3, 1.2, 2],
      ],
      [
        [0.2, 3, -2],
        [-0.1, -2.5, 2.5],
      ],
    ];
    const network: ExportedNetwork = { ...TINY_NETWORK, thetas, activation };
    fs.writeFileSync(path.join(dir, 'weights.json'), JSON.stringify({ sizes: network.sizes, thetas }));
    for (const [name, contents] of Object.entries(networkFiles(network)))
      fs.writeFileSync(path.join(dir, name), contents);
    const rows = [
      [2, 1],
      [-2, 3],
      [6, -4],
      [1, 0.5],
      [-1, -1],
    ];
    fs.writeFileSync(path.join(dir, 'x.csv'), rows.map((r) => r.join(',')).join('\n') + '\n');
    const X = Float64Array.from(rows.flat());
    const lab = predict(unrollThetas(thetas, [2, 2, 2]), [2, 2, 2], X, rows.length, {
      cost: 'cross-entropy',
      activation,
    });
    expect(predictedByPython(dir, path.join(dir, 'x.csv'))).toEqual(Array.from(lab, (k) => network.classNames[k]));
  });
});
