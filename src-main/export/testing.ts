/**
 * Small trained networks for the export tests: real digits, real training (CG), so scores spread over
 * (0, 1) as a user's network's do, instead of a random Θ whose outputs all sit near 0.5.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadBundledDigits } from '../data/mnist';
import type { Examples } from '../nn/cost';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import type { ExportedNetwork, TrainedWeights } from './network';

/** The first `m` bundled digits as training examples and the next `m` as a test set, pixels in [0, 1]. */
export function digitSets(m: number): { train: Examples; test: Examples } {
  const all = loadBundledDigits();
  const take = (start: number): Examples => ({
    X: all.X.slice(start * all.n, (start + m) * all.n),
    y: all.y.slice(start, start + m),
    m,
    n: all.n,
  });
  return { train: take(0), test: take(m) };
}

/** Θ after `iterations` CG iterations (λ = 1, seed 1) of a network with the given sizes on `train`. */
export function trainedWeights(sizes: number[], train: Examples, iterations: number): TrainedWeights {
  const f = createCostFunction('fast', sizes, train, 1);
  const theta0 = initialTheta(sizes, { init: 'uniform', seed: 1 });
  const settings = { optimizer: 'cg' as const, iterations, batchSize: 1, learningRate: 1, momentum: 0, seed: 1 };
  const { theta } = minimizeSync(f, theta0, settings);
  f.dispose();
  return { sizes, theta };
}

/** A python3 that has numpy: Debian's first (the one CI installs python3-numpy for), then the PATH's; null if none. */
export function pythonWithNumpy(): string | null {
  for (const python of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(python, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return python;
  }
  return null;
}

/** python3 with numpy for predict.py's tests; CI installs python3-numpy (.ci/run), so there it must be found. */
export const PYTHON = pythonWithNumpy();
/** Whether predict.py's tests run: always in CI, elsewhere when numpy is there. */
export const CAN_RUN_PREDICT_PY = PYTHON !== null || process.env.CI === 'true';

/** The class names predict.py of `folder` prints for `csv`; throws with its errors when it fails. */
export function predictedByPython(folder: string, csv: string): string[] {
  const r = spawnSync(PYTHON ?? 'python3', [path.join(folder, 'predict.py'), csv], { encoding: 'utf8' });
  if (r.status !== 0 || r.stderr) throw new Error(`predict.py exited ${r.status}: ${r.stderr || r.error}`);
  return r.stdout.trim().split('\n');
}

/** A 2-2-2 network of two named features and classes, small enough to check by hand (onnx.test.ts does). */
export const TINY_NETWORK: ExportedNetwork = {
  sizes: [2, 2, 2],
  thetas: [
    [
      [0.1, 0.2, 0.3],
      [-0.1, 0.4, -0.5],
    ],
    [
      [0.5, -1, 1],
      [0, 2, -2],
    ],
  ],
  classNames: ['no', 'yes'],
  featureNames: ['height', 'weight'],
  standardization: null,
};
