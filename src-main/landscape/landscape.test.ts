import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import type { Examples } from '../nn/cost';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import { predict } from '../nn/predict';
import { seededRandom } from '../nn/random';
import { parameterCount } from '../nn/shape';
import { createVectorizedCost } from '../nn/vectorized';
import { combinationCost } from './combination-cost';
import { filterNormalize } from './directions';
import { matchHiddenUnits, optimalAssignment, permuteHiddenUnits } from './matching';
import { principalPlane } from './pca';
import { evenlySpaced, lineSurface } from './surfaces';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** m random examples of n inputs in [0, 1) (a quarter of them 0, as digits have many) and labels 0…K−1. */
function examples(m: number, n: number, K: number, seed: number): Examples {
  const random = seededRandom(seed);
  const X = Float64Array.from({ length: m * n }, () => (random() < 0.25 ? 0 : random()));
  const y = Uint8Array.from({ length: m }, () => Math.floor(random() * K));
  return { X, y, m, n };
}

const vectorizedJ = (sizes: number[], data: Examples, lambda: number, theta: Float64Array) =>
  createVectorizedCost(sizes, data, lambda).evaluate(theta, new Float64Array(theta.length));

describe('optimal assignment (Hungarian algorithm)', () => {
  it('finds the cheapest assignment of a 3×3 matrix', () => {
    // Rows take columns 2, 0, 1 for 1 + 2 + 3 = 6; every other assignment costs more.
    const cost = Float64Array.from([4, 9, 1, 2, 8, 7, 6, 3, 5]);
    expect([...optimalAssignment(cost, 3)]).toEqual([2, 0, 1]);
  });

  it('agrees with trying every permutation on random 6×6 matrices', () => {
    const random = seededRandom(5);
    const permutations = (n: number): number[][] =>
      n === 0
        ? [[]]
        : permutations(n - 1).flatMap((p) =>
            Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
          );
    const all = permutations(6);
    for (let trial = 0; trial < 20; trial++) {
      const cost = Float64Array.from({ length: 36 }, () => Math.round(random() * 100) - 50);
      const total = (p: ArrayLike<number>) => Array.from(p).reduce((s, j, i) => s + cost[i * 6 + j], 0);
      const best = Math.min(...all.map(total));
      expect(total(optimalAssignment(cost, 6))).toBe(best);
    }
  });
});

describe('reordering hidden units', () => {
  const sizes = [6, 5, 4, 3];
  const data = examples(40, 6, 3, 2);
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 1, seed: 3 });
  const perms = [Int32Array.from([3, 0, 4, 1, 2]), Int32Array.from([2, 3, 1, 0])];

  it('moves a unit with its incoming row and outgoing column', () => {
    const small = [1, 2, 1];
    // Θ(1) rows [b, w] per hidden unit: unit 0 = [1, 2], unit 1 = [3, 4]; Θ(2) = [5, 6, 7].
    const t = Float64Array.from([1, 2, 3, 4, 5, 6, 7]);
    expect([...permuteHiddenUnits(small, t, [Int32Array.from([1, 0])])]).toEqual([3, 4, 1, 2, 5, 7, 6]);
  });

  it('keeps J to 1e-12 relative and every prediction, with two hidden layers', () => {
    const reordered = permuteHiddenUnits(sizes, theta, perms);
    expect(reordered).not.toEqual(theta);
    for (const lambda of [0, 1]) {
      expect(
        relative(vectorizedJ(sizes, data, lambda, reordered), vectorizedJ(sizes, data, lambda, theta)),
      ).toBeLessThan(1e-12);
    }
    expect(predict(reordered, sizes, data.X, data.m)).toEqual(predict(theta, sizes, data.X, data.m));
  });

  it('matching finds a relabelling back: the relabelled copy of Θ is Θ again, exactly', () => {
    const relabelled = permuteHiddenUnits(sizes, theta, perms);
    const match = matchHiddenUnits(sizes, theta, relabelled);
    expect([...permuteHiddenUnits(sizes, relabelled, match)]).toEqual([...theta]);
  });
});

