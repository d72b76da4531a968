import { describe, expect, it } from 'vitest';
import { estimateTrainingMs, type PlannedRun, type TimedRun } from './run-time-estimate';

const size = { hiddenLayers: [25], width: 28, height: 28, optimizer: 'cg', impl: 'fast' };
const plan = (trainSize: number, iterations: number): PlannedRun => ({ ...size, trainSize, iterations });
const done = (trainSize: number, lastIteration: number, durationMs: number, o: Partial<TimedRun> = {}): TimedRun => ({
  ...size,
  trainSize,
  status: 'finished',
  lastIteration,
  metrics: { durationMs },
  ...o,
});

describe('estimateTrainingMs', () => {
  it('sums each planned run: median ms per iteration of earlier runs of its size × its iterations', () => {
    // m = 1000: 10, 12 and 30 ms per iteration → median 12; m = 2000: 20 and 30 → median 25.
    const earlier = [
      done(1000, 50, 500),
      done(1000, 50, 600),
      done(1000, 10, 300),
      done(2000, 50, 1000),
      done(2000, 40, 1200),
    ];
    const e = estimateTrainingMs([plan(1000, 50), plan(1000, 50), plan(2000, 100)], earlier)!;
    expect(e.totalMs).toBe(12 * 50 + 12 * 50 + 25 * 100); // 3,700 ms
    expect(e.basedOn).toBe(5);
  });

  it('goes by iterations done, so a run that converged early counts at its own pace', () => {
    expect(estimateTrainingMs([plan(300, 400)], [done(300, 188, 376)])!.totalMs).toBe(800); // 2 ms × 400
  });

  it('gives no estimate when any planned size has not been trained here', () => {
    expect(estimateTrainingMs([plan(1000, 50), plan(5000, 50)], [done(1000, 50, 500)])).toBeNull();
    expect(estimateTrainingMs([], [done(1000, 50, 500)])).toBeNull();
  });

  it('ignores runs of another shape, optimizer or implementation, and unfinished ones', () => {
    const others = [
      done(1000, 50, 500, { hiddenLayers: [64] }),
      done(1000, 50, 500, { impl: 'loop' }),
      done(1000, 50, 500, { optimizer: 'lbfgs' }),
      done(1000, 50, 500, { width: 8, height: 8 }),
      done(1000, 50, 500, { status: 'cancelled' }),
      done(1000, 0, 500),
      { ...done(1000, 50, 500), metrics: null },
    ];
    expect(estimateTrainingMs([plan(1000, 50)], others)).toBeNull();
  });
});
