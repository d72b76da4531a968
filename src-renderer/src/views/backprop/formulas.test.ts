import { describe, expect, it } from 'vitest';
import {
  backFormula,
  costFormula,
  deltaCheckLine,
  gradientFormula,
  outputDeltaFormula,
  saturationMark,
  slopeFormula,
  unitCheckFormula,
} from './formulas';

// A 2-2-3 wine-like network: classes by name, two features.
const names = { sizes: [2, 2, 3], classNames: ['barbera', 'barolo', 'grignolino'], featureNames: ['alcohol', 'ash'] };
// h = [0.2, 0.5, 0.1] with label barolo (1): J = −log 0.5 − log 0.8 − log 0.9.
const view = {
  sizes: [2, 2, 3],
  a: [
    [1, 0.5],
    [0.25, 0.75],
    [0.2, 0.5, 0.1],
  ],
  delta: [
    [0.1, -0.2],
    [0.2, -0.5, 0.1],
  ],
  grad: [
    [
      [0.1, 0.1, 0.05],
      [-0.2, -0.2, -0.1],
    ],
    [
      [0.2, 0.05, 0.15],
      [-0.5, -0.125, -0.375],
      [0.1, 0.025, 0.075],
    ],
  ],
  label: 1,
  cost: -Math.log(0.5) - Math.log(0.8) - Math.log(0.9),
};

describe('Backprop formulas', () => {
  it('writes Θᵀδ out as its sum: the largest terms by class name, the rest together, the total', () => {
    const terms = [
      { unit: 1, weight: 2, delta: -0.5, product: -1 },
      { unit: 0, weight: 1.5, delta: 0.2, product: 0.3 },
    ];
    // The total −0.65 = −1 + 0.3 + 0.05, the third class's term, which is not among the largest.
    expect(backFormula(names, 2, 0, terms, -0.65)).toBe(
      [
        '(Θ(2)ᵀδ(3))₁ = Σ over the 3 units above of Θ(2)[·, unit 1]·δ(3)',
        '  Θ(2)[class barolo, unit 1]·δ(3)[class barolo] = 2·-0.5 = -1',
        '  Θ(2)[class barbera, unit 1]·δ(3)[class barbera] = 1.5·0.2 = 0.3',
        '  + the other 1 term together: 0.05',
        '  = -0.65',
      ].join('\n'),
    );
  });
  it('gives the example’s cost J term by term, the label’s −log h first', () => {
    expect(costFormula(names, view, 1)).toBe(
      [
        'this example’s cost J = Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ)  (y = 1 for class barolo, 0 elsewhere)',
        '  −log h[class barolo] = −log 0.5 = 0.6931',
        '  −log(1 − h[class barbera]) = −log 0.8 = 0.2231',
        '  + the other 1 class together: 0.1054',
        '  = 1.022',
      ].join('\n'),
    );
  });
  it('names gradient entries and output errors with the same weight and class names', () => {
    expect(gradientFormula(names, view, 2, 1, 2)).toBe(
      '∂J/∂Θ(2)[class barolo, unit 2] = δ(3)[class barolo] · a(2)₂ = -0.5 · 0.75 = -0.375',
    );
    expect(gradientFormula(names, view, 1, 0, 0)).toBe('∂J/∂Θ(1)[unit 1, bias] = δ(2)₁ · 1 (bias) = 0.1 · 1 = 0.1');
    expect(gradientFormula(names, view, 1, 1, 1)).toBe('∂J/∂Θ(1)[unit 2, alcohol] = δ(2)₂ · a(1)₁ = -0.2 · 1 = -0.2');
    expect(outputDeltaFormula(names, view, 1)).toBe('δ(3)[class barolo] = a(3)[class barolo] − y = 0.5 − 1 = -0.5');
  });
});

