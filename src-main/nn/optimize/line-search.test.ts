import { describe, expect, test } from 'vitest';
import { MoreThuente, type LineSearchTolerances } from './line-search';

/** Runs the search on φ to the end; returns the final status, evaluations and step. */
function search(phi: (a: number) => [number, number], stp0: number, tol: LineSearchTolerances) {
  const ls = new MoreThuente(tol);
  const [f0, g0] = phi(0);
  let status = ls.start(f0, g0, stp0);
  let evaluations = 0;
  while (status === 'evaluate') {
    const [f, g] = phi(ls.stp);
    evaluations++;
    status = ls.next(f, g);
  }
  return { status, evaluations, stp: ls.stp, slope: phi(ls.stp)[1], value: phi(ls.stp)[0], f0, g0 };
}

describe('Moré–Thuente line search, the paper’s test functions (ACM TOMS 20(3), 1994, Tables 1 and 2)', () => {
  // (5.1) φ(α) = −α/(α² + β), β = 2, ftol = 0.001, gtol = 0.1: the paper's evaluations, α and φ′(α).
  const phi1 = (a: number): [number, number] => [-a / (a * a + 2), (a * a - 2) / (a * a + 2) ** 2];
  const tol1 = { ftol: 1e-3, gtol: 0.1, xtol: 1e-10, stpmin: 0, stpmax: 1e10 };
  test.each([
    [1e-3, 6, 1.4, -9.2e-3],
    [1e-1, 3, 1.4, 4.7e-3],
    [10, 1, 10, 9.4e-3],
    [1000, 4, 37, 7.3e-4],
  ])('function 5.1 from α₀ = %s: %i evaluations, α ≈ %s, φ′ ≈ %s', (a0, evaluations, stp, slope) => {
    const r = search(phi1, a0, tol1);
    expect(r.status).toBe('converged');
    expect(r.evaluations).toBe(evaluations);
    expect(Number(r.stp.toPrecision(2))).toBe(stp);
    expect(Number(r.slope.toPrecision(2))).toBe(slope);
  });

  // (5.2) φ(α) = (α + 0.004)⁵ − 2(α + 0.004)⁴, ftol = gtol = 0.1: minimizer α* = 1.596.
  const phi2 = (a: number): [number, number] => {
    const b = a + 0.004;
    return [b ** 5 - 2 * b ** 4, 5 * b ** 4 - 8 * b ** 3];
  };
  const tol2 = { ftol: 0.1, gtol: 0.1, xtol: 1e-10, stpmin: 0, stpmax: 1e10 };
  test.each([
    [1e-3, 12],
    [1e-1, 8],
    [10, 8],
    [1000, 11],
  ])('function 5.2 from α₀ = %s: %i evaluations, α = 1.6 with |φ′| < 1e-7', (a0, evaluations) => {
    const r = search(phi2, a0, tol2);
    expect(r.status).toBe('converged');
    expect(r.evaluations).toBe(evaluations);
    expect(r.stp).toBeCloseTo(1.596, 7);
    expect(Math.abs(r.slope)).toBeLessThan(1e-7);
  });
});

describe('Moré–Thuente line search, strong Wolfe conditions', () => {
  const tol = { ftol: 1e-3, gtol: 0.9, xtol: 0.1, stpmin: 0, stpmax: 1e10 };

  test('a unit step on φ(α) = (α − 1)² is accepted at once', () => {
    const r = search((a) => [(a - 1) ** 2, 2 * (a - 1)], 1, tol);
    expect(r).toMatchObject({ status: 'converged', evaluations: 1, stp: 1, value: 0 });
  });

  test('a step far too short is extrapolated until the curvature condition holds', () => {
    const r = search((a) => [(a - 100) ** 2, 2 * (a - 100)], 1, tol);
    expect(r.status).toBe('converged');
    expect(r.evaluations).toBeGreaterThan(1);
    expect(r.value).toBeLessThanOrEqual(r.f0 + tol.ftol * r.stp * r.g0);
    expect(Math.abs(r.slope)).toBeLessThanOrEqual(tol.gtol * Math.abs(r.g0));
  });

  test('a step far too long is cut back into the bracket', () => {
    const r = search((a) => [(a - 0.01) ** 2, 2 * (a - 0.01)], 1000, tol);
    expect(r.status).toBe('converged');
    expect(r.stp).toBeLessThan(0.02);
    expect(r.value).toBeLessThanOrEqual(r.f0 + tol.ftol * r.stp * r.g0);
    expect(Math.abs(r.slope)).toBeLessThanOrEqual(tol.gtol * Math.abs(r.g0));
  });

  test('an uphill direction is refused with the slope in the message', () => {
    expect(() => new MoreThuente(tol).start(0, 2, 1)).toThrow('line search: the direction is not downhill (slope 2)');
    expect(() => new MoreThuente(tol).start(0, 0, 1)).toThrow('not downhill (slope 0)');
  });

  test('a first step outside [stpmin, stpmax] is refused', () => {
    expect(() => new MoreThuente(tol).start(0, -1, -1)).toThrow('first step -1 is outside [0, 10000000000]');
  });
});
