/**
 * The CLI as a user runs it: the built out/main/cli.js in a real Node process, with a real
 * database file and real worker processes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';

let cli: string;
let dir: string;

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  dir = mkdtempSync(join(tmpdir(), 'bpl-cli-'));
});

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { env: { ...process.env, BACKPROP_LAB_DB: join(dir, 'env.db'), ...env }, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** The split flags: m training examples, then validation and test examples. */
const split = (train: number, validation: number, test: number) => [
  '--train-size',
  String(train),
  '--validation-size',
  String(validation),
  '--test-size',
  String(test),
];
const relDiff = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

describe('backprop-lab train', () => {
  it('trains, prints a progress line per iteration and records the run', async () => {
    const db = join(dir, 'train.db');
    const r = await run(['train', '--iterations', '5', ...split(300, 100, 100), '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.runId).toBe(1);
    expect(out.status).toBe('finished');
    expect(out.hyperparameters).toMatchObject({ hiddenLayers: [25], lambda: 1, optimizer: 'cg', iterations: 5 });
    expect(out.costHistory).toHaveLength(5);
    // fmincg never accepts a step that raises J.
    for (let i = 1; i < 5; i++) expect(out.costHistory[i]).toBeLessThanOrEqual(out.costHistory[i - 1]);
    expect(out.costHistory[0]).toBeLessThan(out.initialCost);
    expect(out.finalCost).toBe(out.costHistory[4]);
    for (const k of ['trainAccuracy', 'validationAccuracy', 'testAccuracy']) {
      expect(out[k]).toBeGreaterThan(0.1);
      expect(out[k]).toBeLessThanOrEqual(1);
    }
    expect(out.seconds).toBeGreaterThan(0);
    expect(out.weights.sizes).toEqual([784, 25, 10]);
    expect(out.weights.thetas[0]).toHaveLength(25);
    expect(out.weights.thetas[0][0]).toHaveLength(785);
    expect(r.stderr.match(/^iteration +\d+ \| cost \d+\.\d{6} \| \d+\.\d\d s$/gm)).toHaveLength(6);

    const list = await run(['runs', 'list', '--db', db, '--json']);
    expect(JSON.parse(list.stdout).map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [1, 'finished'],
    ]);
  });

  it('gives the same cost history with loop, vectorized and fast to 1e-9 over 10 iterations', async () => {
    const histories: number[][] = [];
    for (const impl of ['loop', 'vectorized', 'fast']) {
      const r = await run([
        'train',
        '--impl',
        impl,
        '--iterations',
        '10',
        ...split(200, 0, 50),
        '--db',
        join(dir, 'impl.db'),
        '--json',
      ]);
      expect(r.code, r.stderr).toBe(0);
      histories.push(JSON.parse(r.stdout).costHistory);
    }
    expect(histories[0]).toHaveLength(10);
    for (const h of histories.slice(1)) h.forEach((c, i) => expect(relDiff(c, histories[0][i])).toBeLessThan(1e-9));
  });

  it('writes the weights to --out in the --init-file format, and training can start from them', async () => {
    const db = join(dir, 'out.db');
    const file = join(dir, 'weights.json');
    const first = await run(['train', '--iterations', '2', ...split(100, 0, 50), '--db', db, '--out', file, '--json']);
    expect(first.code, first.stderr).toBe(0);
    const firstOut = JSON.parse(first.stdout);
    expect(firstOut.weightsFile).toBe(file);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.sizes).toEqual([784, 25, 10]);
    const second = await run([
      'train',
      '--iterations',
      '1',
      ...split(100, 0, 50),
      '--db',
      db,
      '--init-file',
      file,
      '--json',
    ]);
    expect(second.code, second.stderr).toBe(0);
    const secondOut = JSON.parse(second.stdout);
    expect(secondOut.hyperparameters.init).toBe('file');
    // Starting from the first run's final Θ, the second starts where the first ended.
    expect(relDiff(secondOut.initialCost, firstOut.finalCost)).toBeLessThan(1e-12);
  });

  it.each([
    [['--lambda', '-1'], "--lambda: expected a number ≥ 0 and ≤ 1000000, got '-1'"],
    [['--hidden', '0'], "--hidden: expected a whole number ≥ 1 and ≤ 4096, got '0'"],
    [['--optimizer', 'adam'], "--optimizer: expected one of cg, lbfgs, sgd, got 'adam'"],
    [['--iterations', 'NaN'], "--iterations: expected a whole number ≥ 1 and ≤ 100000, got 'NaN'"],
    [['--data', '/no/such/digits.csv'], '/no/such/digits.csv'],
  ])('%j exits non-zero with one line naming the problem', async (args, message) => {
    const r = await run(['train', ...args, '--db', join(dir, 'bad.db')]);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(message);
  });
});

