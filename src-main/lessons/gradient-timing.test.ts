import { describe, expect, it } from 'vitest';
import { timeGradients, TimingCancelled, TIMING_SIZES } from './gradient-timing';

describe('timeGradients', () => {
  it('checks every parameter (2 evaluations each) and finds backprop agreeing with central differences', async () => {
    const progress: [number, number][] = [];
    const r = await timeGradients({
      m: 4,
      sizes: [5, 4, 3],
      onProgress: (done, total) => progress.push([done, total]),
    });
    // (4·6) + (3·5) = 39 parameters
    expect([r.parameters, r.evaluations, r.m]).toEqual([39, 78, 4]);
    expect(progress[progress.length - 1]).toEqual([39, 39]);
    expect(r.relativeDifference).toBeLessThan(1e-9);
    expect(r.maxRelativeDifference).toBeLessThan(1e-7);
    expect(r.backpropMs).toBeGreaterThan(0);
    expect(r.ratio).toBe(r.numericMs / r.backpropMs);
  });

  it('stops with TimingCancelled when the signal aborts while the numerical gradient is running', async () => {
    expect(TIMING_SIZES).toEqual([784, 25, 10]);
    const controller = new AbortController();
    let reported = 0;
    const timing = timeGradients({
      m: 2,
      signal: controller.signal,
      onProgress: (done) => {
        reported = done;
        controller.abort();
      },
    });
    await expect(timing).rejects.toBeInstanceOf(TimingCancelled);
    expect(reported).toBeGreaterThan(0);
    expect(reported).toBeLessThan(19_885);
  });

  it('refuses m that is not a whole number ≥ 1', async () => {
    await expect(timeGradients({ m: 0 })).rejects.toThrow('m must be a whole number ≥ 1, got 0');
  });
});
