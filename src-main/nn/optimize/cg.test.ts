import { describe, expect, test } from 'vitest';
import { createLoopCost } from '../loop';
import { cg, CG_DEFAULTS } from './cg';
import { drain, lyingGradient, poisoned, quadratic, rosenbrock, walled } from './test-problems';

// SPD (diagonally dominant); A·[1, −2, 3, 0.5] = b, so the minimum is θ* = [1, −2, 3, 0.5] with
// J* = −½bᵀθ* = −½(2 + 4 + 12.75 + 1) = −9.875.
const A = [
  [4, 1, 0, 0],
  [1, 3, 1, 0],
  [0, 1, 2, 0.5],
  [0, 0, 0.5, 1],
];
const b = [2, -2, 4.25, 2];
const thetaStar = [1, -2, 3, 0.5];
const EXACT = { ...CG_DEFAULTS, sig: 1e-12 }; // curvature test so strict the line search is exact

describe('cg (fmincg)', () => {
  test('reaches the minimum of a 4-dimensional quadratic in exactly 4 exact line searches', () => {
    const { reports, stop, costs } = drain(cg(quadratic(A, b), new Float64Array(4), { iterations: 100 }, EXACT));
    expect(stop.stoppedBy).toBe('converged');
    expect(reports.length).toBe(4);
    expect(costs[2]).toBeGreaterThan(-9.875 + 1e-6); // not there after 3
    expect(costs[3]).toBeCloseTo(-9.875, 12);
    thetaStar.forEach((v, i) => expect(stop.theta[i]).toBeCloseTo(v, 10));
  });

  test('a 1-dimensional quadratic J = 3θ² − 6θ is minimized in one line search, at θ = 1, J = −3', () => {
    const { reports, stop } = drain(cg(quadratic([[6]], [6]), new Float64Array([5]), { iterations: 10 }, EXACT));
    expect(reports.length).toBe(1);
    expect(stop.stoppedBy).toBe('converged');
    expect(reports[0].cost).toBeCloseTo(-3, 14);
    expect(stop.theta[0]).toBeCloseTo(1, 12);
  });

  test('with fmincg’s own constants it still converges on the quadratic, never raising J', () => {
    const { stop, costs } = drain(cg(quadratic(A, b), new Float64Array(4), { iterations: 100 }));
    expect(stop.stoppedBy).toBe('converged');
    thetaStar.forEach((v, i) => expect(stop.theta[i]).toBeCloseTo(v, 9));
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeLessThanOrEqual(costs[i - 1]);
  });

  test('Rosenbrock from (−1.2, 1) converges to (1, 1), J decreasing at every iteration', () => {
    const f = rosenbrock();
    const { stop, costs, reports } = drain(cg(f, new Float64Array([-1.2, 1]), { iterations: 200 }));
    expect(stop.stoppedBy).toBe('converged');
    expect(stop.theta[0]).toBeCloseTo(1, 8);
    expect(stop.theta[1]).toBeCloseTo(1, 8);
    expect(costs.at(-1)).toBeLessThan(1e-15);
    expect(costs[0]).toBeLessThan(24.2); // J(−1.2, 1) = 24.2
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeLessThan(costs[i - 1]);
    expect(reports.map((r) => r.iteration)).toEqual(costs.map((_, i) => i + 1));
    expect(stop.evaluations).toBe(f.calls);
    expect(reports.at(-1)!.evaluations).toBe(f.calls);
  });

  test('iterations = 1 performs exactly one line search', () => {
    const { reports, stop } = drain(cg(rosenbrock(), new Float64Array([-1.2, 1]), { iterations: 1 }));
    expect(reports.length).toBe(1);
    expect(stop.stoppedBy).toBe('iterations');
    expect(reports[0].cost).toBeLessThan(24.2);
  });

  test('two failed line searches in a row stop the run at the starting Θ: 1 + 21 + 21 evaluations', () => {
    // MAX = 20 evaluations after each line search's first trial, as fmincg counts them.
    const f = lyingGradient();
    const { reports, stop } = drain(cg(f, new Float64Array([2]), { iterations: 50 }));
    expect(stop.stoppedBy).toBe('converged');
    expect(stop.theta[0]).toBe(2);
    expect(stop.evaluations).toBe(43);
    expect(f.calls).toBe(43);
    // The first failure is reported (it used an iteration) with J unchanged; the second ends the run.
    expect(reports.map((r) => [r.iteration, r.cost])).toEqual([[1, 4]]);
  });

  test('a trial step where J overflows to ∞ is taken as too far: the line search backs off and still reaches the minimum', () => {
    const f = walled(rosenbrock(), 1.3);
    const { stop } = drain(cg(f, new Float64Array([-1.2, 1]), { iterations: 100 }));
    expect(f.infinite).toBeGreaterThan(0);
    expect(stop.stoppedBy).toBe('converged');
    expect(Math.abs(stop.theta[0] - 1)).toBeLessThan(1e-9);
    expect(Math.abs(stop.theta[1] - 1)).toBeLessThan(1e-9);
  });

  test('a NaN cost stops the run with an error naming the iteration and evaluation', () => {
    expect(() => drain(cg(poisoned(rosenbrock(), 1), new Float64Array([-1.2, 1]), { iterations: 5 }))).toThrow(
      'cg: the cost became NaN at the starting Θ, evaluation 1',
    );
    expect(() => drain(cg(poisoned(rosenbrock(), 6), new Float64Array([-1.2, 1]), { iterations: 5 }))).toThrow(
      /^cg: the cost became NaN in iteration 2, evaluation 6$/,
    );
  });

  test('starting at the minimum stops at once as converged, after the one evaluation', () => {
    const f = quadratic(A, b);
    const { reports, stop } = drain(cg(f, Float64Array.from(thetaStar), { iterations: 10 }));
    expect(reports).toEqual([]);
    expect(stop).toMatchObject({ stoppedBy: 'converged', evaluations: 1 });
  });
});

describe('cg on Ng’s network', () => {
  test('8-6-4, λ = 1, m = 40: J never rises and 50 line searches come within 1e-6 of the minimum L-BFGS-B finds', () => {
    const sizes = [8, 6, 4];
    const m = 40;
    const X = new Float64Array(m * 8);
    const y = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      y[i] = (i + 1) % 4;
      for (let j = 0; j < 8; j++) X[i * 8 + j] = Math.sin(1 + i + j * m);
    }
    const f = createLoopCost(sizes, { X, y, m, n: 8 }, 1);
    const theta0 = new Float64Array(6 * 9 + 4 * 7).map((_, k) => Math.sin(k + 1) / 10);
    const { costs } = drain(cg(f, theta0, { iterations: 50 }));
    expect(costs[0]).toBeLessThan(2.747772068070716); // J(Θ₀), from scripts/reference/lbfgs_scipy.py
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeLessThanOrEqual(costs[i - 1]);
    expect(costs.at(-1)! - 2.249340583371259).toBeLessThan(1e-6); // scipy's converged J
  });
});
