import { describe, expect, it } from 'vitest';
import { asPercent, lambdaPositions, msPerIteration, sweepProgress } from './sweep-view';

describe('sweepProgress', () => {
  it('is complete for an empty sweep', () => {
    expect(sweepProgress([])).toEqual({ done: 0, finished: 0, total: 0, fraction: 1 });
  });

  it('counts final runs whole and running ones by their iterations', () => {
    const runs = [
      { id: 1, status: 'finished' as const, iterations: 100, lastIteration: 100 },
      { id: 2, status: 'failed' as const, iterations: 100, lastIteration: 3 },
      { id: 3, status: 'running' as const, iterations: 100, lastIteration: 20 },
      { id: 4, status: 'queued' as const, iterations: 100, lastIteration: null },
    ];
    expect(sweepProgress(runs)).toEqual({ done: 2, finished: 1, total: 4, fraction: 2.2 / 4 });
    // a newer run.progress event moves the bar; an older one does not move it back
    expect(sweepProgress(runs, new Map([[3, 60]])).fraction).toBe(2.6 / 4);
    expect(sweepProgress(runs, new Map([[3, 5]])).fraction).toBe(2.2 / 4);
  });

  it('never counts a running run past 1', () => {
    const r = sweepProgress([{ id: 1, status: 'running', iterations: 10, lastIteration: 12 }]);
    expect(r.fraction).toBe(1);
    expect(r.done).toBe(0);
  });
});

describe('lambdaPositions', () => {
  it("spreads ex5's values by decades and puts 0 one decade left of 0.001", () => {
    const p = lambdaPositions([0, 0.001, 0.01, 1, 10]);
    expect(p).toEqual([-4, -3, -2, 0, 1]);
  });
  it('gives a lone 0 position 0, and an empty list nothing', () => {
    expect(lambdaPositions([0])).toEqual([0]);
    expect(lambdaPositions([])).toEqual([]);
  });
  it('refuses a negative λ, naming it', () => {
    expect(() => lambdaPositions([1, -0.5])).toThrow('λ value 1 is -0.5, not a finite number ≥ 0');
  });
});

describe('asPercent', () => {
  it('keeps null and scales fractions', () => {
    expect(asPercent(null)).toBeNull();
    expect(asPercent(0.25)).toBe(25);
  });
});

describe('msPerIteration', () => {
  it('times the iterations from J(Θ₀) on, leaving start-up out', () => {
    // 400 ms of loading before J(Θ₀), then 10 iterations in 250 ms
    expect(msPerIteration({ iteration: [0, 1, 5, 10], elapsedMs: [400, 420, 530, 650] })).toBe(25);
  });
  it('is null for fewer than two points', () => {
    expect(msPerIteration({ iteration: [], elapsedMs: [] })).toBeNull();
    expect(msPerIteration({ iteration: [0], elapsedMs: [12] })).toBeNull();
  });
});
