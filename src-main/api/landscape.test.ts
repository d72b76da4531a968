import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { matchHiddenUnits, permuteHiddenUnits } from '../landscape/matching';
import { predict } from '../nn/predict';
import { createVectorizedCost } from '../nn/vectorized';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { landscapeInCallingThread, threadLandscape } from './threads/landscape-runner';
import type { LandscapeLineJson } from './landscape-schemas';
import { openTestApi, type TestApi } from './testing/test-api';

// The cost surface on real runs: two seeds of 784-10-10 trained by the built worker in child processes
// into a temp SQLite file, on 200 bundled digits (each run takes about a second).
let t: TestApi;
let workerPath: string;
let runA: number;
let runB: number;

const TINY = { trainSize: 200, validationSize: 100, testSize: 100, dataSeed: 1 };
const SETTINGS = { hiddenLayers: [10], iterations: 20, lambda: 1 };

async function allDone(ids: number[], timeoutMs = 90_000): Promise<void> {
  const done = () => ids.every((id) => t.events.some((e) => e.name === 'run.done' && e.payload.runId === id));
  for (const start = Date.now(); !done(); await new Promise((r) => setTimeout(r, 25))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for runs ${ids.join(', ')}`);
  }
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

beforeAll(async () => {
  workerPath = await ensureBuiltWorker();
  t = openTestApi('api-landscape-', { workerPath, concurrency: 2 });
  const { ids } = await t.value('training.start', [{ hyperparameters: SETTINGS, dataset: TINY, count: 2 }]);
  [runA, runB] = ids;
  await allDone(ids);
}, 180_000);

afterAll(() => t?.close());

describe('landscape.line', () => {
  it('from Θ₀ to Θ*: the ends are J(Θ₀) and the final J the run recorded, to 1e-9 relative', async () => {
    const line = (await t.value('landscape.line', [{ runId: runA }]))!;
    const [history] = t.store.getHistories([runA]);
    const run = t.store.getRun(runA);
    expect(line.alphas).toHaveLength(51);
    expect(line.alphas[0]).toBe(0);
    expect(line.alphas[50]).toBe(1);
    expect(line.alphas[25]).toBe(0.5);
    expect(relative(line.cost[0], history.cost[0])).toBeLessThan(1e-9);
    expect(relative(line.cost[50], run.metrics!.finalCost)).toBeLessThan(1e-9);
    expect(relative(line.a.cost, history.cost[0])).toBeLessThan(1e-9);
    expect(line.a).toMatchObject({ runId: runA, weights: 'initial' });
    expect(line.b).toMatchObject({ runId: runA, weights: 'final' });
    expect(line).toMatchObject({
      toRunId: null,
      lambda: 1,
      m: 200,
      validationM: 100,
      barrier: null,
      permutation: null,
    });
    // Validation J at Θ* is the J_cv the last snapshot recorded (both without λ).
    const lastSnapshot = run.snapshots[run.snapshots.length - 1];
    expect(relative(line.validationCost![50], lastSnapshot.validationCost!)).toBeLessThan(1e-9);
  });

  it('extends past the ends with range and points', async () => {
    const line = (await t.value('landscape.line', [{ runId: runA, points: 5, range: [-0.5, 1.5] }]))!;
    expect(line.alphas).toEqual([-0.5, 0, 0.5, 1, 1.5]);
    expect(line.cost).toHaveLength(5);
  });

  it('between two seeds: the barrier, and after matching units the same J at the end and a permutation of 1…10', async () => {
    const line = (await t.value('landscape.line', [{ runId: runA, toRunId: runB, align: true, points: 21 }]))!;
    const b = t.store.getRun(runB);
    expect(relative(line.cost[20], b.metrics!.finalCost)).toBeLessThan(1e-9);
    expect(line.barrier).toBeCloseTo(Math.max(...line.cost) - (line.cost[0] + line.cost[20]) / 2, 12);
    expect(line.permutation).toHaveLength(1);
    expect([...line.permutation![0]].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    // The reordered network is the same function: its J differs only by the order of sums.
    expect(relative(line.alignedCost![20], line.cost[20])).toBeLessThan(1e-12);
    expect(line.alignedCost![0]).toBe(line.cost[0]);
    expect(line.barrierRemoved).toBeCloseTo((line.barrier! - line.alignedBarrier!) / line.barrier!, 12);
  });

  it("every point equals numpy's evaluation of Ng's J at (1 − α)Θ_A + αΘ_B, to 1e-9 relative", async (ctx) => {
    const python = '/usr/bin/python3';
    const hasNumpy = (() => {
      try {
        execFileSync(python, ['-c', 'import numpy']);
        return true;
      } catch {
        return false;
      }
    })();
    if (!hasNumpy) {
      ctx.skip(); // note: /usr/bin/python3 with numpy is needed for the independent evaluation
      return;
    }
    const line = (await t.value('landscape.line', [{ runId: runA, toRunId: runB, points: 11, range: [-0.5, 1.5] }]))!;
    const numpy = numpyLine(line, t.store.getWeights(runA).theta, t.store.getWeights(runB).theta);
    line.cost.forEach((c, i) => expect(relative(c, numpy[i])).toBeLessThan(1e-9));
  });
});

/** Ng's J by numpy over the run's training set (rebuilt as training did), at each α of the line. */
function numpyLine(line: LandscapeLineJson, thetaA: Float64Array, thetaB: Float64Array): number[] {
  const split = loadDataSplit({ source: 'mnist', ...TINY });
  const dir = fs.mkdtempSync(path.join(t.dir, 'numpy-'));
  fs.writeFileSync(
    path.join(dir, 'X.bin'),
    Buffer.from(split.train.X.buffer, split.train.X.byteOffset, split.train.X.byteLength),
  );
  fs.writeFileSync(path.join(dir, 'y.bin'), Buffer.from(split.train.y));
  fs.writeFileSync(path.join(dir, 'a.bin'), Buffer.from(thetaA.buffer, thetaA.byteOffset, thetaA.byteLength));
  fs.writeFileSync(path.join(dir, 'b.bin'), Buffer.from(thetaB.buffer, thetaB.byteOffset, thetaB.byteLength));
  const script = `
import numpy as np, json, sys
d = sys.argv[1]
X = np.fromfile(d + '/X.bin', dtype='<f8').reshape(-1, 784)
y = np.fromfile(d + '/y.bin', dtype=np.uint8)
A = np.fromfile(d + '/a.bin', dtype='<f8'); B = np.fromfile(d + '/b.bin', dtype='<f8')
m = X.shape[0]; lam = ${line.lambda}
Y = np.eye(10)[y]
g = lambda z: 1 / (1 + np.exp(-z))
out = []
for alpha in json.loads(sys.argv[2]):
    t = (1 - alpha) * A + alpha * B
    T1 = t[:10 * 785].reshape(10, 785); T2 = t[10 * 785:].reshape(10, 11)
    a2 = g(np.c_[np.ones(m), X] @ T1.T)
    h = g(np.c_[np.ones(m), a2] @ T2.T)
    J = np.sum(-Y * np.log(h) - (1 - Y) * np.log(1 - h)) / m
    J += lam / (2 * m) * (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2))
    out.append(J)
print(json.dumps(out))
`;
  const stdout = execFileSync('/usr/bin/python3', ['-c', script, dir, JSON.stringify(line.alphas)], {
    encoding: 'utf8',
  });
  return JSON.parse(stdout) as number[];
}

describe('matching hidden units', () => {
  it("the reordered network's J equals the original's to 1e-12 relative and its predictions are identical", () => {
    const { sizes, theta: thetaA } = t.store.getWeights(runA);
    const thetaB = t.store.getWeights(runB).theta;
    const permutation = matchHiddenUnits(sizes, thetaA, thetaB);
    const reordered = permuteHiddenUnits(sizes, thetaB, permutation);
    expect([...permutation[0]]).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const { train } = loadDataSplit({ source: 'mnist', ...TINY });
    const f = createVectorizedCost(sizes, train, 1);
    const grad = new Float64Array(thetaB.length);
    const original = f.evaluate(thetaB, grad);
    expect(relative(f.evaluate(reordered, grad), original)).toBeLessThan(1e-12);
    expect(predict(reordered, sizes, train.X, train.m)).toEqual(predict(thetaB, sizes, train.X, train.m));
  });
});

describe('landscape.plane and landscape.path', () => {
  it("a 5 × 5 plane around Θ*: its centre is the run's final J, and progress is reported", async () => {
    const before = t.events.length;
    const plane = (await t.value('landscape.plane', [{ runId: runA, grid: 5, span: 0.5, seed: 3, requestId: 'p1' }]))!;
    expect(plane.x).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(plane.y).toEqual(plane.x);
    expect(plane.cost).toHaveLength(5);
    expect(relative(plane.centerCost, t.store.getRun(runA).metrics!.finalCost)).toBeLessThan(1e-9);
    expect(plane.cost[2][2]).toBe(plane.centerCost);
    expect(plane.sharpness.radius).toBe(0.25);
    expect(plane.sharpness.meanRise).toBeGreaterThan(0);
    const progress = t.events.slice(before).filter((e) => e.name === 'landscape.progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[progress.length - 1].payload).toMatchObject({
      requestId: 'p1',
      kind: 'plane',
      runId: runA,
      done: 42,
      total: 42,
    });
  });

  it('the path plane: Θ₀ first, Θ* at (0, 0), the first direction explaining the most', async () => {
    const snapshots = t.store.getSnapshotThetas(runA);
    expect(snapshots.length).toBe(t.store.getRun(runA).snapshots.length);
    expect(snapshots[0].theta.length).toBe(785 * 10 + 11 * 10);
    const plane = (await t.value('landscape.path', [{ runId: runA, grid: 5 }]))!;
    expect(plane.path).toHaveLength(snapshots.length);
    expect(plane.path[0].iteration).toBe(0);
    expect(plane.path[plane.path.length - 1]).toEqual({ x: 0, y: 0, iteration: 20 });
    expect(plane.explained[0]).toBeGreaterThanOrEqual(plane.explained[1]);
    expect(plane.explained[0] + plane.explained[1]).toBeLessThanOrEqual(1 + 1e-12);
    expect(plane.cost).toHaveLength(5);
  });
});

describe('landscape.barriers and cancelling', () => {
  it('a 2-run barrier matrix: 0 on the diagonal, before[0][1] the line barrier', async () => {
    const m = (await t.value('landscape.barriers', [{ runIds: [runA, runB], points: 21 }]))!;
    const line = (await t.value('landscape.line', [{ runId: runA, toRunId: runB, align: true, points: 21 }]))!;
    expect(m.before[0][0]).toBe(0);
    expect(m.before[0][1]).toBeCloseTo(line.barrier!, 12);
    expect(m.after[0][1]).toBeCloseTo(line.alignedBarrier!, 12);
  });

  it('a cancelled plane in the landscape thread answers null, and the thread then computes the next job', async () => {
    const runner = threadLandscape(path.join(path.dirname(workerPath), 'landscape.js'), 2);
    const { run, weights } = { run: t.store.getRun(runA), weights: t.store.getWeights(runA) };
    const job = {
      kind: 'plane' as const,
      runId: runA,
      dataset: run.dataset,
      lambda: 1,
      sizes: weights.sizes,
      theta: weights.theta,
      grid: 81,
      span: 1,
      seed: 1,
    };
    let heard = 0;
    const pending = runner.run(job, 'big', () => {
      heard++;
      runner.cancel('big');
    });
    expect(await pending).toBeNull();
    expect(heard).toBeGreaterThan(0);
    // Split over the threads' rows and joined, the plane is the one the calling thread computes.
    const small = await runner.run({ ...job, grid: 5 }, null, () => {});
    const alone = await landscapeInCallingThread().run({ ...job, grid: 5 }, null, () => {});
    expect(small?.kind).toBe('plane');
    if (small?.kind !== 'plane' || alone?.kind !== 'plane') throw new Error('expected planes');
    expect(small.plane.cost).toEqual(alone.plane.cost);
    expect(small.plane.sharpness).toEqual(alone.plane.sharpness);
    expect(runner.cancel('big')).toBe(false);
  });

  it('refuses a run without weights and two runs of different shapes, naming them', async () => {
    const { ids } = await t.value('training.start', [
      { hyperparameters: { hiddenLayers: [4], iterations: 2 }, dataset: TINY },
    ]);
    await allDone(ids);
    const e = await t.failure('landscape.line', [{ runId: runA, toRunId: ids[0] }]);
    expect(e.message).toBe(
      `landscape.line: run ${runA} is 784-10-10 but run ${ids[0]} is 784-4-10: a line needs two networks of one shape`,
    );
    expect((await t.failure('landscape.line', [{ runId: runA, align: true }])).message).toMatch(/align needs toRunId/);
  });
});
