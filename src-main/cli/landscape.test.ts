/**
 * `backprop-lab landscape` as a user runs it: the built CLI in real Node processes on a real database
 * holding two seeds trained by real worker processes. Expected numbers come from the same handlers run
 * in this process on the same file, and from the runs' own records.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { openStore } from '../store/open';

let cli: string;
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

const SPLIT = ['--train-size', '200', '--validation-size', '50', '--test-size', '50'];

beforeAll(async () => {
  cli = join(dirname(await ensureBuiltWorker()), 'cli.js');
  db = join(mkdtempSync(join(tmpdir(), 'bpl-landscape-')), 'runs.db');
  for (const seed of ['1', '2']) {
    const r = await run(['train', '--hidden', '6', '--iterations', '8', '--seed', seed, ...SPLIT, '--db', db]);
    expect(r.code, r.stderr).toBe(0);
  }
}, 120_000);

function recorded(runId: number): { first: number; final: number } {
  const store = openStore(db);
  try {
    return { first: store.getHistories([runId])[0].cost[0], final: store.getRun(runId).metrics!.finalCost };
  } finally {
    store.close();
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('backprop-lab landscape --json', () => {
  it('a line from Θ₀ to Θ*: alphas, cost, validationCost, barrier null; the ends are the recorded J', async () => {
    const r = await run(['landscape', '--run', '1', '--points', '5', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout);
    expect(line.alphas).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(line.validationCost).toHaveLength(5);
    expect(line.barrier).toBeNull();
    expect(line.permutation).toBeNull();
    const { first, final } = recorded(1);
    expect(relative(line.cost[0], first)).toBeLessThan(1e-9);
    expect(relative(line.cost[4], final)).toBeLessThan(1e-9);
  });

  it('--to --align: the barrier, a permutation of units 1…6 and alignedCost ending at run 2’s J', async () => {
    const r = await run([
      'landscape',
      '--run',
      '1',
      '--to',
      '2',
      '--align',
      '--range',
      '-0.5,1.5',
      '--points',
      '9',
      '--db',
      db,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const line = JSON.parse(r.stdout);
    expect(line.alphas).toEqual([-0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5]);
    expect(line.permutation).toHaveLength(1);
    expect([...line.permutation[0]].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(relative(line.alignedCost[6], recorded(2).final)).toBeLessThan(1e-9);
    expect(relative(line.cost[6], recorded(2).final)).toBeLessThan(1e-9);
    expect(typeof line.barrier).toBe('number');
  });

  it('--plane and --path print x, y, cost (rows of J) and path', async () => {
    const plane = JSON.parse(
      (await run(['landscape', '--run', '1', '--plane', '--grid', '5', '--seed', '7', '--db', db, '--json'])).stdout,
    );
    expect(plane.x).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(plane.cost).toHaveLength(5);
    expect(plane.cost[0]).toHaveLength(5);
    expect(relative(plane.cost[2][2], recorded(1).final)).toBeLessThan(1e-9);
    const path = JSON.parse(
      (await run(['landscape', '--run', '1', '--path', '--grid', '5', '--db', db, '--json'])).stdout,
    );
    expect(path.path[0].iteration).toBe(0);
    expect(path.path[path.path.length - 1]).toEqual({ x: 0, y: 0, iteration: 8 });
    expect(path.x).toHaveLength(5);
  });
});

describe('backprop-lab landscape for people, and its usage errors', () => {
  it('prints a table and the barrier', async () => {
    const r = await run(['landscape', '--run', '1', '--to', '2', '--align', '--points', '3', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^J along the line run 1 \(α = 0\) → run 2 \(α = 1\), λ = 1, m = 200\n/);
    expect(r.stdout).toMatch(/\nbarrier: -?\d+\.\d{6} \(highest J/);
    expect(r.stdout).toMatch(/\nbarrier after matching units: /);
  });

  it.each([
    [['--plane', '--path'], 'backprop-lab: landscape: choose --plane or --path, not both\n'],
    [['--range', '1,0'], 'backprop-lab: --range: range must go up: 1 is not below 0\n'],
    [['--range', 'a,b'], "backprop-lab: --range: expected two numbers A,B (e.g. -0.5,1.5), got 'a,b'\n"],
    [['--align'], 'backprop-lab: --align: align needs toRunId: units are matched between two runs\n'],
    [['--plane', '--points', '5'], 'backprop-lab: landscape: --points draws a line; it does not go with --plane\n'],
    [['--grid', '5'], 'backprop-lab: landscape: --grid needs --plane or --path\n'],
  ])('%j is a usage error (exit 2, one line)', async (extra, message) => {
    const r = await run(['landscape', '--run', '1', ...extra, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it('names a run that does not exist', async () => {
    const r = await run(['landscape', '--run', '99', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^backprop-lab: --run: .*99.*\n$/);
  });
});
