/**
 * "Check before you start": a request that can never train is refused before anything is stored.
 * The built CLI exits 2 with one line naming the flag; the API answers invalid-argument naming the
 * field. Every case counts the runs in the database afterwards: none.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type TestApi } from '../api/testing/test-api';
import { openStore } from '../store/open';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { writeTinyCsv } from '../training/testing/tiny-data';

let cli: string;
let dir: string;
let csv100: string;

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-preflight-'));
  csv100 = writeTinyCsv(join(dir, 'hundred.csv'), 100);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cliRun(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

function runsIn(db: string): number {
  if (!existsSync(db)) return 0;
  const store = openStore(db);
  try {
    return store.countRuns();
  } finally {
    store.close();
  }
}

let n = 0;
/** Runs `train` with `args` on a fresh database; expects exit 2, exactly `message` and no run stored. */
async function refused(args: string[], message: string): Promise<void> {
  const db = join(dir, `refused-${++n}.db`);
  const r = await cliRun(['train', ...args, '--db', db]);
  expect([r.code, r.stderr]).toEqual([2, `backprop-lab: ${message}\n`]);
  expect(r.stdout).toBe('');
  expect(runsIn(db)).toBe(0);
}

describe('train refuses what can never train, before storing anything', () => {
  it('--train-size beyond the bundled digits', async () => {
    await refused(
      ['--train-size', '9000'],
      '--train-size: train 9000 + validation 2500 + test 2500 = 14000 examples requested, ' +
        'but only 10000 are in the bundled digits (at most 5000 fit with the other sizes as they are)',
    );
  });

  it('sizes beyond a 100-row CSV, naming the first size given', async () => {
    await refused(
      ['--data', csv100, '--validation-size', '30', '--test-size', '30', '--train-size', '50'],
      `--train-size: train 50 + validation 30 + test 30 = 110 examples requested, but only 100 are in ${csv100} ` +
        '(at most 40 fit with the other sizes as they are)',
    );
  });

  it('--init-file of the wrong shape, or holding 1e999', async () => {
    const small = ['--data', csv100, '--hidden', '2', '--train-size', '60', '--validation-size', '20'];
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ thetas: [[[0, 1]]] }));
    await refused(
      [...small, '--test-size', '20', '--init-file', wrong],
      '--init-file: the weights do not fit the network 16-2-10: expected 2 weight matrices for layers 16-2-10, got 1',
    );
    // JSON.parse reads 1e999 as Infinity: the shapes are right, the value is not.
    const row = (cols: number, first = '0') => `[${[first, ...Array(cols - 1).fill('0.1')].join(',')}]`;
    const theta1 = `[${row(17, '1e999')},${row(17)}]`;
    const theta2 = `[${Array.from({ length: 10 }, () => row(3)).join(',')}]`;
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, `{"thetas": [${theta1}, ${theta2}]}`);
    await refused(
      [...small, '--test-size', '20', '--init-file', huge],
      '--init-file: the weights do not fit the network 16-2-10: Θ1[1][1] is not a finite number',
    );
  });

  it('a --test-data file that does not read, or holds images of another size', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'label,p1\n3,abc\n');
    const r = await cliRun(['train', '--data', csv100, '--test-data', bad, '--db', join(dir, 'bad.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^backprop-lab: --test-data: ${bad.replace(/[.]/g, '\\.')}`));
    expect(runsIn(join(dir, 'bad.db'))).toBe(0);
    const other = join(dir, 'other.csv');
    writeFileSync(other, '1,0,0.5,1,0\n2,1,1,0,0\n');
    await refused(
      ['--data', csv100, '--train-size', '60', '--validation-size', '20', '--test-data', other],
      `--test-data: ${other} holds 2×2 images but ${csv100} holds 4×4`,
    );
  });

  it('--name of 5,000 characters', async () => {
    await refused(['--name', 'x'.repeat(5000)], '--name: a name has at most 200 characters, got 5000');
  });

  it('--out into a folder that does not exist, before training', async () => {
    const out = join(dir, 'missing', 'weights.json');
    await refused(['--out', out], `--out: the folder ${dirname(out)} does not exist`);
  });

  it('limits are named as flags, and help shows them', async () => {
    await refused(['--lambda', '2000000'], "--lambda: expected a number ≥ 0 and ≤ 1000000, got '2000000'");
    await refused(['--hidden', '1,2,3,4,5,6,7,8,9'], '--hidden: Too big: expected array to have <=8 items');
    const help = await cliRun(['help']);
    expect(help.stdout).toMatch(/--lambda N +regularization strength λ \(default 1\) \[≥ 0 and ≤ 1000000\]/);
    expect(help.stdout).toMatch(/--train-size N +.*\[≥ 1 and ≤ 10000000\]/);
  });
});

describe('--epsilon so large that J(Θ₀) is infinite', () => {
  it('fails at iteration 0 saying why, not with a protocol error', async () => {
    const db = join(dir, 'epsilon.db');
    const r = await cliRun([
      ...['train', '--epsilon', '10', '--iterations', '3', '--train-size', '100', '--validation-size', '10'],
      ...['--test-size', '10', '--db', db, '--json'],
    ]);
    expect(r.code).toBe(1);
    const reason =
      'J(Θ₀) is infinite: uniform initial weights in [−ε, ε] with ε = 10 are so large that the sigmoid ' +
      "saturates to exactly 0 or 1 and the cost takes log(0); start from smaller weights (ε = 0.12, the course's " +
      'choice, per-layer, or he for ReLU)';
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'failed', failureReason: reason, costHistory: [] });
    expect(r.stderr).not.toMatch(/invalid message/);
  }, 60_000);
});

describe('the API refuses the same before storing a run or a sweep', () => {
  let t: TestApi;
  beforeAll(() => {
    t = openTestApi('api-preflight-', { allowWholeFolder: true });
  });
  afterAll(() => t.close());

  it('training.start: sizes beyond the data, naming the field', async () => {
    expect(
      await t.failure('training.start', [
        { hyperparameters: {}, dataset: { source: 'mnist', trainSize: 9000, validationSize: 2500, testSize: 2500 } },
      ]),
    ).toEqual({
      code: 'invalid-argument',
      message:
        'training.start: request.dataset.trainSize: train 9000 + validation 2500 + test 2500 = 14000 examples requested, ' +
        'but only 10000 are in the bundled digits (at most 5000 fit with the other sizes as they are)',
      path: ['request', 'dataset', 'trainSize'],
    });
    const file = writeTinyCsv(join(t.dir, 'small.csv'), 100);
    const e = await t.failure('training.start', [
      { hyperparameters: {}, dataset: { source: 'csv', file, trainSize: 80, validationSize: 10, testSize: 20 } },
    ]);
    expect([e.code, e.path]).toEqual(['invalid-argument', ['request', 'dataset', 'trainSize']]);
    expect(t.store.countRuns()).toBe(0);
  });

  it('sweeps.start: a learning curve whose largest m does not fit, before the sweep exists', async () => {
    const e = await t.failure('sweeps.start', [
      {
        kind: 'learning-curve',
        trainSizes: [100, 8500],
        base: { hyperparameters: {}, dataset: { source: 'mnist', validationSize: 1000, testSize: 1000 } },
      },
    ]);
    expect([e.code, e.path]).toEqual(['invalid-argument', ['request', 'trainSizes']]);
    expect(e.message).toMatch(
      /^sweeps\.start: request\.trainSizes: train 8500 \+ validation 1000 \+ test 1000 = 10500/,
    );
    expect(t.store.countRuns()).toBe(0);
    expect(t.store.listSweeps()).toEqual([]);
  });
});
