/**
 * The course's MAT-files in and out of the lab, through the built CLI in real processes and checked by
 * Octave (and scipy): `cost` prints what Ng's nnCostFunction computes; `train --data ex4data1.mat
 * --init-file ex4weights.mat` starts from those very weights; `runs export` writes weights.mat,
 * initial-weights.mat and data.mat on which Octave's own cost function prints the lab's J.
 *
 * The course's ex4data1.mat and ex4weights.mat are not on this machine (the course says J = 0.287629
 * at λ = 0, 0.383770 at λ = 1, 0.576051 at λ = 3 for them): Octave writes a stand-in pair of the same
 * shapes and conventions (testing.ts), and the lab's J is pinned to Octave's on it.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMat } from '../data/mat/write';
import {
  OCTAVE,
  OCTAVE_COURSE_FILES,
  OCTAVE_NN_COST,
  SCIPY_PYTHON,
  noteSkip,
  runOctave,
  runPython,
} from '../data/mat/testing';
import { ensureBuiltWorker } from '../training/testing/build-worker';

let cli: string;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-course-'));
const db = path.join(dir, 'lab.db');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: dir, maxBuffer: 64 << 20 }, (e, stdout, stderr) =>
      resolve({ code: e ? (e.code as number) : 0, stdout, stderr }),
    );
  });
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

beforeAll(async () => {
  cli = path.join(path.dirname(await ensureBuiltWorker()), 'cli.js');
  fs.writeFileSync(path.join(dir, 'nnCost.m'), OCTAVE_NN_COST);
  if (OCTAVE) runOctave(OCTAVE_COURSE_FILES, dir);
}, 120_000);

noteSkip(OCTAVE, 'the course files tests that Octave writes and checks (octave)');
noteSkip(SCIPY_PYTHON, 'scipy.io.loadmat on an export (python3-scipy)');

describe.runIf(OCTAVE)('the course files, with Octave', { timeout: 240_000 }, () => {
  it("cost prints the J of Ng's nnCostFunction in Octave, to 1e-12, and the accuracy", async () => {
    const octave = runOctave(
      `load ex4data1.mat; load ex4weights.mat;
for lambda = [0 1 3] printf('%.17g\\n', nnCost(Theta1, Theta2, X, y, lambda)); end
[~, p] = max([ones(5000, 1) 1 ./ (1 + exp(-[ones(5000, 1) X] * Theta1'))] * Theta2', [], 2); printf('%.17g\\n', mean(p == y));`,
      dir,
    )
      .trim()
      .split('\n')
      .map(Number);
    // The stand-in pair's J as Octave 7.3 computed it when this test was written.
    expect(octave[0]).toBeCloseTo(0.68392362646356952, 12);
    expect(octave[1]).toBeCloseTo(0.79440864634602171, 12);
    expect(octave[2]).toBeCloseTo(1.0153786861109262, 12);
    expect(octave[3]).toBe(0.9884);
    for (const [i, lambda] of [0, 1, 3].entries()) {
      const r = await run([
        'cost',
        '--data',
        'ex4data1.mat',
        '--weights',
        'ex4weights.mat',
        '--lambda',
        String(lambda),
        '--json',
      ]);
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout);
      expect(relative(out.cost, octave[i])).toBeLessThan(1e-12);
      expect(out.accuracy).toBe(octave[3]);
      expect(out.sizes).toEqual([400, 25, 10]);
      expect(out.classNames).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '0']);
    }
    const text = await run(['cost', '--data', 'ex4data1.mat', '--weights', 'ex4weights.mat']);
    expect(text.stdout.split('\n')[1]).toBe('accuracy 98.84% (4942 of 5000); y = 10 is the digit 0, shown as 0');
  });

  it('trains from ex4weights.mat on ex4data1.mat; the export loads in Octave, whose J is the lab’s', async () => {
    const trained = await run([
      'train',
      '--data',
      'ex4data1.mat',
      '--init-file',
      'ex4weights.mat',
      '--iterations',
      '3',
      '--db',
      db,
      '--json',
    ]);
    expect(trained.code).toBe(0);
    expect(trained.stderr).toContain(
      "MAT-file: X 5000×400 (20×20 images stored column-major as Octave's reshape reads them), y 5000×1 with classes 1…10; y = 10 is the digit 0, shown as 0.",
    );
    const lab = JSON.parse(trained.stdout);
    const exported = await run(['runs', 'export', String(lab.runId), 'export', '--db', db]);
    expect(exported.stderr).toBe('');
    const files = fs.readdirSync(path.join(dir, 'export'));
    expect(files).toEqual(expect.arrayContaining(['weights.mat', 'initial-weights.mat', 'data.mat']));
    const octave = runOctave(
      `load export/data.mat; W = load('export/weights.mat'); W0 = load('export/initial-weights.mat'); E = load('ex4weights.mat');
printf('%d %d %d %d\\n', rows(X), columns(X), rows(Xval), rows(Xtest));
printf('%.17g\\n', nnCost(W.Theta1, W.Theta2, X, y, 1), nnCost(W0.Theta1, W0.Theta2, X, y, 1));
printf('%d\\n', isequal(W0.Theta1, E.Theta1) && isequal(W0.Theta2, E.Theta2));
D = load('ex4data1.mat'); printf('%d\\n', all(ismember(X, D.X, 'rows')));`,
      dir,
    )
      .trim()
      .split('\n');
    expect(octave[0]).toBe('3500 400 750 750');
    expect(relative(Number(octave[1]), lab.costHistory[2])).toBeLessThan(1e-12);
    expect(relative(Number(octave[2]), lab.initialCost)).toBeLessThan(1e-12);
    expect(octave.slice(3)).toEqual(['1', '1']); // Θ₀ is ex4weights.mat to the bit; X rows are the course's rows
  });

  it('exports a bundled-digits run in the course convention: 28×28 column-major, 10 for the digit 0', async () => {
    const trained = await run([
      'train',
      '--train-size',
      '300',
      '--validation-size',
      '50',
      '--test-size',
      '50',
      '--iterations',
      '2',
      '--lambda',
      '3',
      '--db',
      db,
      '--json',
    ]);
    expect(trained.code).toBe(0);
    const lab = JSON.parse(trained.stdout);
    await run(['runs', 'export', String(lab.runId), 'mnist-export', '--db', db]);
    const octave = runOctave(
      `load mnist-export/data.mat; load mnist-export/weights.mat;
printf('%d %d %d %d\\n', size(X), min(y), max(y));
printf('%.17g\\n', nnCost(Theta1, Theta2, X, y, 3));`,
      dir,
    )
      .trim()
      .split('\n');
    expect(octave[0]).toBe('300 784 1 10');
    expect(relative(Number(octave[1]), lab.costHistory[1])).toBeLessThan(1e-12);
  });

  it('refuses a bad .mat file with one line naming the variable, and stores nothing', async () => {
    fs.writeFileSync(
      path.join(dir, 'wrong-y.mat'),
      writeMat([
        { name: 'X', rows: 4, cols: 2, data: Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8) },
        { name: 'y', rows: 1, cols: 4, data: Float64Array.of(1, 2, 1, 2) },
      ]),
    );
    const fresh = path.join(dir, 'fresh.db');
    const r = await run(['train', '--data', 'wrong-y.mat', '--db', fresh]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `backprop-lab: --data: ${path.join(dir, 'wrong-y.mat')}: variable y: is 1×4; it must be 4×1, one label per row of X (y = y' turns it)\n`,
    );
    expect(fs.existsSync(fresh)).toBe(false);
    const bad = await run(['cost', '--data', 'ex4data1.mat', '--weights', 'wrong-y.mat']);
    expect(bad.stderr).toBe(
      `backprop-lab: --weights: ${path.join(dir, 'wrong-y.mat')}: has no variable Theta1 (Theta1, Theta2, … as in ex4weights.mat)\n`,
    );
  });
});

describe.runIf(OCTAVE && SCIPY_PYTHON)('the course files, with scipy', () => {
  it('scipy.io.loadmat reads the export; numpy gives the lab’s J', async () => {
    const lab = JSON.parse((await run(['runs', 'show', '1', '--db', db, '--json'])).stdout);
    const out = runPython(
      `import numpy as np, scipy.io as sio
d = sio.loadmat('export/data.mat'); w = sio.loadmat('export/weights.mat')
X, y, T1, T2 = d['X'], d['y'].ravel().astype(int), w['Theta1'], w['Theta2']
m = X.shape[0]; g = lambda z: 1 / (1 + np.exp(-z))
h = g(np.c_[np.ones(m), g(np.c_[np.ones(m), X] @ T1.T)] @ T2.T); Y = np.eye(10)[y - 1]
J = -np.sum(Y * np.log(h) + (1 - Y) * np.log(1 - h)) / m + (np.sum(T1[:, 1:] ** 2) + np.sum(T2[:, 1:] ** 2)) / (2 * m)
print(X.shape, T1.shape, T2.shape); print(repr(float(J)))`,
      dir,
    )
      .trim()
      .split('\n');
    expect(out[0]).toBe('(3500, 400) (25, 401) (10, 26)');
    expect(relative(Number(out[1]), lab.lastCost)).toBeLessThan(1e-12);
  });
});
