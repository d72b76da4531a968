/**
 * `backprop-lab explain` as a user runs it: the built CLI in real Node processes on a real database
 * holding runs trained by real worker processes. Expected numbers come from explainExample in this
 * process, fed with the weights read back from the same file and the run's own split.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { loadDataSplit } from '../data/load';
import { explainExample } from '../explain/backprop';
import { rollThetas } from '../nn/shape';
import { NG_MODEL } from '../nn/model';
import { openStore } from '../store/open';

let cli: string;
let dir: string;
let db: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

const SPLIT = ['--train-size', '200', '--validation-size', '0', '--test-size', '60'];

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-explain-'));
  db = join(dir, 'runs.db');
  // run 1: 784-25-10 with λ = 1; run 2: two hidden layers 784-8-6-10 with λ = 3; run 3: 784-8-6-10 with
  // the quadratic cost and tanh hidden units
  for (const extra of [
    [],
    ['--hidden', '8,6', '--lambda', '3'],
    ['--hidden', '8,6', '--cost', 'quadratic', '--activation', 'tanh'],
  ]) {
    const r = await run(['train', '--iterations', '4', ...SPLIT, ...extra, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

function expected(runId: number, set: 'train' | 'test', index: number, label?: number, model = NG_MODEL) {
  const store = openStore(db);
  try {
    const { sizes, theta } = store.getWeights(runId);
    const data = loadDataSplit(store.getRun(runId).dataset)[set];
    const x = data.X.slice(index * data.n, (index + 1) * data.n);
    return { sizes, e: explainExample(theta, sizes, x, label ?? data.y[index], model) };
  } finally {
    store.close();
  }
}

describe('backprop-lab explain --json', () => {
  it.each([
    [1, 'test', 5],
    [1, 'train', 0],
    [2, 'train', 17],
    [2, 'test', 59],
  ] as const)(
    'run %i, %s:%i: a, z, delta, grad, cost, label, predicted of the run’s own example',
    async (id, set, i) => {
      const r = await run(['explain', '--run', String(id), '--example', `${set}:${i}`, '--db', db, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      const { sizes, e } = expected(id, set, i);
      expect(Object.keys(out)).toEqual(['model', 'a', 'z', 'delta', 'grad', 'cost', 'label', 'predicted']);
      expect(out.model).toEqual(NG_MODEL);
      expect(out.a.map((v: number[]) => v.length)).toEqual(sizes);
      expect(out.z.map((v: number[]) => v.length)).toEqual(sizes.slice(1));
      expect(out.delta.map((v: number[]) => v.length)).toEqual(sizes.slice(1));
      expect(out.grad.map((g: number[][]) => [g.length, g[0].length])).toEqual(
        sizes.slice(1).map((s, l) => [s, sizes[l] + 1]),
      );
      expect(out.a).toEqual(e.a.map((v) => Array.from(v)));
      expect(out.z).toEqual(e.z.map((v) => Array.from(v)));
      expect(out.delta).toEqual(e.delta.map((v) => Array.from(v)));
      expect(out.grad).toEqual(rollThetas(e.grad, sizes));
      expect([out.cost, out.label, out.predicted]).toEqual([e.cost, e.label, e.predicted]);
      // the bias column of ∂J/∂Θ(l) is δ(l+1) itself
      out.grad.forEach((g: number[][], l: number) => g.forEach((row, r) => expect(row[0]).toBe(out.delta[l][r])));
    },
  );

  it('--label K changes the target: δ(L) = a(L) − y for the new y, the forward pass unchanged', async () => {
    const own = JSON.parse((await run(['explain', '--run', '1', '--example', 'test:5', '--db', db, '--json'])).stdout);
    const other = (own.label + 3) % 10;
    const r = await run([
      'explain',
      '--run',
      '1',
      '--example',
      'test:5',
      '--label',
      String(other),
      '--db',
      db,
      '--json',
    ]);
    const out = JSON.parse(r.stdout);
    expect(out.label).toBe(other);
    expect(out.a).toEqual(own.a);
    const h = out.a[2];
    expect(out.delta[1]).toEqual(h.map((v: number, k: number) => v - (k === other ? 1 : 0)));
    expect(out.cost).toBe(expected(1, 'test', 5, other).e.cost);
  });

  it('--csv FILE --row N reads the N-th data row (header not counted) as training reads a CSV', async () => {
    const { e } = expected(1, 'train', 3);
    const pixels = Array.from(e.a[0], (v) => Math.round(v * 255)); // MNIST bytes k/255 survive the round trip
    const file = join(dir, 'rows.csv');
    const header = ['label', ...pixels.map((_, i) => `p${i}`)].join(',');
    const zero = ['0', ...pixels.map(() => '0')].join(',');
    writeFileSync(file, `${header}\n${zero}\n${e.label},${pixels.join(',')}\n`);
    const r = await run(['explain', '--run', '1', '--csv', file, '--row', '1', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.cost).toBe(e.cost);
    expect(out.grad).toEqual(rollThetas(e.grad, [784, 25, 10]));
  });
});

describe('backprop-lab explain without --json', () => {
  it('prints a short readable summary: outputs, y, δ and the most blamed hidden units', async () => {
    const r = await run(['explain', '--run', '1', '--example', 'test:5', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    const { e } = expected(1, 'test', 5);
    expect(r.stdout).toContain(`Run 1, test example 5 of run 1: network 784-25-10`);
    expect(r.stdout).toContain(
      `label ${e.label}, predicted ${e.predicted}, this example's cost ${e.cost.toPrecision(6)}`,
    );
    expect(r.stdout).toMatch(/hidden layer 2: 25 units, \d+ saturated/);
    expect(r.stdout).toMatch(/δ\(2\)[₀-₉]+ = \(Θ\(2\)ᵀδ\(3\)\)[₀-₉]+ · g′\(z\(2\)[₀-₉]+\) = /);
    // Weights are named as the views name them: Ng's Θ(l), 1-based, bias in column 1, in words.
    expect(r.stdout).toMatch(/; largest share Θ\(2\)\[class \d, unit \d+\]·δ\(3\)\[class \d\] = /);
    let top = 0;
    e.grad.forEach((g, i) => Math.abs(g) > Math.abs(e.grad[top]) && (top = i));
    // 784-25-10: Θ(1) holds 25·785 weights, row-major, bias in column 0.
    const name =
      top < 25 * 785
        ? `Θ(1)[unit ${Math.floor(top / 785) + 1}, ${top % 785 === 0 ? 'bias' : `pixel ${top % 785}`}]`
        : `Θ(2)[class ${Math.floor((top - 25 * 785) / 26)}, ${(top - 25 * 785) % 26 === 0 ? 'bias' : `unit ${(top - 25 * 785) % 26}`}]`;
    expect(r.stdout).toContain(`largest entry ∂J/∂${name} = ${e.grad[top].toPrecision(4)}`);
  });
});

describe('explain with the run’s cost and activation, and --check', () => {
  const tanhQuadratic = { cost: 'quadratic', activation: 'tanh' } as const;

  it('a quadratic/tanh run is explained with its own model: δ(L) = (a − y)·a(1 − a)', async () => {
    const r = await run(['explain', '--run', '3', '--example', 'test:2', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    const { e } = expected(3, 'test', 2, undefined, tanhQuadratic);
    expect(out.model).toEqual(tanhQuadratic);
    expect(out.delta).toEqual(e.delta.map((v) => Array.from(v)));
    const h = out.a[3];
    h.forEach((a: number, k: number) =>
      expect(out.delta[2][k]).toBeCloseTo((a - (k === out.label ? 1 : 0)) * a * (1 - a), 15),
    );
    expect(out.deltaCheck).toBeUndefined();
  });

  it.each([
    ['1', []],
    ['3', []],
    ['2', ['--cost', 'quadratic', '--activation', 'relu']],
  ])('--check on run %s %j: every δ agrees with its central difference to 1e-7', async (id, extra) => {
    const r = await run(['explain', '--run', id, '--example', 'train:3', '--check', '--db', db, '--json', ...extra]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.deltaCheck.units).toBe(out.delta.flat().length);
    expect(out.deltaCheck.largest.relativeDifference).toBeLessThanOrEqual(1e-7);
    expect(out.deltaCheck.numeric.map((v: number[]) => v.length)).toEqual(out.delta.map((v: number[]) => v.length));
  });

  it('--check for people: one line with the largest difference and where', async () => {
    const r = await run(['explain', '--run', '3', '--example', 'test:0', '--check', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('network 784-8-6-10, quadratic cost, tanh hidden units');
    expect(r.stdout).toContain('δ(L) = (a − y)·a(1 − a)');
    expect(r.stdout).toMatch(
      /δ checked node by node: 24 units, each δ against \(C\(z \+ e\) − C\(z − e\)\)\/2e with e = 1e-6\n/,
    );
    expect(r.stdout).toMatch(
      /largest relative difference \d\.\d{3}e-\d+ at δ\([234]\)[₀-₉]+ \(passes: must be at most 1e-7\)/,
    );
  });

  it.each([
    [['--cost', 'hinge'], "backprop-lab: --cost: expected one of cross-entropy, quadratic, got 'hinge'\n"],
    [['--activation', 'elu'], "backprop-lab: --activation: expected one of sigmoid, tanh, relu, got 'elu'\n"],
  ])('%j is refused', async (args, stderr) => {
    const r = await run(['explain', '--run', '1', '--example', 'test:0', ...args, '--db', db]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
  });
});

describe('bad requests exit 2 with one line', () => {
  it.each([
    [['--run', '99', '--example', 'test:0'], 'backprop-lab: --run: run 99 does not exist\n'],
    [
      ['--run', '1', '--example', 'test:60'],
      'backprop-lab: explain: test example 60 is out of range: run 1 has 60 (0…59)\n',
    ],
    [['--run', '1', '--example', 'train:-1'], "backprop-lab: --example: expected train:N or test:N, got 'train:-1'\n"],
    [
      ['--run', '1', '--example', 'test:0', '--label', '10'],
      'backprop-lab: --label: the network has 10 classes (0…9), got 10\n',
    ],
    [['--run', '1'], 'backprop-lab: explain: give either --example train:N|test:N or --csv FILE --row N\n'],
  ])('%j', async (args, stderr) => {
    const r = await run(['explain', ...args, '--db', db]);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
  });

  it('a CSV row out of range or of the wrong size', async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, '3,0,0.5,1,0\n1,1,1,1,1\n');
    let r = await run(['explain', '--run', '1', '--csv', file, '--row', '2', '--db', db]);
    expect([r.code, r.stderr]).toEqual([2, `backprop-lab: --row: ${file} has 2 data rows (0…1), got 2\n`]);
    r = await run(['explain', '--run', '1', '--csv', file, '--row', '0', '--db', db]);
    expect([r.code, r.stderr]).toEqual([
      2,
      "backprop-lab: explain: the input has 4 values, but run 1's network takes 784\n",
    ]);
  });
});
