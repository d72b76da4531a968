import { describe, expect, test } from 'vitest';
import { minimize, minimizeSync, type IterationReport, type OptimizerSettings } from './minimize';
import { lineFit, quadratic, rosenbrock, slow } from './test-problems';

const BASE: OptimizerSettings = {
  optimizer: 'cg',
  iterations: 10,
  batchSize: 2,
  learningRate: 0.1,
  momentum: 0.5,
  seed: 3,
};
const OPTIMIZERS = ['cg', 'lbfgs', 'sgd'] as const;
/** A problem every optimizer can run: a line fit through 4 points (sgd needs examples). */
const problem = () => lineFit([0, 1, 2, 3], [1, 3, 2, 5]);

describe.each(OPTIMIZERS)('minimize with %s', (optimizer) => {
  const settings = { ...BASE, optimizer };

  test('leaves θ₀ untouched and returns a fresh Θ', () => {
    const theta0 = new Float64Array([0.25, -0.5]);
    const r = minimizeSync(problem(), theta0, settings);
    expect(Array.from(theta0)).toEqual([0.25, -0.5]);
    expect(r.theta).not.toBe(theta0);
    expect(Array.from(r.theta)).not.toEqual([0.25, -0.5]);
  });

  test('costHistory[i] is J after iteration i + 1, as reported, and is not J(Θ₀)', () => {
    const reports: IterationReport[] = [];
    const f = problem();
    const r = minimizeSync(f, new Float64Array(2), settings, { onIteration: (x) => reports.push({ ...x }) });
    expect(r.costHistory).toEqual(reports.map((x) => x.cost));
    expect(reports.map((x) => x.iteration)).toEqual(r.costHistory.map((_, i) => i + 1));
    expect(r.costHistory.length).toBeLessThanOrEqual(10);
    expect(r.costHistory[0]).toBeLessThan(f.evaluate(new Float64Array(2), new Float64Array(2)));
    expect(r.costHistory.at(-1)).toBe(f.evaluate(r.theta, new Float64Array(2)));
    expect(r.evaluations).toBe(reports.at(-1)!.evaluations);
    expect(r.evaluations).toBe(f.calls - 2); // minus the two checks above
  });

  test('iterations = 1 gives exactly one iteration', () => {
    const r = minimizeSync(problem(), new Float64Array(2), { ...settings, iterations: 1 });
    expect(r.costHistory).toHaveLength(1);
    expect(r.stoppedBy).toBe('iterations');
  });

  test('the async run gives exactly the sync run', async () => {
    const a = await minimize(problem(), new Float64Array(2), settings);
    expect(a).toEqual(minimizeSync(problem(), new Float64Array(2), settings));
  });

  test('aborting during iteration 3 stops after it, with what it has', async () => {
    const controller = new AbortController();
    const seen: Float64Array[] = [];
    const r = await minimize(problem(), new Float64Array(2), settings, {
      signal: controller.signal,
      onIteration: (x) => {
        seen.push(Float64Array.from(x.theta));
        if (x.iteration === 3) controller.abort();
      },
    });
    expect(r.stoppedBy).toBe('cancelled');
    expect(r.costHistory).toHaveLength(3);
    expect(r.theta).toEqual(seen[2]);
  });

  test('an abort arriving from outside (a message between iterations) stops within one iteration', async () => {
    const controller = new AbortController();
    let atAbort = -1;
    let count = 0;
    // 2 ms per evaluation: cg and lbfgs need ≈ 90 and 47 evaluations on Rosenbrock, sgd never converges.
    const f = optimizer === 'sgd' ? slow(problem(), 2) : slow(rosenbrock(), 2);
    const theta0 = new Float64Array(optimizer === 'sgd' ? [0, 0] : [-1.2, 1]);
    const run = minimize(
      f,
      theta0,
      { ...settings, iterations: 100_000 },
      {
        signal: controller.signal,
        onIteration: () => count++,
      },
    );
    setTimeout(() => {
      atAbort = count;
      controller.abort();
    }, 20);
    const r = await run;
    expect(r.stoppedBy).toBe('cancelled');
    expect(atAbort).toBeGreaterThan(0);
    expect(r.costHistory.length).toBeGreaterThanOrEqual(atAbort);
    expect(r.costHistory.length).toBeLessThanOrEqual(atAbort + 1);
  });

  test('an already aborted signal returns at once: no evaluation, Θ₀ copied', async () => {
    const f = problem();
    const controller = new AbortController();
    controller.abort();
    const theta0 = new Float64Array([1, 2]);
    const r = await minimize(f, theta0, settings, { signal: controller.signal });
    expect(r).toEqual({ theta: new Float64Array([1, 2]), costHistory: [], evaluations: 0, stoppedBy: 'cancelled' });
    expect(r.theta).not.toBe(theta0);
    expect(f.calls).toBe(0);
  });

  test('starting at the minimum stops as converged after one evaluation (sgd: after one epoch)', () => {
    // y = 1 + 2x exactly, so θ = (1, 2) has J = 0 and ∇J = 0.
    const f = lineFit([0, 1, 2], [1, 3, 5]);
    const r = minimizeSync(f, new Float64Array([1, 2]), settings);
    expect(r.stoppedBy).toBe('converged');
    expect(Array.from(r.theta)).toEqual([1, 2]);
    expect(r.costHistory).toEqual(optimizer === 'sgd' ? [0] : []);
  });
});

