/**
 * Mini-batch gradient descent with momentum: for each batch B of a freshly shuffled epoch,
 *   v ← μv − α∇J_B(Θ),   Θ ← Θ + v,
 * where J_B is the cost over the batch's examples only. Batch size 1 is online learning (one example
 * at a time), batch size m is plain gradient descent. After every epoch the full-data J is evaluated
 * once (with its gradient, to notice convergence) and reported, so curves compare with cg and lbfgs.
 */
import type { CostFunction } from '../cost';
import { checkFinite } from './guard';
import { seededRandom } from '../random';
import { GRADIENT_TOLERANCE, type OptimizerRun, type OptimizerSettings } from './types';
import { maxAbs } from './vector';

type SgdSettings = Pick<OptimizerSettings, 'iterations' | 'batchSize' | 'learningRate' | 'momentum' | 'seed'>;

/**
 * Runs `iterations` epochs of mini-batch gradient descent on J from Θ₀ (not modified). Each epoch
 * visits the m examples in the order shuffledIndices(m, rng) would give, rng = seededRandom(seed)
 * drawn on across epochs; the last batch of an epoch holds the m mod batchSize leftovers.
 */
export function* sgd(f: CostFunction, theta0: Float64Array, settings: SgdSettings): OptimizerRun {
  const { iterations, learningRate: alpha, momentum: mu } = settings;
  const n = theta0.length;
  const m = f.m;
  const batchSize = Math.min(settings.batchSize, m);
  const x = Float64Array.from(theta0);
  const v = new Float64Array(n); // velocity
  const g = new Float64Array(n);
  const order = new Uint32Array(m);
  // evaluate() takes the batch as its own array; two fixed buffers cover full and leftover batches.
  const batch = new Uint32Array(batchSize);
  const leftover = new Uint32Array(m % batchSize);
  const random = seededRandom(settings.seed);

  let evaluations = 0;
  for (let epoch = 1; epoch <= iterations; epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < m; start += batchSize) {
      const rows = start + batchSize <= m ? batch : leftover;
      for (let i = 0; i < rows.length; i++) rows[i] = order[start + i];
      const cost = f.evaluate(x, g, rows);
      evaluations++;
      if (!Number.isFinite(cost)) {
        checkFinite('sgd', cost, epoch, evaluations); // throws, naming the epoch
      }
      for (let i = 0; i < n; i++) {
        v[i] = mu * v[i] - alpha * g[i];
        x[i] += v[i];
      }
    }
    const cost = f.evaluate(x, g);
    evaluations++;
    checkFinite('sgd', cost, epoch, evaluations);
    yield { iteration: epoch, cost, evaluations, theta: x };
    if (maxAbs(g) <= GRADIENT_TOLERANCE) return { stoppedBy: 'converged', theta: x, evaluations };
  }
  return { stoppedBy: 'iterations', theta: x, evaluations };
}

/** Fisher–Yates over 0…m−1 in place; the same draws and result as shuffledIndices(m, random). */
function shuffleInPlace(idx: Uint32Array, random: () => number): void {
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
}
