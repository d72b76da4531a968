/**
 * What the landscape tests hold its fast path against: J at one Θ evaluated the plain way, a Θ trained
 * by cg to evaluate it at, and the combination Σₖ cₖ·vₖ of vectors the surfaces take.
 */
import type { Examples } from '../../nn/cost';
import { initialTheta } from '../../nn/init';
import type { ModelChoice } from '../../nn/model';
import { minimizeSync } from '../../nn/optimize/minimize';
import { regularizationCost } from '../../nn/regularization';
import { thetaLayout } from '../../nn/shape';
import { createVectorizedCost } from '../../nn/vectorized';

export const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Θ₀ (Ng's uniform ε = 0.12, seed 3) and Θ after 25 iterations of cg on `train` with weight decay λ. */
export function trainedRun(
  sizes: number[],
  train: Examples,
  lambda: number,
): { theta0: Float64Array; theta: Float64Array } {
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 3 });
  const settings = { optimizer: 'cg' as const, iterations: 25, batchSize: 1, learningRate: 1, momentum: 0, seed: 1 };
  const { theta } = minimizeSync(createVectorizedCost(sizes, train, lambda), theta0, settings);
  return { theta0, theta };
}

/** Σₖ cₖ·vₖ. */
export const combined = (vs: Float64Array[], c: number[]) =>
  vs[0].map((_, i) => vs.reduce((s, v, k) => s + c[k] * v[i], 0));

const g = {
  sigmoid: (z: number) => 1 / (1 + Math.exp(-z)),
  tanh: (z: number) => Math.tanh(z),
  relu: (z: number) => Math.max(0, z),
};

/** J at Θ the plain way: each layer's z = Θ(l)·[1 a] row by row, the hidden g between, sigmoid outputs. */
export function straightJ(
  sizes: number[],
  model: ModelChoice,
  data: Examples,
  lambda: number,
  theta: Float64Array,
): number {
  const layout = thetaLayout(sizes);
  let J = 0;
  for (let i = 0; i < data.m; i++) {
    let a = Array.from(data.X.subarray(i * data.n, (i + 1) * data.n));
    layout.forEach(({ rows, cols, offset }, l) => {
      const z = Array.from({ length: rows }, (_, r) => {
        let s = theta[offset + r * cols];
        for (let j = 1; j < cols; j++) s += theta[offset + r * cols + j] * a[j - 1];
        return s;
      });
      a = l === layout.length - 1 ? z : z.map(g[model.activation]);
    });
    a.forEach((z, k) => {
      const y = k === data.y[i] ? 1 : 0;
      if (model.cost === 'quadratic') {
        J += 0.5 * (g.sigmoid(z) - y) ** 2;
      } else {
        // −log h or −log(1 − h) as softplus(∓z): the same value, finite where h rounds to 0 or 1.
        const t = y ? -z : z;
        J += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
      }
    });
  }
  return J / data.m + regularizationCost(theta, layout, lambda, data.m);
}
