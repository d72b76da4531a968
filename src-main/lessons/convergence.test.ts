import { describe, expect, it } from 'vitest';
import { convergence } from './convergence';

const curve = (iteration: number[], cost: number[]) => ({ iteration, cost });

describe('the stated convergence criterion (0.1 % over the last 50 iterations, or an early stop)', () => {
  it('counts J falling 1.0 → 0.9995 over the last 50 of 100 as converged (drop 0.05 %)', () => {
    const c = convergence(curve([0, 50, 100], [2, 1, 0.9995]), 100);
    expect(c).toMatchObject({ converged: true, reason: 'flat', lastIteration: 100 });
    expect(c.drop).toBeCloseTo(0.0005, 12);
  });
  it('counts J falling 1.0 → 0.99 over the last 50 as not converged: the budget ran out (drop 1 %)', () => {
    const c = convergence(curve([0, 50, 100], [2, 1, 0.99]), 100);
    expect(c).toMatchObject({ converged: false, reason: 'budget', lastIteration: 100 });
    expect(c.drop).toBeCloseTo(0.01, 12);
  });
  it('puts the boundary at exactly 0.1 %: a drop of 0.1 % is not less than 0.1 %', () => {
    expect(convergence(curve([50, 100], [1, 0.999]), 100).converged).toBe(false);
    expect(convergence(curve([50, 100], [1, 0.9991]), 100).converged).toBe(true);
  });
  it('uses the curve point at or before t − 50 when the curve is thinned (J(40) = 1.0, J(90) unused)', () => {
    const c = convergence(curve([0, 40, 60, 100], [4, 1, 0.5, 0.9]), 100);
    expect(c.drop).toBeCloseTo(0.1, 12); // (1.0 − 0.9) / 1.0, from iteration 40 ≤ 50
    expect(c.reason).toBe('budget');
  });
  it('counts a run that stopped before its budget as converged whatever the slope (60 of 200 iterations)', () => {
    expect(convergence(curve([0, 10, 60], [2, 1.5, 1]), 200)).toMatchObject({
      converged: true,
      reason: 'optimizer',
      lastIteration: 60,
    });
    expect(convergence(curve([0, 30], [2, 1]), 200)).toMatchObject({
      converged: true,
      reason: 'optimizer',
      drop: null,
    });
  });
  it('cannot tell for a run that used a budget shorter than the window (30 of 30)', () => {
    expect(convergence(curve([0, 30], [2, 1]), 30)).toEqual({
      converged: false,
      reason: 'short',
      drop: null,
      lastIteration: 30,
    });
  });
});
