/**
 * "Continue in Python": an exported run's train.py (Debian's python3 with numpy, scipy, sklearn) rebuilds the
 * run from the folder alone — J(Θ₀) to 1e-12, an lbfgs run's final J to 1e-6 and its test accuracy exactly,
 * scikit-learn's final loss to 1e-4 — and the notebook runs under nbclient. Iris (100 train, 50 test,
 * standardized, 4–3–3, λ = 1) is small enough that the lab's L-BFGS and scipy's reach the same minimum
 * from the same Θ₀: λ makes J strongly curved there, and both run until ∇J ≈ 0.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import { accuracy, predict } from '../nn/predict';
import { NG_MODEL, type ModelChoice } from '../nn/model';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../run/hyperparameters';
import { tempDir } from './fixtures';
import { openStore } from './open';

const PYTHON = '/usr/bin/python3';
const has = (modules: string) => spawnSync(PYTHON, ['-c', `import ${modules}`], { stdio: 'ignore' }).status === 0;
const CAN_RUN = has('numpy, scipy, pandas, sklearn');
const CAN_RUN_NOTEBOOK = CAN_RUN && has('nbclient, nbformat, ipykernel');
if (!CAN_RUN) console.warn('skipped: /usr/bin/python3 lacks numpy, scipy, pandas or sklearn');
if (CAN_RUN && !CAN_RUN_NOTEBOOK) console.warn('notebook test skipped: /usr/bin/python3 lacks nbclient or ipykernel');

const dir = tempDir('backprop-notebook-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const IRIS: DatasetSpec = {
  source: 'csv',
  file: path.join(__dirname, '../data/testing/iris.csv'),
  trainSize: 100,
  validationSize: 0,
  testSize: 50,
  dataSeed: 1,
  standardize: true,
};

/** Trains the run as the lab does and exports it; returns the folder and the lab's numbers. */
function exportTrainedRun(
  dataset: DatasetSpec,
  sizes: number[],
  iterations: number,
  name: string,
  model: ModelChoice = NG_MODEL,
) {
  const ng = model === NG_MODEL;
  const hyperparameters = {
    ...DEFAULT_HYPERPARAMETERS,
    hiddenLayers: sizes.slice(1, -1),
    optimizer: 'lbfgs' as const,
    iterations,
    ...(ng ? {} : { cost: model.cost, activation: model.activation, impl: 'vectorized' as const }),
  };
  const split = loadDataSplit(dataset);
  const theta0 = initialTheta(sizes, { init: 'uniform', seed: 1 });
  const f = createCostFunction(ng ? 'fast' : 'vectorized', sizes, split.train, 1, model);
  const r = minimizeSync(f, theta0, { ...hyperparameters, optimizer: 'lbfgs' });
  const finalCost = f.evaluate(r.theta, new Float64Array(r.theta.length));
  f.dispose();
  const testAccuracy = accuracy(predict(r.theta, sizes, split.test.X, split.test.m, model), split.test.y);
  const store = openStore(path.join(dir, `${name}.db`));
  const id = store.createRun({ hyperparameters, dataset, width: split.train.width, height: split.train.height });
  const { classNames, featureNames, standardization } = split.info;
  store.setDataInfo(id, { classNames, featureNames, standardization });
  store.markRunning(id);
  store.finishRun(id, {
    theta: r.theta,
    sizes,
    initialTheta: theta0,
    metrics: { trainAccuracy: 1, validationAccuracy: null, testAccuracy, finalCost, durationMs: 1, costEvaluations: 1 },
    confusion: classNames.map(() => classNames.map(() => 0)),
  });
  const folder = path.join(dir, name);
  store.exportRun(id, folder);
  store.close();
  return { folder, finalCost, testAccuracy };
}

