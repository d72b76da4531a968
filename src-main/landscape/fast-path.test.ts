import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import type { Examples } from '../nn/cost';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import { regularizationCost } from '../nn/regularization';
import { thetaLayout } from '../nn/shape';
import { createVectorizedCost } from '../nn/vectorized';
import { combinationCost } from './combination-cost';
import { randomPlaneDirections } from './directions';
import { evenlySpaced, lineSurface, randomPlane } from './surfaces';

// The landscape's fast path (z(2) precomputed per vector, the weight decay as cᵀGc, evenly spaced points
// sharing e^(−z) by the product rule, four sums at a time) against J evaluated straightforwardly at the
// combined Θ itself: a forward pass row by row, the cross-entropy as softplus(∓z) with log1p per term
// (as the landscape defines it: Ng's −log(1 − h) loses digits where h rounds towards 1, far along a line),
// and the vectorized implementation's weight decay. Real runs: 300 bundled digits, trained by cg.

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
const split = loadDataSplit({ source: 'mnist', trainSize: 300, validationSize: 150, testSize: 50, dataSeed: 1 });

function trainedRun(sizes: number[], lambda: number): { theta0: Float64Array; theta: Float64Array } {
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 3 });
  const settings = { optimizer: 'cg' as const, iterations: 25, batchSize: 1, learningRate: 1, momentum: 0, seed: 1 };
  const { theta } = minimizeSync(createVectorizedCost(sizes, split.train, lambda), theta0, settings);
  return { theta0, theta };
}

/** J at Θ the plain way: every layer's z = Θ(l)·[1 a] row by row, Σₖ softplus(∓zₖ) per example. */
function straightJ(sizes: number[], data: Examples, lambda: number, theta: Float64Array): number {
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
      a = l === layout.length - 1 ? z : z.map((v) => 1 / (1 + Math.exp(-v)));
    });
    a.forEach((z, k) => {
      const t = k === data.y[i] ? -z : z;
      J += Math.max(t, 0) + Math.log1p(Math.exp(-Math.abs(t)));
    });
  }
  return J / data.m + regularizationCost(theta, layout, lambda, data.m);
}

const vectorizedJ = (sizes: number[], data: Examples, lambda: number, theta: Float64Array) =>
  createVectorizedCost(sizes, data, lambda).evaluate(theta, new Float64Array(theta.length));

const combined = (vs: Float64Array[], c: number[]) => vs[0].map((_, i) => vs.reduce((s, v, k) => s + c[k] * v[i], 0));

/** Largest relative difference between `fast` and the straightforward J at each point. */
function worst(
  sizes: number[],
  data: Examples,
  lambda: number,
  vs: Float64Array[],
  points: number[][],
  fast: number[],
) {
  return Math.max(...points.map((c, t) => relative(fast[t], straightJ(sizes, data, lambda, combined(vs, c)))));
}

describe.each([
  ['one hidden layer, 784-25-10', [784, 25, 10]],
  ['two hidden layers, 784-12-8-10 (only Θ(1) is linear)', [784, 12, 8, 10]],
  ['no hidden layer, 784-10 (logistic regression)', [784, 10]],
])('the fast J equals the straightforward J to 1e-12 relative: %s', (_, sizes) => {
  const { theta0, theta } = trainedRun(sizes, 1);

  it('on the line from Θ₀ to Θ* and past both ends (α from −2 to 3, units saturating), training and validation', () => {
    const alphas = evenlySpaced(-2, 3, 41);
    const line = lineSurface(
      sizes,
      { train: split.train, validation: split.validation, lambda: 1 },
      theta0,
      theta,
      alphas,
      false,
    );
    const points = alphas.map((a) => [1 - a, a]);
    expect(worst(sizes, split.train, 1, [theta0, theta], points, line.cost)).toBeLessThan(1e-12);
    expect(worst(sizes, split.validation!, 0, [theta0, theta], points, line.validationCost!)).toBeLessThan(1e-12);
    // The batch over evenly spaced points and one point at a time agree too.
    const f = combinationCost(sizes, split.train, 1, [theta0, theta]);
    const single = points.map((c) => f.cost(c));
    expect(Math.max(...single.map((v, t) => relative(v, line.cost[t])))).toBeLessThan(1e-12);
    // The ends are J(Θ₀) and J(Θ*) as training computed them (the vectorized implementation, Ng's formula).
    expect(relative(line.endpoints[0], vectorizedJ(sizes, split.train, 1, theta0))).toBeLessThan(1e-12);
    expect(relative(line.endpoints[1], vectorizedJ(sizes, split.train, 1, theta))).toBeLessThan(1e-12);
  });

  it('on a 7 × 7 filter-normalized plane around Θ* (span 2)', () => {
    const plane = randomPlane(sizes, { train: split.train, validation: null, lambda: 1 }, theta, {
      grid: 7,
      span: 2,
      seed: 4,
    });
    const [d1, d2] = randomPlaneDirections(sizes, theta, 4);
    const points = plane.y.flatMap((y) => plane.x.map((x) => [1, x, y]));
    expect(worst(sizes, split.train, 1, [theta, d1, d2], points, plane.cost.flat())).toBeLessThan(1e-12);
    expect(relative(plane.centerCost, vectorizedJ(sizes, split.train, 1, theta))).toBeLessThan(1e-12);
  });
});

describe('points that are not evenly spaced', () => {
  it('take every e^(−z) exactly and still equal the straightforward J', () => {
    const sizes = [784, 25, 10];
    const { theta0, theta } = trainedRun(sizes, 0);
    const points = [0, 0.1, 0.7, 0.75, 2.5].map((a) => [1 - a, a]);
    const fast = combinationCost(sizes, split.train, 0, [theta0, theta]).costs(points);
    expect(worst(sizes, split.train, 0, [theta0, theta], points, fast)).toBeLessThan(1e-12);
  });
});
