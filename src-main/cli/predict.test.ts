/**
 * `backprop-lab predict` as a user runs it (the built CLI in real processes, a real database), checked
 * against the two other ways a network leaves the lab: model.onnx in ONNX Runtime and predict.py in
 * numpy, from the same `runs export`. All three must name the same class for every row.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';

let cli: string;
let dir: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args, '--db', join(dir, 'lab.db')],
      { maxBuffer: 64 << 20 },
      (e, stdout, stderr) => resolve({ code: e ? (e.code as number) : 0, stdout, stderr }),
    );
  });
}

/**
 * 240 rows of three kinds of fruit by weight (grams, ~100–300) and sweetness (0–1): features on scales
 * 1,000× apart, the class as text in the middle column, so reading by header name and standardizing matter.
 */
function fruitCsv(): string {
  const lines = ['weight;fruit;sweetness'];
  const kinds = [
    ['plum', 90, 0.7],
    ['apple', 180, 0.45],
    ['melon', 280, 0.8],
  ] as const;
  for (let i = 0; i < 240; i++) {
    const [name, grams, sweet] = kinds[i % 3];
    const wobble = Math.sin(i * 12.9898) * 43758.5453;
    const u = wobble - Math.floor(wobble);
    lines.push(`${(grams + (u - 0.5) * 70).toFixed(1)};${name};${(sweet + (0.5 - u) * 0.3).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-predict-'));
  writeFileSync(join(dir, 'fruit.csv'), fruitCsv());
  const trained = await run([
    'train',
    '--data',
    join(dir, 'fruit.csv'),
    '--label-column',
    'fruit',
    '--standardize',
    '--hidden',
    '6',
    '--iterations',
    '60',
    '--json',
  ]);
  expect(trained.stderr.split('\n').filter((l) => /error|fail/i.test(l))).toEqual([]);
  expect(trained.code).toBe(0);
});

describe('backprop-lab predict', () => {
  it('names the same class as model.onnx and predict.py for every row, and scores the labelled file', async () => {
    const predicted = await run(['predict', '--run', '1', '--data', join(dir, 'fruit.csv'), '--json']);
    expect(predicted.stderr).toBe('');
    expect(predicted.code).toBe(0);
    const out = JSON.parse(predicted.stdout);
    expect(out.classNames).toEqual(['apple', 'melon', 'plum']);
    expect(out.rows).toHaveLength(240);
    expect(out.rows[0]).toMatchObject({ row: 0, label: 'plum' });
    expect(out.accuracy).toBeGreaterThan(0.9);
    expect(out.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(240);

    expect((await run(['runs', 'export', '1', join(dir, 'export')])).code).toBe(0);
    const session = await ort.InferenceSession.create(readFileSync(join(dir, 'export', 'model.onnx')));
    const raw = fruitCsv()
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(';'));
    // The model takes the run's features in the run's order: weight, sweetness (the class column dropped).
    const X = Float32Array.from(raw.flatMap((r) => [Number(r[0]), Number(r[2])]));
    const scores = (await session.run({ features: new ort.Tensor('float32', X, [240, 2]) })).scores
      .data as Float32Array;
    let maxDiff = 0;
    out.rows.forEach((r: { predicted: string; scores: number[] }, i: number) => {
      r.scores.forEach((s, k) => (maxDiff = Math.max(maxDiff, Math.abs(s - scores[i * 3 + k]))));
      const best = [0, 1, 2].reduce((b, k) => (scores[i * 3 + k] > scores[i * 3 + b] ? k : b), 0);
      expect(out.classNames[best], `row ${i}`).toBe(r.predicted);
    });
    expect(maxDiff).toBeLessThanOrEqual(1e-5);

    const python = ['/usr/bin/python3', 'python3'].find(
      (p) => spawnSync(p, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0,
    );
    if (python || process.env.CI === 'true') {
      const py = spawnSync(python ?? 'python3', [join(dir, 'export', 'predict.py'), join(dir, 'fruit.csv')], {
        encoding: 'utf8',
      });
      expect(py.stderr).toBe('');
      expect(py.stdout.trim().split('\n')).toEqual(out.rows.map((r: { predicted: string }) => r.predicted));
    }
  });

  it('prints a table, the accuracy and the confusion matrix by class name', async () => {
    const r = await run(['predict', '--run', '1', '--data', join(dir, 'fruit.csv')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`run 1 (2-6-3) on 240 rows of ${join(dir, 'fruit.csv')}`);
    expect(lines[1]).toBe('row\tpredicted\tscore\tlabel');
    expect(lines[2]).toMatch(/^0\t(apple|melon|plum)\t0\.\d{4}\tplum( ✗)?$/);
    expect(lines).toContain('confusion (rows: true class, columns: predicted):');
    expect(lines.at(-4)).toBe('\tapple\tmelon\tplum');
    expect(lines.at(-1)).toMatch(/^plum\t\d+\t\d+\t\d+$/);
  });

  it('predicts a file without the class column (new data), by feature name in any column order', async () => {
    writeFileSync(join(dir, 'new.csv'), 'sweetness,weight\n0.8,285\n0.44,181\n0.71,88\n');
    const r = await run(['predict', '--run', '1', '--data', join(dir, 'new.csv'), '--json']);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.rows.map((x: { predicted: string }) => x.predicted)).toEqual(['melon', 'apple', 'plum']);
    expect(out.accuracy).toBeUndefined();
    expect(out.rows[0].label).toBeUndefined();
  });

  it.each([
    [['--run', '9', '--data', 'x.csv'], '--run: there is no run 9'],
    [['--data', 'x.csv'], 'predict: --run is required (the id of a finished run)'],
    [['--run', '1'], 'predict: --data is required (the file to predict)'],
  ])('exits 2 with one line for %j', async (args, message) => {
    const r = await run(['predict', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`backprop-lab: ${message}\n`);
  });

  it('names the missing features and a class the run does not know', async () => {
    writeFileSync(join(dir, 'short.csv'), 'weight\n100\n');
    const missing = await run(['predict', '--run', '1', '--data', join(dir, 'short.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      `backprop-lab: --data: ${join(dir, 'short.csv')}: line 1: has no column "sweetness"; the run was trained on "weight", "sweetness" (a header row must name them)\n`,
    );
    writeFileSync(join(dir, 'kiwi.csv'), 'weight,fruit,sweetness\n70,kiwi,0.6\n');
    const unknown = await run(['predict', '--run', '1', '--data', join(dir, 'kiwi.csv')]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      `backprop-lab: --data: ${join(dir, 'kiwi.csv')}: line 2: class "kiwi" is not one the run knows (apple, melon, plum)\n`,
    );
  });
});
