import { describe, expect, it } from 'vitest';
import { evolutionStart, type StartCandidate } from './evolution-start';

const metrics = (trainAccuracy: number, testAccuracy: number | null) => ({
  trainAccuracy,
  validationAccuracy: null,
  testAccuracy,
  finalCost: 0.3,
  durationMs: 1000,
  costEvaluations: 51,
});
const run = (id: number, status: StartCandidate['status'], m: StartCandidate['metrics'], createdAt = id * 1000) => ({
  id,
  status,
  createdAt,
  metrics: m,
});

describe('evolutionStart', () => {
  const runs = [
    run(1, 'finished', metrics(0.95, 0.91)),
    run(2, 'finished', metrics(1, 0.745)), // λ = 0 on 300 examples: perfect on training, worst on test
    run(3, 'cancelled', null),
    run(4, 'finished', metrics(0.97, 0.93)),
    run(5, 'finished', metrics(0.1, 0.1)), // the symmetry lesson's zero-Θ₀ run, the newest
  ];
  it('opens the run it was launched from', () => {
    expect(evolutionStart(runs, 2)).toEqual({ id: 2, reason: 'launched' });
    expect(evolutionStart(runs, 3)).toEqual({ id: 3, reason: 'launched' });
  });
  it('opens the best finished run by test accuracy otherwise, not the newest', () => {
    expect(evolutionStart(runs, null)).toEqual({ id: 4, reason: 'best' });
    // a run launched from that is not in the list (deleted meanwhile) falls back to the best
    expect(evolutionStart(runs, 99)).toEqual({ id: 4, reason: 'best' });
  });
  it('breaks ties toward the newer run and uses training accuracy when no run has a test set', () => {
    expect(
      evolutionStart([run(1, 'finished', metrics(0.9, 0.9)), run(2, 'finished', metrics(0.8, 0.9))], null),
    ).toEqual({ id: 2, reason: 'best' });
    expect(
      evolutionStart([run(1, 'finished', metrics(0.99, null)), run(2, 'finished', metrics(0.8, null))], null),
    ).toEqual({ id: 1, reason: 'best' });
  });
  it('falls back to the newest run when none finished, and to nothing without runs', () => {
    expect(evolutionStart([run(1, 'cancelled', null), run(2, 'cancelled', null)], null)).toEqual({
      id: 2,
      reason: 'latest',
    });
    expect(evolutionStart([], 1)).toBeNull();
  });
});