describe.runIf(CAN_RUN)('Continue in Python', () => {
  const lab = exportTrainedRun(IRIS, [4, 3, 3], 400, 'iris');

  it('writes notebook.ipynb, train.py and the examples', () => {
    for (const file of ['notebook.ipynb', 'train.py', 'data/train.csv', 'data/test.csv', 'data/standardization.json']) {
      expect(fs.existsSync(path.join(lab.folder, file)), file).toBe(true);
    }
    expect(fs.readFileSync(path.join(lab.folder, 'data/train.csv'), 'utf8').split('\n')[0]).toBe(
      'sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,class',
    );
  });

  it('train.py --json rebuilds the run: J(Θ₀), scipy L-BFGS, scikit-learn', () => {
    const r = spawnSync(PYTHON, ['train.py', '--json'], { cwd: lab.folder, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    console.log('train.py --json:', r.stdout.trim());
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(out.lab.finalCost).toBe(lab.finalCost);
    expect(rel(out.numpy.costAtTheta0, out.lab.costAtTheta0)).toBeLessThan(1e-12);
    expect(rel(out.scipy.finalCost, lab.finalCost)).toBeLessThan(1e-6);
    expect(out.scipy.testAccuracy).toBe(lab.testAccuracy);
    expect(rel(out.sklearn.finalCost, lab.finalCost)).toBeLessThan(1e-4);
    // torch.optim.LBFGS (strong Wolfe) may settle in another local minimum of this non-convex J: only its descent is checked.
    // Its loss is Ng's J: numpy's J at torch's final Θ is the same number.
    if (has('torch')) {
      expect(out.torch.finalCost).toBeLessThan(out.numpy.costAtTheta0);
      expect(rel(out.torch.numpyCostAtSameTheta, out.torch.finalCost)).toBeLessThan(1e-12);
    } else expect(out.torch).toBe(null);
  });

  it.runIf(CAN_RUN_NOTEBOOK)('the notebook runs under nbclient and prints J(Θ₀) beside the lab', () => {
    const script =
      'import nbformat, nbclient, sys\n' +
      "nb = nbformat.read('notebook.ipynb', as_version=4)\n" +
      "nbclient.NotebookClient(nb, timeout=600, kernel_name='python3', resources={'metadata': {'path': '.'}}).execute()\n" +
      "print(''.join(o.get('text', '') for c in nb.cells if c.cell_type == 'code' for o in c.outputs))\n";
    const r = spawnSync(PYTHON, ['-c', script], { cwd: lab.folder, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/J\(Θ₀\): numpy \d\.\d+ {2}lab \d\.\d+/);
    expect(r.stdout).toMatch(/final J: scipy/);
  });

  it('a quadratic-cost tanh run: train.py’s numpy computes its J(Θ₀) and retrains it; sklearn and torch are skipped', () => {
    const run = exportTrainedRun(IRIS, [4, 3, 3], 400, 'iris-quadratic-tanh', {
      cost: 'quadratic',
      activation: 'tanh',
    });
    const r = spawnSync(PYTHON, ['train.py', '--json'], { cwd: run.folder, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    console.log('quadratic/tanh train.py --json:', r.stdout.trim());
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(rel(out.numpy.costAtTheta0, out.lab.costAtTheta0)).toBeLessThan(1e-12);
    expect(out.scipy.finalCost).toBeLessThan(out.numpy.costAtTheta0);
    expect(rel(out.scipy.finalCost, run.finalCost)).toBeLessThan(1e-6);
    expect(out).not.toHaveProperty('sklearn');
    expect(fs.readFileSync(path.join(run.folder, 'train.py'), 'utf8')).toContain(
      'def g_hidden(z):\n    return np.tanh(z)',
    );
  });

  it('a digits run carries its pixels as bytes and train.py gives the lab J(Θ₀)', () => {
    const digits: DatasetSpec = { source: 'mnist', trainSize: 200, validationSize: 0, testSize: 100, dataSeed: 1 };
    const run = exportTrainedRun(digits, [784, 5, 10], 20, 'digits');
    const header = fs.readFileSync(path.join(run.folder, 'data/X_train.npy')).subarray(10, 80).toString('latin1');
    expect(header).toContain("'descr': '|u1', 'fortran_order': False, 'shape': (200, 784)");
    const r = spawnSync(PYTHON, ['train.py', '--json'], { cwd: run.folder, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    console.log('digits train.py --json:', r.stdout.trim());
    expect(Math.abs(out.numpy.costAtTheta0 - out.lab.costAtTheta0) / out.lab.costAtTheta0).toBeLessThan(1e-12);
    expect(out.scipy.finalCost).toBeLessThan(out.numpy.costAtTheta0);
  });
});
