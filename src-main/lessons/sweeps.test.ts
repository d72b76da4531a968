import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import {
  bestLambda,
  curvePoints,
  implementationsPlan,
  learningCurvePlan,
  OVERFIT_ITERATIONS,
  OVERFIT_LAMBDA,
  OVERFIT_TRAIN_SIZE,
  overfitPlan,
  seedsPlan,
  symmetryPlan,
  spread,
  validationCurvePlan,
  VALIDATION_CURVE_LAMBDAS,
  type CurvePoint,
  type SweptRun,
  distinctSweepName,
} from './sweeps';

const base = {
  hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [25], lambda: 1, seed: 7, iterations: 40 },
  dataset: { ...DEFAULT_DATASET, trainSize: 3000, validationSize: 1000, testSize: 1000, dataSeed: 4 },
};

describe('validationCurvePlan', () => {
  it("plans ex5's ten λ values by default, changing nothing else", () => {
    const plan = validationCurvePlan(base);
    expect(VALIDATION_CURVE_LAMBDAS).toEqual([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
    expect(plan.map((p) => p.hyperparameters.lambda)).toEqual([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
    expect(plan.map((p) => p.x)).toEqual([0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10]);
    for (const p of plan) {
      expect({ ...p.hyperparameters, lambda: 1 }).toEqual(base.hyperparameters);
      expect(p.dataset).toEqual(base.dataset);
    }
    expect(plan[4].name).toBe('Validation curve · λ = 0.03');
  });

  it('trains each λ from several seeds when asked, the same seeds for every λ', () => {
    const plan = validationCurvePlan(base, [0, 1], 3);
    expect(plan.map((p) => [p.x, p.hyperparameters.lambda, p.hyperparameters.seed])).toEqual([
      [0, 0, 7],
      [0, 0, 8],
      [0, 0, 9],
      [1, 1, 7],
      [1, 1, 8],
      [1, 1, 9],
    ]);
    expect(plan[4].name).toBe('Validation curve · λ = 1 · seed 8');
    for (const p of plan) expect(p.dataset).toEqual(base.dataset);
    expect(() => validationCurvePlan(base, [0], 0)).toThrow('seeds per point must be a whole number ≥ 1, got 0');
  });

  it('plans a chosen subset, e.g. 3 points', () => {
    expect(validationCurvePlan(base, [0, 1, 10]).map((p) => p.hyperparameters.lambda)).toEqual([0, 1, 10]);
    expect(validationCurvePlan(base, [3]).length).toBe(1);
  });

  it('rejects empty, negative, repeated or out-of-range λ', () => {
    expect(() => validationCurvePlan(base, [])).toThrow(
      'λ values: the list is empty; a sweep needs at least one value',
    );
    expect(() => validationCurvePlan(base, [0, -1])).toThrow('λ values: value 1 is -1, expected a finite number ≥ 0');
    expect(() => validationCurvePlan(base, [1, 1])).toThrow('λ values: 1 appears twice');
    expect(() => validationCurvePlan(base, [1e7])).toThrow('hyperparameters: lambda:');
  });
});

describe('learningCurvePlan', () => {
  it('changes only the training-set size', () => {
    const plan = learningCurvePlan(base, [10, 100, 1000]);
    expect(plan.map((p) => p.dataset.trainSize)).toEqual([10, 100, 1000]);
    expect(plan.map((p) => p.x)).toEqual([10, 100, 1000]);
    for (const p of plan) {
      expect({ ...p.dataset, trainSize: 3000 }).toEqual(base.dataset);
      expect(p.hyperparameters).toEqual(base.hyperparameters);
    }
    expect(plan[0].name).toBe('Learning curve · m = 10');
  });

  it('trains each m from several seeds, never changing the data between them', () => {
    const plan = learningCurvePlan(base, [10, 100], 2);
    expect(plan.map((p) => [p.x, p.dataset.trainSize, p.hyperparameters.seed])).toEqual([
      [10, 10, 7],
      [10, 10, 8],
      [100, 100, 7],
      [100, 100, 8],
    ]);
    expect(plan.map((p) => p.dataset.dataSeed)).toEqual([4, 4, 4, 4]);
    expect(plan[1].name).toBe('Learning curve · m = 10 · seed 8');
    const high = { ...base, hyperparameters: { ...base.hyperparameters, seed: 2 ** 32 - 1 } };
    expect(() => learningCurvePlan(high, [10], 2)).toThrow(
      'seeds 4294967295…4294967296 go past the largest seed 2³²−1',
    );
  });

  it('has sensible default sizes up to the default training set', () => {
    expect(learningCurvePlan(base).map((p) => p.x)).toEqual([50, 100, 200, 500, 1000, 2000, 5000]);
  });

  it('rejects sizes that are not whole numbers ≥ 1', () => {
    expect(() => learningCurvePlan(base, [0])).toThrow('training-set sizes: value 0 is 0, expected a whole number ≥ 1');
    expect(() => learningCurvePlan(base, [10, 2.5])).toThrow('training-set sizes: value 1 is 2.5');
  });
});

describe('seedsPlan', () => {
  it('gives n runs with seeds base, base + 1, …', () => {
    const plan = seedsPlan(base, 3);
    expect(plan.map((p) => p.hyperparameters.seed)).toEqual([7, 8, 9]);
    expect(plan.map((p) => p.name)).toEqual(['Seeds · seed 7', 'Seeds · seed 8', 'Seeds · seed 9']);
    expect(seedsPlan(base, 1).length).toBe(1);
  });

  it('rejects n < 1 and seeds past 2³²−1', () => {
    expect(() => seedsPlan(base, 0)).toThrow('seeds plan: n must be a whole number ≥ 1, got 0');
    const high = { ...base, hyperparameters: { ...base.hyperparameters, seed: 2 ** 32 - 2 } };
    expect(seedsPlan(high, 2).map((p) => p.x)).toEqual([4294967294, 4294967295]);
    expect(() => seedsPlan(high, 3)).toThrow('seeds plan: seeds 4294967294…4294967296 go past the largest seed 2³²−1');
  });
});

const run = (lambda: number, trainAccuracy: number, validationAccuracy: number | null, trainSize = 5000): SweptRun => ({
  lambda,
  trainSize,
  metrics: { trainAccuracy, validationAccuracy },
});

describe('curvePoints', () => {
  it('turns accuracies into errors per λ, ascending, skipping unfinished runs', () => {
    const points = curvePoints(
      [run(1, 0.96, 0.93), run(0, 1, 0.9), { lambda: 3, trainSize: 5000, metrics: null }, run(10, 0.875, 0.859375)],
      'lambda',
    );
    expect(points).toEqual([
      {
        x: 0,
        trainError: 0,
        validationError: 0.09999999999999998,
        runs: 1,
        trainErrorSd: null,
        validationErrorSd: null,
      },
      {
        x: 1,
        trainError: 0.040000000000000036,
        validationError: 0.06999999999999995,
        runs: 1,
        trainErrorSd: null,
        validationErrorSd: null,
      },
      { x: 10, trainError: 0.125, validationError: 0.140625, runs: 1, trainErrorSd: null, validationErrorSd: null },
    ]);
  });

  it('averages runs that share an x and groups by training-set size for learning curves', () => {
    const points = curvePoints([run(1, 0.75, 0.5, 100), run(1, 0.5, null, 100), run(1, 1, 0.75, 10)], 'trainSize');
    expect(points).toEqual([
      { x: 10, trainError: 0, validationError: 0.25, runs: 1, trainErrorSd: null, validationErrorSd: null },
      // sd of 0.25 and 0.5 (n − 1): 0.1767766952966369; only one of the two has a validation set
      {
        x: 100,
        trainError: 0.375,
        validationError: 0.5,
        runs: 2,
        trainErrorSd: 0.1767766952966369,
        validationErrorSd: null,
      },
    ]);
  });

  it('gives no points for no finished runs, and null validation error without a validation set', () => {
    expect(curvePoints([], 'lambda')).toEqual([]);
    expect(curvePoints([{ lambda: 1, trainSize: 5, metrics: null }], 'lambda')).toEqual([]);
    expect(curvePoints([run(0.5, 0.75, null)], 'lambda')).toEqual([
      { x: 0.5, trainError: 0.25, validationError: null, runs: 1, trainErrorSd: null, validationErrorSd: null },
    ]);
  });
});

describe('bestLambda', () => {
  const p = (x: number, validationError: number | null): CurvePoint => ({
    x,
    trainError: 0,
    validationError,
    runs: 1,
    trainErrorSd: null,
    validationErrorSd: null,
  });

  it('picks the lowest validation error', () => {
    expect(bestLambda([p(0, 0.25), p(1, 0.125), p(10, 0.5)])!.x).toBe(1);
  });

  it('on a tie prefers the larger λ, the simpler model, whatever the order', () => {
    expect(bestLambda([p(0.3, 0.125), p(3, 0.125), p(1, 0.25)])!.x).toBe(3);
    expect(bestLambda([p(3, 0.125), p(0.3, 0.125)])!.x).toBe(3);
    // the same count misclassified, averaged in a different order, still counts as a tie
    expect(bestLambda([p(1, 0.1 + 0.2), p(3, 0.3)])!.x).toBe(3);
  });

  it('is null with no points or no validation errors, and ignores points without one', () => {
    expect(bestLambda([])).toBeNull();
    expect(bestLambda([p(1, null)])).toBeNull();
    expect(bestLambda([p(10, null), p(1, 0.5)])!.x).toBe(1);
  });
});

describe('spread', () => {
  it('summarizes test accuracies of several seeds', () => {
    const s = spread([0.95, 0.93, 0.94, 0.96]);
    expect(s).toMatchObject({ count: 4, min: 0.93, max: 0.96, median: 0.945 }); // median (0.94 + 0.95) / 2
    expect(s.mean).toBeCloseTo(0.945, 15);
    // deviations ±0.005, ±0.015: √((2·0.005² + 2·0.015²) / 3) = √(0.0005 / 3), as Octave's std([0.95 0.93 0.94 0.96])
    expect(s.standardDeviation).toBeCloseTo(0.012909944487358, 15);
  });

  it('takes the middle value for an odd count', () => {
    const s = spread([2, 9, 4]);
    expect(s.median).toBe(4);
    expect(s.mean).toBe(5);
    expect(s.standardDeviation).toBeCloseTo(Math.sqrt(13), 15); // (9 + 16 + 1) / 2 = 13
  });

  it('has standard deviation 0 for a single value and NaN statistics for none', () => {
    expect(spread([0.9])).toEqual({ count: 1, min: 0.9, max: 0.9, mean: 0.9, standardDeviation: 0, median: 0.9 });
    const empty = spread([]);
    expect(empty.count).toBe(0);
    expect([empty.min, empty.max, empty.mean, empty.standardDeviation, empty.median].every(Number.isNaN)).toBe(true);
  });

  it('rejects a value that is not a finite number, naming its position', () => {
    expect(() => spread([1, Number.NaN])).toThrow('spread: value 1 is NaN, not a finite number');
  });
});

describe('symmetryPlan, implementationsPlan, overfitPlan', () => {
  it('symmetry: zeros at x = 0 and uniform at x = 1, nothing else changed', () => {
    const plan = symmetryPlan({ ...base, hyperparameters: { ...base.hyperparameters, init: 'zeros' } });
    expect(plan.map((p) => [p.name, p.hyperparameters.init, p.x])).toEqual([
      ['Symmetry lesson · all-zero Θ₀', 'zeros', 0],
      ['Symmetry lesson · random Θ₀', 'uniform', 1],
    ]);
    for (const p of plan) expect({ ...p.hyperparameters, init: 'uniform' }).toEqual(base.hyperparameters);
  });

  it('implementations: loop, vectorized, fast at x = 0, 1, 2 with the same seed', () => {
    const plan = implementationsPlan(base);
    expect(plan.map((p) => [p.name, p.hyperparameters.impl, p.hyperparameters.seed, p.x])).toEqual([
      ['Loop vs vectorized · loop', 'loop', 7, 0],
      ['Loop vs vectorized · vectorized', 'vectorized', 7, 1],
      ['Loop vs vectorized · fast', 'fast', 7, 2],
    ]);
    for (const p of plan) expect({ ...p.hyperparameters, impl: 'fast' }).toEqual(base.hyperparameters);
    for (const p of plan) expect(p.dataset).toEqual(base.dataset);
  });

  it('overfit: λ = 0 against the chosen λ (default 1); λ must be > 0', () => {
    expect(overfitPlan(base, 3).map((p) => [p.name, p.hyperparameters.lambda, p.x])).toEqual([
      ['Overfitting lesson · no regularization λ = 0', 0, 0],
      ['Overfitting lesson · regularized λ = 3', 3, 3],
    ]);
    expect(overfitPlan(base).map((p) => p.x)).toEqual([0, 1]);
    // From 3 seeds: the λ = 0 group first, then the λ group, the same seeds in each.
    expect(overfitPlan(base, 3, 3).map((p) => [p.x, p.hyperparameters.seed])).toEqual([
      [0, 7],
      [0, 8],
      [0, 9],
      [3, 7],
      [3, 8],
      [3, 9],
    ]);
    expect(overfitPlan(base, 3, 2)[3].name).toBe('Overfitting lesson · regularized λ = 3 · seed 8');
    expect([OVERFIT_TRAIN_SIZE, OVERFIT_ITERATIONS, OVERFIT_LAMBDA]).toEqual([300, 400, 1]);
    expect(() => overfitPlan(base, 0)).toThrow(
      'overfit plan: λ must be a finite number > 0 to compare with λ = 0, got 0',
    );
    expect(() => overfitPlan(base, NaN)).toThrow('got NaN');
  });
});

describe('distinctSweepName', () => {
  it('the title for the first sweep, then numbered past every name taken', () => {
    expect(distinctSweepName('Symmetry', [])).toBe('Symmetry');
    expect(distinctSweepName('Symmetry', ['Symmetry', 'Seeds'])).toBe('Symmetry 2');
    expect(distinctSweepName('Symmetry', ['Symmetry', 'Symmetry 2', 'Symmetry 4'])).toBe('Symmetry 3');
  });
});
