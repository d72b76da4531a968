import { describe, expect, it } from 'vitest';
import { syntheticExamples } from '../nn/synthetic';
import { GRADIENT_CHECK_THRESHOLD, gradientCheckLesson } from './gradient-check';

describe("gradientCheckLesson on Ng's debug network", () => {
  it('checks all 38 parameters of the correct cost and passes, as checkNNGradients does', () => {
    const r = gradientCheckLesson({ network: 'debug', lambda: 0 });
    expect(r.sizes).toEqual([3, 5, 3]);
    expect(r.m).toBe(5);
    expect(r.bug).toBeNull();
    expect(r.cost).toBeCloseTo(2.1009505699024653, 13);
    expect(r.parameterCount).toBe(38);
    expect(r.rows.length).toBe(38);
    expect(r.threshold).toBe(1e-9);
    expect(GRADIENT_CHECK_THRESHOLD).toBe(1e-9);
    expect(r.relativeDifference).toBeGreaterThan(1e-11);
    expect(r.relativeDifference).toBeLessThan(1e-10); // 2.42e-11: central differences are never exact
    expect(r.passed).toBe(true);
  });

  it('labels each row with Θ(layer)[row][col], bias in column 0', () => {
    const { rows } = gradientCheckLesson({ network: 'debug', lambda: 0 });
    expect(rows[0]).toMatchObject({ index: 0, layer: 1, row: 0, col: 0, isBias: true });
    expect(rows[0].backprop).toBeCloseTo(-0.009278252357988553, 15);
    expect(rows[0].numeric).toBeCloseTo(-0.009278252357988553, 9);
    expect(rows[0].difference).toBe(rows[0].numeric - rows[0].backprop);
    expect(rows[1]).toMatchObject({ index: 1, layer: 1, row: 0, col: 1, isBias: false });
    expect(rows[19]).toMatchObject({ index: 19, layer: 1, row: 4, col: 3, isBias: false });
    expect(rows[20]).toMatchObject({ index: 20, layer: 2, row: 0, col: 0, isBias: true });
    expect(rows[37]).toMatchObject({ index: 37, layer: 2, row: 2, col: 5, isBias: false });
    expect(rows[37].backprop).toBeCloseTo(0.046559718625936566, 15);
    expect(rows.filter((r) => r.isBias).length).toBe(8);
    rows.forEach((r) => expect(Math.abs(r.difference)).toBeLessThan(1e-9));
  });

  it('with λ = 3, J gains the penalty and the check still passes', () => {
    const r = gradientCheckLesson({ network: 'debug', lambda: 3 });
    expect(r.cost).toBeCloseTo(2.1463598150243586, 13);
    expect(r.passed).toBe(true);
  });

  it('fails for every planted bug, with the relative differences of the nn tests', () => {
    const noG = gradientCheckLesson({ network: 'debug', lambda: 0, bug: 'no-sigmoid-gradient' });
    expect(noG.passed).toBe(false);
    expect(noG.bug).toBe('no-sigmoid-gradient');
    expect(noG.relativeDifference).toBeCloseTo(0.0528353159, 8);
    // the last Θ is still right: only rows of Θ(1) disagree
    noG.rows.filter((r) => r.layer === 2).forEach((r) => expect(Math.abs(r.difference)).toBeLessThan(1e-9));
    expect(noG.rows.filter((r) => r.layer === 1).some((r) => Math.abs(r.difference) > 1e-4)).toBe(true);

    const bias = gradientCheckLesson({ network: 'debug', lambda: 3, bug: 'regularize-bias' });
    expect(bias.passed).toBe(false);
    expect(bias.relativeDifference).toBeCloseTo(0.1111433817, 8);
    bias.rows.filter((r) => !r.isBias).forEach((r) => expect(Math.abs(r.difference)).toBeLessThan(1e-9));

    const m = gradientCheckLesson({ network: 'debug', lambda: 0, bug: 'forget-divide-by-m' });
    expect(m.passed).toBe(false);
    expect(m.relativeDifference).toBeCloseTo(2 / 3, 8);
  });

  it('checks the vectorized implementation too', () => {
    expect(gradientCheckLesson({ network: 'debug', lambda: 1, impl: 'vectorized' }).passed).toBe(true);
  });

  it('checks a seeded sample of the parameters when asked', () => {
    const r = gradientCheckLesson({ network: 'debug', lambda: 0, sample: 7, seed: 3 });
    expect(r.rows.length).toBe(7);
    const indices = r.rows.map((row) => row.index);
    expect([...indices].sort((a, b) => a - b)).toEqual(indices);
    expect(new Set(indices).size).toBe(7);
    expect(gradientCheckLesson({ network: 'debug', lambda: 0, sample: 7, seed: 3 }).rows).toEqual(r.rows);
    expect(gradientCheckLesson({ network: 'debug', lambda: 0, sample: 500 }).rows.length).toBe(38);
    expect(gradientCheckLesson({ network: 'debug', lambda: 0, sample: 1 }).rows.length).toBe(1);
  });
});

