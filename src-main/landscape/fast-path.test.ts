import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import type { Examples } from '../nn/cost';
import { createVectorizedCost } from '../nn/vectorized';
import { combinationCost } from './combination-cost';
import { randomPlaneDirections } from './directions';
import { evenlySpaced, lineSurface, randomPlane } from './surfaces';
import { combined, relative, straightJ, trainedRun } from './testing/straight-j';
import { NG_MODEL } from '../nn/model';

// The landscape's fast path (z(2) precomputed per vector, the weight decay as cᵀGc, evenly spaced points
// sharing e^(−z) by the product rule, four sums at a time) against J evaluated straightforwardly at the
// combined Θ itself: a forward pass row by row, the cross-entropy as softplus(∓z) with log1p per term
// (as the landscape defines it: Ng's −log(1 − h) loses digits where h rounds towards 1, far along a line),
// and the vectorized implementation's weight decay. Real runs: 300 bundled digits, trained by cg.

const split = loadDataSplit({ source: 'mnist', trainSize: 300, validationSize: 150, testSize: 50, dataSeed: 1 });

const vectorizedJ = (sizes: number[], data: Examples, lambda: number, theta: Float64Array) =>
  createVectorizedCost(sizes, data, lambda).evaluate(theta, new Float64Array(theta.length));

/** Largest relative difference between `fast` and the straightforward J at each point. */
function worst(
  sizes: number[],
  data: Examples,
  lambda: number,
  vs: Float64Array[],
  points: number[][],
  fast: number[],
) {
  return Math.max(
    ...points.map((c, t) => relative(fast[t], straightJ(sizes, NG_MODEL, data, lambda, combined(vs, c)))),
  );
}

describe.each([
  ['one hidden layer, 784-25-10', [784, 25, 10]],
  ['two hidden layers, 784-12-8-10 (only Θ(1) is linear)', [784, 12, 8, 10]],
  ['no hidden layer, 784-10 (logistic regression)', [784, 10]],
])('the fast J equals the straightforward J to 1e-12 relative: %s', (_, sizes) => {
  const { theta0, theta } = trainedRun(sizes, split.train, 1);

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
    const { theta0, theta } = trainedRun(sizes, split.train, 0);
    const points = [0, 0.1, 0.7, 0.75, 2.5].map((a) => [1 - a, a]);
    const fast = combinationCost(sizes, split.train, 0, [theta0, theta]).costs(points);
    expect(worst(sizes, split.train, 0, [theta0, theta], points, fast)).toBeLessThan(1e-12);
  });
});