describe('formulas follow the run’s cost and activation', () => {
  const quadratic = { ...view, model: { cost: 'quadratic', activation: 'tanh' } as const };
  it('the quadratic cost keeps the output’s g′: δ(L) = (a − y)·a(1 − a), J = Σ ½(h − y)²', () => {
    // (0.5 − 1)·0.5·0.5 = −0.125 by hand
    expect(
      outputDeltaFormula(
        names,
        {
          ...quadratic,
          delta: [
            [0, 0],
            [0, -0.125, 0],
          ],
        },
        1,
      ),
    ).toBe('δ(3)[class barolo] = (a(3)[class barolo] − y)·a(1 − a) = (0.5 − 1)·0.5·0.5 = -0.125');
    // ½(0.5 − 1)² = 0.125, ½·0.2² = 0.02, ½·0.1² = 0.005
    expect(costFormula(names, { ...quadratic, cost: 0.15 }, 1).split('\n')).toEqual([
      'this example’s cost J = Σₖ ½(hₖ − yₖ)²  (y = 1 for class barolo, 0 elsewhere)',
      '  ½(h[class barolo] − 1)² = ½(0.5 − 1)² = 0.125',
      '  ½(h[class barbera] − 0)² = ½(0.2 − 0)² = 0.02',
      '  + the other 1 together: 0.005',
      '  = 0.15',
    ]);
  });
  it('g′ is written for each activation', () => {
    expect(slopeFormula(view, 2, 0, 0.25, 0.1875)).toBe('g′(z(2)₁) = a·(1 − a) = 0.25 · 0.75 = 0.1875');
    expect(slopeFormula(quadratic, 2, 0, 0.5, 0.75)).toBe('g′(z(2)₁) = 1 − a² = 1 − 0.5² = 0.75');
    const relu = { ...view, model: { cost: 'cross-entropy', activation: 'relu' } as const };
    expect(slopeFormula(relu, 2, 1, 0, 0)).toBe('g′(z(2)₂) = 0, since z ≤ 0: the unit is off and passes no blame');
    expect(slopeFormula(relu, 2, 0, 1.5, 1)).toBe('g′(z(2)₁) = 1, since z > 0');
  });
  it('the node-by-node check: one line, and each unit’s measured slope on hover', () => {
    const deltaCheck = {
      e: 1e-6,
      numeric: [
        [0.1, -0.2],
        [0.2, -0.5, 0.1],
      ],
      relativeDifference: [
        [1e-11, 2e-10],
        [0, 3e-12, 0],
      ],
      largest: { relativeDifference: 2e-10, layer: 2, unit: 1 },
      units: 5,
      kinks: 0,
      roundedToZero: 0,
    };
    expect(deltaCheckLine(names, deltaCheck)).toBe(
      'δ checked node by node: each unit’s δ against (C(z + e) − C(z − e))/2e, e = 1e-6, over 5 units; ' +
        'largest relative difference 2.0e-10 at δ(2)₂ (agrees: ≤ 1e-7 expected)',
    );
    expect(unitCheckFormula(names, { ...view, deltaCheck }, 3, 1)).toBe(
      '\nchecked: (C(z + e) − C(z − e))/2e = -0.5, relative difference 3.0e-12',
    );
  });
});

describe('saturationMark', () => {
  it('marks sigmoid and tanh units with g′ < 0.02 as sat, ReLU units with z ≤ 0 as dead', () => {
    const sigmoid = saturationMark({}, 0.02);
    // σ(5)(1 − σ(5)) = 0.00665 is saturated, σ(3)(1 − σ(3)) = 0.0452 is not.
    expect([sigmoid.isMarked(5, 0.00665), sigmoid.isMarked(3, 0.0452)]).toEqual([true, false]);
    expect([sigmoid.badge, sigmoid.count(3), sigmoid.title]).toEqual([
      'sat',
      '3 saturated (g′ < 0.02)',
      'saturated: g′(z) < 0.02',
    ]);
    const tanh = saturationMark({ model: { cost: 'cross-entropy', activation: 'tanh' } }, 0.02);
    // 1 − tanh(3)² = 0.00987 is saturated; 1 − tanh(2)² = 0.0707 is not.
    expect([tanh.isMarked(3, 0.00987), tanh.isMarked(2, 0.0707), tanh.badge]).toEqual([true, false, 'sat']);
    const relu = saturationMark({ model: { cost: 'quadratic', activation: 'relu' } }, 0.02);
    expect([relu.isMarked(0, 0), relu.isMarked(-1.5, 0), relu.isMarked(0.01, 1)]).toEqual([true, true, false]);
    expect([relu.badge, relu.count(4), relu.title]).toEqual([
      'dead',
      '4 dead (z ≤ 0, g′ = 0)',
      'dead: z ≤ 0, so g′(z) = 0 and no blame passes',
    ]);
  });
});
