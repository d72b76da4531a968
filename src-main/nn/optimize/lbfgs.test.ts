/**
 * L-BFGS against scipy's L-BFGS-B (Fortran v3.0, scipy 1.10.1 / numpy 1.24.2 from Debian; scipy 1.17.1
 * agrees to 11 digits). The literals come from scripts/reference/lbfgs_scipy.py, which defines the
 * same problems; after the same number of iterations our J must be no higher than scipy's + 1e-10.
 */
import { describe, expect, test } from 'vitest';
import { createLoopCost } from '../loop';
import { LBFGS_DEFAULTS, lbfgs } from './lbfgs';
import { drain, lyingGradient, poisoned, quadratic, rosenbrock, walled } from './test-problems';

const TOLERANCE = 1e-10;

/** Ng's cost of an 8-6-4 network, λ = 1, on 40 sin-valued examples, as the reference script builds it. */
function debugNetwork() {
  const sizes = [8, 6, 4];
  const m = 40;
  const n = sizes[0];
  const X = new Float64Array(m * n);
  const y = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    y[i] = (i + 1) % sizes[2];
    for (let j = 0; j < n; j++) X[i * n + j] = Math.sin(1 + i + j * m); // column-major numbering, as Ng's debug data
  }
  const f = createLoopCost(sizes, { X, y, m, n }, 1);
  const theta0 = new Float64Array(6 * 9 + 4 * 7).map((_, k) => Math.sin(k + 1) / 10);
  return { f, theta0 };
}

describe('lbfgs against scipy L-BFGS-B', () => {
  // [iterations, scipy's J, scipy's nfev]
  test.each([
    [1, 4.225209187581896, 3],
    [2, 4.127275523932904, 4],
    [5, 4.087545016268825, 7],
    [10, 2.9280303063903053, 12],
    [20, 0.3989229609807566, 25],
    [30, 0.003400012777707717, 38],
  ])('Rosenbrock from (−1.2, 1), %i iterations: J ≤ %s, with scipy’s %i evaluations', (N, scipyJ, nfev) => {
    const { reports, stop } = drain(lbfgs(rosenbrock(), new Float64Array([-1.2, 1]), { iterations: N }));
    expect(reports.length).toBe(N);
    expect(stop.stoppedBy).toBe('iterations');
    expect(reports[N - 1].cost).toBeLessThanOrEqual(scipyJ + TOLERANCE);
    expect(reports[N - 1].cost).toBeCloseTo(scipyJ, 9); // the same algorithm, not just as good
    expect(stop.evaluations).toBe(nfev);
  });

  test.each([
    [1, 2.290409246519298, 2],
    [5, 2.258972140615639, 6],
    [10, 2.2494253058417377, 11],
    [20, 2.2493406943213112, 23],
  ])('Ng’s network 8-6-4, λ = 1, m = 40, %i iterations: J ≤ %s, with scipy’s %i evaluations', (N, scipyJ, nfev) => {
    const { f, theta0 } = debugNetwork();
    expect(f.evaluate(theta0, new Float64Array(theta0.length))).toBeCloseTo(2.747772068070716, 13);
    const { reports, stop } = drain(lbfgs(f, theta0, { iterations: N }));
    expect(reports[N - 1].cost).toBeLessThanOrEqual(scipyJ + TOLERANCE);
    expect(reports[N - 1].cost).toBeCloseTo(scipyJ, 9);
    expect(stop.evaluations).toBe(nfev);
  });

  test('Ng’s network: where scipy stops at its gradient tolerance (27 iterations, J = 2.249340583371259), we go lower', () => {
    const { f, theta0 } = debugNetwork();
    const { costs } = drain(lbfgs(f, theta0, { iterations: 50 }));
    expect(costs[26]).toBeLessThanOrEqual(2.249340583371259 + TOLERANCE);
    expect(costs.at(-1)).toBeLessThan(2.249340583371259);
  });
});