describe('filter normalization', () => {
  it("scales each unit's non-bias weights to that unit's norm in Θ and zeroes the bias", () => {
    // 2-1-1: Θ(1) = [b 3 4] (norm 5), Θ(2) = [b 2] (norm 2).
    const theta = Float64Array.from([9, 3, 4, 9, 2]);
    const direction = Float64Array.from([5, 1, 0, 7, -1]);
    expect([...filterNormalize([2, 1, 1], direction, theta)]).toEqual([0, 5, 0, 0, -2]);
  });
});

describe('principal plane of a path', () => {
  it('finds the axes of points spread 2 along x and 1 along y, explaining 80 % and 20 %', () => {
    const v = (x: number, y: number) => Float64Array.from([x, y, 0]);
    const plane = principalPlane([v(2, 0), v(-2, 0), v(0, 1), v(0, -1)]);
    expect(plane.explained[0]).toBeCloseTo(0.8, 14);
    expect(plane.explained[1]).toBeCloseTo(0.2, 14);
    expect(plane.directions[0].map(Math.abs)).toEqual(Float64Array.from([1, 0, 0]));
    expect(plane.directions[1].map(Math.abs)).toEqual(Float64Array.from([0, 1, 0]));
  });

  it('refuses snapshots on one line', () => {
    const v = (x: number) => Float64Array.from([x, 2 * x]);
    expect(() => principalPlane([v(0), v(1), v(3)])).toThrow('the snapshots lie on one line: no plane to draw');
  });
});

describe('J over combinations of Θ', () => {
  it("equals the vectorized implementation's J at a combination of three Θ, with and without hidden layers", () => {
    for (const sizes of [
      [6, 5, 4, 3],
      [6, 3],
    ]) {
      const data = examples(30, 6, 3, 7);
      const vs = [1, 2, 3].map((seed) => initialTheta(sizes, { init: 'uniform', epsilon: 1, seed }));
      const c = [0.3, -1.2, 2];
      const f = combinationCost(sizes, data, 0.7, vs);
      const theta = f.theta(c);
      expect(relative(f.cost(c), vectorizedJ(sizes, data, 0.7, theta))).toBeLessThan(1e-12);
      expect(relative(f.cost(c, 0), vectorizedJ(sizes, data, 0, theta))).toBeLessThan(1e-12);
    }
  });

  it('spaces α evenly with both ends exact', () => {
    expect(evenlySpaced(-0.5, 1.5, 5)).toEqual([-0.5, 0, 0.5, 1, 1.5]);
  });
});

describe('logistic regression (no hidden layer) is convex', () => {
  it('its line from Θ₀ through Θ* and beyond has second differences ≥ −1e-12', () => {
    // 200 real digits; Θ* by 30 iterations of cg on the lab's own vectorized J.
    const { train } = loadDataSplit({ source: 'mnist', trainSize: 200, validationSize: 0, testSize: 50, dataSeed: 1 });
    const sizes = [784, 10];
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const settings = { optimizer: 'cg' as const, iterations: 30, batchSize: 1, learningRate: 1, momentum: 0, seed: 1 };
    const { theta } = minimizeSync(createVectorizedCost(sizes, train, 1), theta0, settings);
    expect(theta.length).toBe(parameterCount(sizes));
    const line = lineSurface(
      sizes,
      { train, validation: null, lambda: 1 },
      theta0,
      theta,
      evenlySpaced(-1, 2, 61),
      false,
    );
    const second = line.cost.slice(2).map((c, i) => c - 2 * line.cost[i + 1] + line.cost[i]);
    expect(Math.min(...second)).toBeGreaterThanOrEqual(-1e-12);
    // And the line really goes down into the minimum: J(Θ*) is below J(Θ₀).
    expect(line.endpoints[1]).toBeLessThan(line.endpoints[0]);
  });
});