describe('backprop-lab train --test-data handwriting', () => {
  it('tests on the digits saved from the drawing pad, read from the database', async () => {
    const db = join(dir, 'handwriting.db');
    const { loadBundledDigits } = await import('../data/mnist');
    const { openStore } = await import('../store/open');
    const digits = loadBundledDigits();
    const store = openStore(db);
    // Four real digits stand in for drawings: rows 0 and 1 of the bundled data (all 0s come first), then two 1s.
    for (const row of [0, 1, 1001, 1002]) {
      const pixels = Uint8Array.from(digits.X.subarray(row * 784, (row + 1) * 784), (v) => Math.round(v * 255));
      store.saveHandwriting({ label: digits.y[row], width: 28, height: 28, pixels });
    }
    store.close();
    const r = await run([
      'train',
      '--iterations',
      '20',
      '--train-size',
      '1000',
      '--validation-size',
      '0',
      '--test-data',
      'handwriting',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.dataset).toMatchObject({ testSource: 'handwriting', testSize: 4 });
    expect(out.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(4);
    expect([0, 0.25, 0.5, 0.75, 1]).toContain(out.testAccuracy);
  });

  it('refuses while no drawing is saved', async () => {
    const r = await run([
      'train',
      '--iterations',
      '1',
      '--test-data',
      'handwriting',
      '--db',
      join(dir, 'no-drawings.db'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('no handwriting samples are saved yet');
  });
});

describe('backprop-lab gradcheck', () => {
  it.each([
    [0, 2.1009505699024653],
    [3, 2.1463598150243586],
  ])("passes on Ng's debug network with λ = %d", async (lambda, cost) => {
    const r = await run(['gradcheck', '--lambda', String(lambda), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.network).toEqual([3, 5, 3]);
    expect(out.cost).toBeCloseTo(cost, 14);
    expect(out.relativeDifference).toBeLessThan(1e-9);
    expect(out.passed).toBe(true);
    expect(out.numeric).toHaveLength(38);
  });

  it('refuses an extra argument as a usage error (exit 2), like the other commands', async () => {
    const r = await run(['gradcheck', 'extra']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("backprop-lab: gradcheck: unexpected argument 'extra'\n");
  });

  it.each(
    ['cross-entropy', 'quadratic'].flatMap((cost) =>
      ['sigmoid', 'tanh', 'relu'].flatMap((activation) => [0, 3].map((lambda) => [cost, activation, lambda] as const)),
    ),
  )('--cost %s --activation %s, λ = %d: passes below 1e-9', async (cost, activation, lambda) => {
    const args = ['--cost', cost, '--activation', activation, '--lambda', String(lambda)];
    const r = await run(['gradcheck', ...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.model).toEqual({ cost, activation });
    expect(out.relativeDifference).toBeLessThan(1e-9);
    expect(out.passed).toBe(true);
  });

  it('the quadratic cost with sigmoid units at λ = 0 has numpy’s J (nn/model-literals.test.ts)', async () => {
    const r = await run(['gradcheck', '--cost', 'quadratic', '--activation', 'sigmoid', '--json']);
    expect(JSON.parse(r.stdout).cost).toBeCloseTo(0.3803757909491572, 14);
  });

  it.each([
    [['--cost', 'l1'], "backprop-lab: --cost: expected one of cross-entropy, quadratic, got 'l1'\n"],
    [['--activation', 'gelu'], "backprop-lab: --activation: expected one of sigmoid, tanh, relu, got 'gelu'\n"],
  ])('%j is a usage error', async (args, stderr) => {
    const r = await run(['gradcheck', ...args]);
    expect([r.code, r.stderr]).toEqual([2, stderr]);
  });

  it('checks the fast implementation with ReLU units too (every implementation computes every model)', async () => {
    const r = await run(['gradcheck', '--impl', 'fast', '--activation', 'relu', '--cost', 'quadratic', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.impl, out.model]).toEqual(['fast', { cost: 'quadratic', activation: 'relu' }]);
    expect(out.relativeDifference).toBeLessThan(1e-9);
  });

  it('prints the comparison for people', async () => {
    const r = await run(['gradcheck']);
    expect(r.stdout).toContain(
      "Gradient check on Ng's debug network 3-5-3, m = 5, λ = 0, loop implementation, cross-entropy cost, sigmoid hidden units",
    );
    expect(r.stdout).toMatch(/relative difference +\d\.\d{3}e-\d+ \(passes: must be below 1e-9\)/);
  });
});

describe('backprop-lab runs', () => {
  it('shows, renames, exports, imports and deletes runs', async () => {
    const db = join(dir, 'runs.db');
    expect((await run(['runs', 'list', '--db', db])).stdout).toContain('no runs yet');
    const t = await run(['train', '--iterations', '2', ...split(100, 0, 50), '--db', db, '--name', 'first']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/^run 1 finished/);

    const show = await run(['runs', 'show', '1', '--db', db]);
    expect(show.stdout).toContain('run 1: first — finished');
    expect(show.stdout).toContain('network      784-25-10 (28×28 inputs)');
    expect(show.stdout).toContain('confusion (rows: true digit, columns: predicted)');

    expect((await run(['runs', 'rename', '1', 'renamed', '--db', db])).stdout).toBe("run 1 is now named 'renamed'\n");
    const folder = join(dir, 'export-1');
    expect((await run(['runs', 'export', '1', folder, '--db', db])).code).toBe(0);
    expect(existsSync(join(folder, 'weights.json'))).toBe(true);
    const imp = await run(['runs', 'import', folder, '--db', db, '--json']);
    expect(JSON.parse(imp.stdout).id).toBe(2);
    const [a, b] = await Promise.all([
      run(['runs', 'show', '1', '--db', db, '--json']),
      run(['runs', 'show', '2', '--db', db, '--json']),
    ]);
    const ra = JSON.parse(a.stdout);
    const rb = JSON.parse(b.stdout);
    expect(rb.name).toBe('renamed');
    expect(rb.metrics).toEqual(ra.metrics);
    expect(rb.confusion).toEqual(ra.confusion);
    // Training health, one entry per snapshot (start and 2 CG iterations), layers numbered 2 (hidden) and 3.
    expect(ra.health.map((h: { iteration: number }) => h.iteration)).toEqual([0, 1, 2]);
    for (const h of ra.health) {
      expect(h.layers.map((l: { layer: number }) => l.layer)).toEqual([2, 3]);
      expect(Object.keys(h.layers[0])).toEqual([
        'layer',
        'gradientNorm',
        'biasGradientNorm',
        'updateRatio',
        'saturatedFraction',
        'weights',
        'activations',
        'deltas',
      ]);
    }
    expect(ra.health[0].layers[0].updateRatio).toBeNull();
    expect(ra.health[2].layers[0].updateRatio).toBeGreaterThan(0);
    expect(ra.health[0].layers[1].gradientNorm).toBeGreaterThan(0);

    expect((await run(['runs', 'delete', '1', '--db', db])).stdout).toBe('run 1 deleted\n');
    const gone = await run(['runs', 'show', '1', '--db', db]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toBe('backprop-lab: run 1 does not exist\n');
    expect((await run(['runs', 'frobnicate', '--db', db])).stderr).toContain("runs: unknown action 'frobnicate'");
  });

  it('uses $BACKPROP_LAB_DB when --db is not given', async () => {
    const env = join(dir, 'from-env.db');
    const r = await run(['runs', 'list', '--json'], { BACKPROP_LAB_DB: env });
    expect(r.stdout.trim()).toBe('[]');
    expect(existsSync(env)).toBe(true);
  });
});
