/**
 * The overfitting rule on real runs: the New run presets "Overfit" (λ = 0) and "Regularized" (λ = 1),
 * seeds 1–3 as "3 runs" of a preset starts them, trained here in full (300 examples, 400 iterations of
 * cg, Θ₀ in ±2), judged from their J_cv snapshots and training J exactly as Run detail and Live run do.
 */
import { describe, expect, it } from 'vitest';
import { OVERFIT_SETTINGS } from '../lessons/overfit-settings';
import { overfitVerdict, type CostPoint } from '../lessons/overfit-verdict';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { train } from '../training/train';

async function judge(lambda: number, seed: number) {
  const validation: CostPoint[] = [];
  const outcome = await train(
    {
      hyperparameters: {
        ...DEFAULT_HYPERPARAMETERS,
        hiddenLayers: [...OVERFIT_SETTINGS.hiddenLayers],
        iterations: OVERFIT_SETTINGS.iterations,
        epsilon: OVERFIT_SETTINGS.epsilon,
        lambda,
        seed,
      },
      dataset: {
        ...DEFAULT_DATASET,
        trainSize: OVERFIT_SETTINGS.trainSize,
        validationSize: OVERFIT_SETTINGS.validationSize,
        testSize: OVERFIT_SETTINGS.testSize,
      },
    },
    {
      onSnapshot: (s) => {
        if (s.validationCost != null) validation.push({ x: s.iteration, y: s.validationCost });
      },
    },
  );
  const training = outcome.costHistory.map((p) => ({ x: p.iteration, y: p.cost }));
  return overfitVerdict(validation, training)!;
}

describe('the overfitting verdict on the presets', () => {
  // Lowest J_cv, its iteration and the last J_cv of each seed, as the CLI's runs stored them.
  it.each([
    [1, 1.9437, 20, 7.6547],
    [2, 1.7011, 20, 5.4724],
    [3, 1.7907, 20, 5.6855],
  ])('fires on Overfit (λ = 0), seed %i: J_cv %f at iteration %i → %f', async (seed, lowest, at, last) => {
    const v = await judge(0, seed);
    expect(v.kind).toBe('overfitting');
    expect(v.lowest).toBeCloseTo(lowest, 3);
    expect(v.lowestIteration).toBe(at);
    expect(v.last).toBeCloseTo(last, 3);
  });

  it.each([
    [1, 1.0505, 180, 1.0623],
    [2, 1.0421, 400, 1.0421],
    [3, 1.0727, 400, 1.0727],
  ])('does not fire on Regularized (λ = 1), seed %i: J_cv %f at iteration %i → %f', async (seed, lowest, at, last) => {
    const v = await judge(OVERFIT_SETTINGS.lambda, seed);
    expect(v.kind).toBe('no-clear-rise');
    expect(v.lowest).toBeCloseTo(lowest, 3);
    expect(v.lowestIteration).toBe(at);
    expect(v.last).toBeCloseTo(last, 3);
  });
});
