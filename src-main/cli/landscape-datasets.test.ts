/**
 * `backprop-lab landscape` beyond the bundled digits, as a user runs it: the built CLI in real Node
 * processes on runs trained by the CLI on a feature table with a validation split (iris: 4 standardized
 * inputs, 3 classes, two seeds), a table without one (wine: 13 inputs, 3 classes) and Fashion-MNIST IDX
 * photos (Debian's dataset-fashion-mnist; skipped with a note where it is not installed). Expected numbers
 * are the runs' own records: J at Θ₀ (the first point of the cost history) and the final J.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { openStore } from '../store/open';

const TABLES = join(__dirname, '..', 'data', 'testing');
const FASHION = '/usr/share/datasets/fashion-mnist';
const FASHION_IMAGES = join(FASHION, 'train-images-idx3-ubyte.gz');
const FASHION_LABELS = join(FASHION, 'train-labels-idx1-ubyte.gz');

let cli: string;
let db: string;

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) =>
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

async function json(args: string[]) {
  const r = await run(['landscape', ...args, '--db', db, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

function recorded(runId: number): { first: number; final: number } {
  const store = openStore(db);
  try {
    return { first: store.getHistories([runId])[0].cost[0], final: store.getRun(runId).metrics!.finalCost };
  } finally {
    store.close();
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

const IRIS = ['--data', join(TABLES, 'iris.csv'), '--label-column', 'species', '--standardize', '--hidden', '5'];
const IRIS_SPLIT = ['--train-size', '90', '--validation-size', '30', '--test-size', '30', '--iterations', '30'];
const WINE = ['--data', join(TABLES, 'wine.csv'), '--label-column', 'cultivar', '--standardize', '--hidden', '8'];
const WINE_SPLIT = ['--train-size', '140', '--validation-size', '0', '--test-size', '38', '--iterations', '30'];
const runs = { irisA: 1, irisB: 2, wine: 3 };

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  db = join(mkdtempSync(join(tmpdir(), 'bpl-landscape-data-')), 'runs.db');
  for (const args of [
    [...IRIS, ...IRIS_SPLIT, '--seed', '1'],
    [...IRIS, ...IRIS_SPLIT, '--seed', '2'],
    [...WINE, ...WINE_SPLIT, '--seed', '1'],
  ]) {
    const r = await run(['train', ...args, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

describe('a feature table with a validation split (iris: 4 inputs, 3 classes)', () => {
  it('the line from Θ₀ to Θ*: ends at the recorded J, a validation J at every α', async () => {
    const line = await json(['--run', String(runs.irisA), '--range', '-0.5,1.5', '--points', '9']);
    expect(line).toMatchObject({ m: 90, validationM: 30, lambda: 1, barrier: null });
    expect(line.alphas).toEqual([-0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]);
    const { first, final } = recorded(runs.irisA);
    expect(relative(line.cost[2], first)).toBeLessThan(1e-9);
    expect(relative(line.cost[6], final)).toBeLessThan(1e-9);
    expect(line.validationCost).toHaveLength(9);
    expect(line.validationCost.every((v: number) => Number.isFinite(v) && v > 0)).toBe(true);
  });

  it('between two seeds after matching units: a permutation of units 1…5, the same J at α = 1', async () => {
    const line = await json(['--run', String(runs.irisA), '--to', String(runs.irisB), '--align', '--points', '11']);
    expect([...line.permutation[0]].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(relative(line.cost[0], recorded(runs.irisA).final)).toBeLessThan(1e-9);
    expect(relative(line.cost[10], recorded(runs.irisB).final)).toBeLessThan(1e-9);
    expect(relative(line.alignedCost[10], recorded(runs.irisB).final)).toBeLessThan(1e-9);
    // The barrier is the highest J on the line minus the ends' mean, from the numbers printed.
    const ends = (line.cost[0] + line.cost[10]) / 2;
    expect(line.barrier).toBeCloseTo(Math.max(...line.cost) - ends, 12);
    expect(line.alignedBarrier).toBeCloseTo(Math.max(...line.alignedCost) - ends, 12);
  });

  it('the random plane and the path plane are centred on the final J', async () => {
    const plane = await json(['--run', String(runs.irisA), '--plane', '--grid', '5']);
    expect(plane.cost.map((row: number[]) => row.length)).toEqual([5, 5, 5, 5, 5]);
    expect(relative(plane.cost[2][2], recorded(runs.irisA).final)).toBeLessThan(1e-9);
    expect(plane.sharpness.meanRise).toBeGreaterThan(0);
    const path = await json(['--run', String(runs.irisA), '--path', '--grid', '5']);
    expect(path.path[0].iteration).toBe(0);
    expect(path.path.at(-1)).toMatchObject({ x: 0, y: 0 });
    expect(path.cost.flat().every(Number.isFinite)).toBe(true);
  });
});

describe('a feature table without a validation split (wine: 13 inputs, 3 classes)', () => {
  it('the line has no validation J and ends at the recorded J; the plane is centred on the final J', async () => {
    const line = await json(['--run', String(runs.wine), '--points', '5']);
    expect(line).toMatchObject({ m: 140, validationM: 0, validationCost: null });
    const { first, final } = recorded(runs.wine);
    expect(relative(line.cost[0], first)).toBeLessThan(1e-9);
    expect(relative(line.cost[4], final)).toBeLessThan(1e-9);
    const plane = await json(['--run', String(runs.wine), '--plane', '--grid', '5']);
    expect(relative(plane.cost[2][2], final)).toBeLessThan(1e-9);
  });

  it('a run on other data is refused as the end of a line, naming both runs', async () => {
    const r = await run(['landscape', '--run', String(runs.irisA), '--to', String(runs.wine), '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^backprop-lab: .*${runs.irisA}.*${runs.wine}.*\\n$`));
  });
});

describe.runIf(existsSync(FASHION_IMAGES) && existsSync(FASHION_LABELS))(
  'Fashion-MNIST IDX photos (skipped where Debian’s dataset-fashion-mnist is not installed)',
  () => {
    it('line, plane and path on a 784-8-10 run of 300 photos with a validation split', async () => {
      const args = ['--data', FASHION_IMAGES, '--labels', FASHION_LABELS, '--hidden', '8', '--iterations', '10'];
      const split = ['--train-size', '300', '--validation-size', '100', '--test-size', '100'];
      const trained = await run(['train', ...args, ...split, '--seed', '1', '--db', db]);
      expect(trained.code, trained.stderr).toBe(0);
      const id = String(runs.wine + 1);
      const line = await json(['--run', id, '--points', '5']);
      expect(line).toMatchObject({ m: 300, validationM: 100 });
      const { first, final } = recorded(runs.wine + 1);
      expect(relative(line.cost[0], first)).toBeLessThan(1e-9);
      expect(relative(line.cost[4], final)).toBeLessThan(1e-9);
      expect(line.validationCost).toHaveLength(5);
      const plane = await json(['--run', id, '--plane', '--grid', '5']);
      expect(relative(plane.cost[2][2], final)).toBeLessThan(1e-9);
      const path = await json(['--run', id, '--path', '--grid', '5']);
      expect(path.path.at(-1)).toMatchObject({ x: 0, y: 0, iteration: 10 });
    }, 60_000);
  },
);
