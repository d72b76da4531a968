import { describe, expect, it } from 'vitest';
import { OVERFIT_RISE, overfitVerdict } from './overfit-verdict';

const points = (pairs: [number, number][]) => pairs.map(([x, y]) => ({ x, y }));

// J_cv at the snapshots of two real runs (CLI `train`, 300 examples, Θ₀ in ±2, cg 400 iterations, seed 1),
// read back from the store, rounded to 4 decimals; training J at a few iterations of the same runs.
// prettier-ignore
const overfitSeed1 = points([
  [0, 14.1552], [20, 1.9437], [40, 2.1705], [60, 2.6304], [80, 3.3717], [100, 4.0542], [120, 4.304],
  [140, 4.5994], [160, 4.7448], [180, 5.1757], [200, 5.397], [220, 5.711], [240, 5.9959], [260, 6.2541],
  [280, 6.4069], [300, 6.6772], [320, 7.113], [340, 7.2076], [360, 7.46], [380, 7.571], [400, 7.6547],
]);
const overfitSeed1Training = points([
  [0, 14.2783],
  [20, 0.5644],
  [40, 0.0895],
  [180, 0],
  [400, 0],
]);
// prettier-ignore
const regularizedSeed1 = points([
  [0, 14.1552], [20, 2.6142], [40, 1.2391], [60, 1.1685], [80, 1.117], [100, 1.0918], [120, 1.0745],
  [140, 1.0597], [160, 1.0537], [180, 1.0505], [200, 1.0551], [220, 1.0556], [240, 1.0529], [260, 1.0553],
  [280, 1.0559], [300, 1.0592], [320, 1.0607], [340, 1.0618], [360, 1.0624], [380, 1.0627], [400, 1.0623],
]);
const regularizedSeed1Training = points([
  [0, 58.4299],
  [20, 5.9268],
  [40, 1.4232],
  [180, 0.7717],
  [400, 0.749],
]);

describe('overfitVerdict', () => {
  it('the threshold is a rise of 10 % above the lowest J_cv', () => {
    expect(OVERFIT_RISE).toBe(0.1);
  });

  it('says overfitting for λ = 0: J_cv 1.9437 at iteration 20 → 7.6547 (+293.8 %) while training J fell to 0', () => {
    const v = overfitVerdict(overfitSeed1, overfitSeed1Training)!;
    expect(v.kind).toBe('overfitting');
    expect(v.lowestIteration).toBe(20);
    expect(v.lowest).toBe(1.9437);
    expect(v.last).toBe(7.6547);
    expect(v.relativeRise).toBeCloseTo(2.938211, 5); // (7.6547 − 1.9437) / 1.9437
    expect(v.trainingAtLowest).toBe(0.5644);
    expect(v.trainingLast).toBe(0);
  });

  it('does not for λ = 1: J_cv 1.0505 at iteration 180 → 1.0623 is a rise of 1.12 %', () => {
    const v = overfitVerdict(regularizedSeed1, regularizedSeed1Training)!;
    expect(v.kind).toBe('no-clear-rise');
    expect(v.lowestIteration).toBe(180);
    expect(v.relativeRise).toBeCloseTo(0.011233, 5); // 0.0118 / 1.0505
    expect(v.trainingAtLowest).toBe(0.7717);
  });

  it("does not for the wine table's 0.167 → 0.171 (+2.4 %)", () => {
    const v = overfitVerdict(
      points([
        [0, 1.1],
        [50, 0.167],
        [200, 0.171],
      ]),
      points([
        [0, 1.2],
        [200, 0.01],
      ]),
    )!;
    expect(v.kind).toBe('no-clear-rise');
    expect(v.relativeRise).toBeCloseTo(0.023952, 5);
  });

  it('fires at exactly 10 % and not at 9.9 %', () => {
    const training = points([
      [0, 2],
      [10, 1],
      [20, 0.5],
    ]);
    expect(
      overfitVerdict(
        points([
          [0, 2],
          [10, 1],
          [20, 1.1],
        ]),
        training,
      )!.kind,
    ).toBe('overfitting');
    expect(
      overfitVerdict(
        points([
          [0, 2],
          [10, 1],
          [20, 1.099],
        ]),
        training,
      )!.kind,
    ).toBe('no-clear-rise');
  });

  it('a J_cv lowest at the end has risen by 0', () => {
    const v = overfitVerdict(
      points([
        [0, 3],
        [10, 2],
        [20, 1],
      ]),
      points([
        [0, 3],
        [20, 1],
      ]),
    )!;
    expect(v).toMatchObject({ kind: 'no-clear-rise', lowestIteration: 20, relativeRise: 0 });
  });

  it('a clear rise with a training J that did not fall is not overfitting', () => {
    const v = overfitVerdict(
      points([
        [0, 3],
        [10, 1],
        [20, 2],
      ]),
      points([
        [0, 3],
        [10, 0.8],
        [20, 0.9],
      ]),
    )!;
    expect(v.kind).toBe('training-rose-too');
    expect(v.trainingAtLowest).toBe(0.8);
    expect(v.trainingLast).toBe(0.9);
  });

  it('takes training J at the last point at or before the lowest J_cv', () => {
    const v = overfitVerdict(
      points([
        [0, 3],
        [15, 1],
        [30, 2],
      ]),
      points([
        [0, 3],
        [10, 0.7],
        [20, 0.6],
        [30, 0.5],
      ]),
    )!;
    expect(v.trainingAtLowest).toBe(0.7);
    expect(v.kind).toBe('overfitting');
  });

  it('has nothing to say with fewer than two J_cv points or no training J', () => {
    expect(overfitVerdict(points([[0, 1]]), points([[0, 1]]))).toBeNull();
    expect(
      overfitVerdict(
        points([
          [0, 2],
          [10, 3],
        ]),
        [],
      ),
    ).toBeNull();
  });
});