describe('gradientCheckLesson on a chosen architecture', () => {
  it('checks 20 random parameters of a full-size 784-25-10 network on 5 synthetic examples and passes', () => {
    const r = gradientCheckLesson({ network: { sizes: [784, 25, 10] }, lambda: 1 });
    expect(r.parameterCount).toBe(19885);
    expect(r.m).toBe(5);
    expect(r.rows.length).toBe(20);
    expect(r.passed).toBe(true);
    r.rows.forEach((row) => {
      expect(row.layer === 1 ? row.col <= 784 && row.row < 25 : row.col <= 25 && row.row < 10).toBe(true);
    });
  });

  it('is deterministic: the same options give the same numbers to the last digit', () => {
    const options = { network: { sizes: [6, 4, 4, 3], m: 8 }, lambda: 0.5, seed: 11, sample: 12 } as const;
    expect(gradientCheckLesson(options)).toEqual(gradientCheckLesson(options));
    expect(gradientCheckLesson(options).rows.some((row) => row.layer === 3 || row.layer === 2)).toBe(true);
  });

  it('shows no-sigmoid-gradient on a deeper network too', () => {
    const r = gradientCheckLesson({
      network: { sizes: [6, 4, 4, 3], m: 8 },
      lambda: 0,
      bug: 'no-sigmoid-gradient',
      sample: 61,
    });
    expect(r.rows.length).toBe(61); // 4·7 + 4·5 + 3·5
    expect(r.passed).toBe(false);
    expect(r.relativeDifference).toBeGreaterThan(1e-3);
  });

  it("works on a single example and on the learner's own examples", () => {
    expect(gradientCheckLesson({ network: { sizes: [2, 2, 2], m: 1 }, lambda: 0 }).passed).toBe(true);
    const own = syntheticExamples(4, 3, 2, 42);
    const r = gradientCheckLesson({ network: { sizes: [3, 2, 2], examples: own }, lambda: 2 });
    expect(r.m).toBe(4);
    expect(r.passed).toBe(true);
  });

  it('rejects bad options, naming them', () => {
    expect(() => gradientCheckLesson({ network: 'debug', lambda: 0, sample: 0 })).toThrow(
      'gradient check: sample must be a whole number ≥ 1, got 0',
    );
    expect(() => gradientCheckLesson({ network: 'debug', lambda: 0, bug: 'typo' as never })).toThrow(
      "unknown planted bug 'typo'",
    );
    expect(() => gradientCheckLesson({ network: 'debug', lambda: 3, bug: 'regularize-bias', impl: 'loop' })).toThrow(
      'a planted bug lives in the loop implementation; leave impl out',
    );
    expect(() => gradientCheckLesson({ network: { sizes: [3, 0, 2] }, lambda: 0 })).toThrow(
      'gradient check: layer 1 must have a whole number of units ≥ 1, got 0',
    );
    expect(() => gradientCheckLesson({ network: { sizes: [3, 2], m: 0 }, lambda: 0 })).toThrow(
      'gradient check: m must be a whole number ≥ 1, got 0',
    );
    expect(() => gradientCheckLesson({ network: 'debug', lambda: -1 })).toThrow(
      'λ (lambda) must be a finite number ≥ 0, got -1',
    );
    expect(() =>
      gradientCheckLesson({ network: { sizes: [4, 2], examples: syntheticExamples(3, 3, 2, 1) }, lambda: 0 }),
    ).toThrow('examples have 3 features (n) but the input layer has 4 units');
  });
});