describe('lbfgs', () => {
  test('Rosenbrock from (−1.2, 1) converges to (1, 1) with J never rising', () => {
    const { stop, costs } = drain(lbfgs(rosenbrock(), new Float64Array([-1.2, 1]), { iterations: 200 }));
    expect(stop.stoppedBy).toBe('converged');
    expect(stop.theta[0]).toBeCloseTo(1, 10);
    expect(stop.theta[1]).toBeCloseTo(1, 10);
    expect(costs.at(-1)).toBeLessThan(1e-20);
    for (let i = 1; i < costs.length; i++) expect(costs[i]).toBeLessThanOrEqual(costs[i - 1]);
  });

  test('the 4-dimensional quadratic ends at θ* = A⁻¹b, J* = −9.875', () => {
    const A = [
      [4, 1, 0, 0],
      [1, 3, 1, 0],
      [0, 1, 2, 0.5],
      [0, 0, 0.5, 1],
    ];
    const { stop, costs } = drain(lbfgs(quadratic(A, [2, -2, 4.25, 2]), new Float64Array(4), { iterations: 100 }));
    expect(stop.stoppedBy).toBe('converged');
    [1, -2, 3, 0.5].forEach((v, i) => expect(stop.theta[i]).toBeCloseTo(v, 8)); // ‖∇J‖∞ ≤ 1e-10
    expect(costs.at(-1)).toBeCloseTo(-9.875, 14);
  });

  test('a 1-dimensional quadratic J = 3θ² − 6θ from θ = 5: the scaled first step, then the exact Newton step', () => {
    // ∇J(5) = 24, so the first step α = 1/24 along d = −24 reaches θ = 4, J = 24, where the slope
    // 18·(−24) = −432 already meets |φ′| ≤ 0.9·576. Then s = −1, y = 18 − 24 = −6, H₀ = sᵀy/yᵀy = 1/6,
    // d = −18/6 = −3 and the unit step lands on θ = 1, J = −3.
    const { stop, costs } = drain(lbfgs(quadratic([[6]], [6]), new Float64Array([5]), { iterations: 10 }));
    expect(costs).toEqual([24, -3]);
    expect(stop.theta[0]).toBe(1);
    expect(stop.stoppedBy).toBe('converged');
  });

  test('a custom tuning’s stpmax bounds the first step too: stpmax 0.01 on J = 3θ² − 6θ from θ = 5 stops at θ = 4.76', () => {
    // The scaled first step would be α = 1/24; capped at 0.01 along d = −24 it reaches θ = 5 − 0.24 = 4.76,
    // J = 3·4.76² − 6·4.76 = 39.4128, where the search stops at stpmax with J lower, so the step is taken.
    const tuning = { ...LBFGS_DEFAULTS, lineSearch: { ...LBFGS_DEFAULTS.lineSearch, stpmax: 0.01 } };
    const { stop, costs } = drain(lbfgs(quadratic([[6]], [6]), new Float64Array([5]), { iterations: 1 }, tuning));
    expect(stop.theta[0]).toBeCloseTo(4.76, 12);
    expect(costs[0]).toBeCloseTo(39.4128, 10);
  });

  test('iterations = 1 takes exactly one accepted step', () => {
    const { reports, stop } = drain(lbfgs(rosenbrock(), new Float64Array([-1.2, 1]), { iterations: 1 }));
    expect(reports.map((r) => r.iteration)).toEqual([1]);
    expect(stop.stoppedBy).toBe('iterations');
  });

  test('a line search that fails along −∇J with no memory ends the run at Θ₀ as converged', () => {
    const f = lyingGradient();
    const { reports, stop } = drain(lbfgs(f, new Float64Array([2]), { iterations: 10 }));
    expect(reports).toEqual([]);
    expect(stop.stoppedBy).toBe('converged');
    expect(stop.theta[0]).toBe(2);
    expect(stop.evaluations).toBe(f.calls);
    expect(f.calls).toBe(21); // the start and the 20 allowed trials
  });

  test('a trial step where J overflows to ∞ is taken as too far: the line search backs off and still reaches the minimum', () => {
    const f = walled(rosenbrock(), 1.3);
    const { stop } = drain(lbfgs(f, new Float64Array([-1.2, 1]), { iterations: 100 }));
    expect(f.infinite).toBeGreaterThan(0);
    expect(stop.stoppedBy).toBe('converged');
    expect(Math.abs(stop.theta[0] - 1)).toBeLessThan(1e-9);
    expect(Math.abs(stop.theta[1] - 1)).toBeLessThan(1e-9);
  });

  test('a NaN cost stops the run with an error naming the iteration', () => {
    expect(() => drain(lbfgs(poisoned(rosenbrock(), 5), new Float64Array([-1.2, 1]), { iterations: 10 }))).toThrow(
      /^lbfgs: the cost became NaN in iteration 3, evaluation 5$/,
    );
  });
});