describe.each(['cg', 'lbfgs'] as const)('%s reports ∇J at the Θ it reports', (optimizer) => {
  test('each iteration’s gradient is f’s own at that Θ, to the bit (the training health reuses it)', () => {
    // Rosenbrock's curved valley over 20 iterations, several evaluations per line search.
    const f = rosenbrock();
    let checked = 0;
    minimizeSync(
      f,
      new Float64Array([-1.2, 1]),
      { ...BASE, optimizer, iterations: 20 },
      {
        onIteration: ({ theta, gradient }) => {
          const own = new Float64Array(2);
          f.evaluate(Float64Array.from(theta), own);
          expect(Array.from(gradient!)).toEqual(Array.from(own));
          checked++;
        },
      },
    );
    expect(checked).toBe(20);
  });
});

test('sgd reports no gradient: a mini-batch’s is not ∇J over all examples', () => {
  const reports: IterationReport[] = [];
  minimizeSync(
    problem(),
    new Float64Array([0.25, -0.5]),
    { ...BASE, optimizer: 'sgd' },
    {
      onIteration: (r) => reports.push({ ...r }),
    },
  );
  expect(reports.length).toBe(10);
  expect(reports.every((r) => r.gradient === undefined)).toBe(true);
});

describe('minimize refuses bad input before any evaluation, naming what is wrong', () => {
  const f = rosenbrock();
  const t = new Float64Array([-1.2, 1]);
  test.each<[string, Partial<OptimizerSettings>, string]>([
    ['iterations 0', { iterations: 0 }, 'optimizer: iterations must be a whole number ≥ 1, got 0'],
    ['iterations 1.5', { iterations: 1.5 }, 'optimizer: iterations must be a whole number ≥ 1, got 1.5'],
    [
      'an unknown optimizer',
      { optimizer: 'adam' as 'cg' },
      "optimizer: unknown optimizer 'adam', expected one of cg, lbfgs, sgd",
    ],
    ['sgd batchSize 0', { optimizer: 'sgd', batchSize: 0 }, 'sgd: batchSize must be a whole number ≥ 1, got 0'],
    [
      'sgd learningRate 0',
      { optimizer: 'sgd', learningRate: 0 },
      'sgd: learningRate must be a finite number > 0, got 0',
    ],
    [
      'sgd learningRate NaN',
      { optimizer: 'sgd', learningRate: NaN },
      'sgd: learningRate must be a finite number > 0, got NaN',
    ],
    ['sgd momentum 1', { optimizer: 'sgd', momentum: 1 }, 'sgd: momentum must be in [0, 1), got 1'],
    ['sgd seed −1', { optimizer: 'sgd', seed: -1 }, 'sgd: seed must be a whole number in [0, 2^32 − 1], got -1'],
  ])('%s', (_, change, message) => {
    expect(() => minimizeSync(f, t, { ...BASE, ...change })).toThrow(message);
    expect(f.calls).toBe(0);
  });

  test('θ₀ of the wrong length, empty, or with a NaN', async () => {
    expect(() => minimizeSync(f, new Float64Array(3), BASE)).toThrow(
      'optimizer: theta0 has 3 values, but layers 1-1 need 2',
    );
    expect(() => minimizeSync(f, new Float64Array(0), BASE)).toThrow('optimizer: theta0 is empty');
    expect(() => minimizeSync(f, new Float64Array([1, NaN]), BASE)).toThrow(
      'optimizer: theta0[1] is NaN, not a finite number',
    );
    await expect(minimize(f, new Float64Array(3), BASE)).rejects.toThrow('theta0 has 3 values');
    expect(f.calls).toBe(0);
  });

  test('sgd-only settings are not checked for cg and lbfgs', () => {
    const r = minimizeSync(quadratic([[2]], [2]), new Float64Array([0]), { ...BASE, batchSize: 0, learningRate: 0 });
    expect(r.theta[0]).toBeCloseTo(1, 12);
  });
});
