import { describe, expect, it } from 'vitest';
import { DEFAULT_EPSILON, initialTheta, heEpsilon, perLayerEpsilon } from './init';
import { createLoopCost } from './loop';
import { createVectorizedCost } from './vectorized';
import { debugNetwork } from './debug-network';
import { rollThetas, thetaLayout, type LayerSizes } from './shape';
import type { CostFunction } from './cost';

const sizes: LayerSizes = [784, 25, 10];

describe('initialTheta', () => {
  it('uniform: every weight in [−ε, ε] with the default ε = 0.12, and the range is actually used', () => {
    const theta = initialTheta(sizes, { init: 'uniform', seed: 1 });
    expect(theta.length).toBe(25 * 785 + 10 * 26);
    expect(DEFAULT_EPSILON).toBe(0.12);
    const min = Math.min(...theta);
    const max = Math.max(...theta);
    expect(min).toBeGreaterThanOrEqual(-0.12);
    expect(max).toBeLessThanOrEqual(0.12);
    expect(min).toBeLessThan(-0.119);
    expect(max).toBeGreaterThan(0.119);
    const mean = theta.reduce((s, v) => s + v, 0) / theta.length;
    expect(Math.abs(mean)).toBeLessThan(0.005);
  });

  it('is the same for the same seed and different for another', () => {
    const a = initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 7 });
    expect(initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 7 })).toEqual(a);
    const b = initialTheta(sizes, { init: 'uniform', epsilon: 0.5, seed: 8 });
    expect(b.filter((v, i) => v === a[i]).length).toBe(0);
  });

  it("draws rand·2ε − ε in Θ order from seededRandom, as Ng's randInitializeWeights", () => {
    const theta = initialTheta([1, 1], { init: 'uniform', epsilon: 2, seed: 3 });
    // seededRandom(3)'s first two draws are 0.7202267837710679 and 0.03866216051392257 (checked with an
    // independent Mulberry32 in Python); θ = draw·2·2 − 2
    expect(theta[0]).toBeCloseTo(0.8809071350842714, 15);
    expect(theta[1]).toBeCloseTo(-1.8453513579443097, 15);
  });

  it("'per-layer' uses ε = √6/√(s(l) + s(l+1)) for each Θ", () => {
    expect(perLayerEpsilon(784, 25)).toBeCloseTo(0.08611947316860497, 15);
    expect(perLayerEpsilon(25, 10)).toBeCloseTo(0.4140393356054125, 15);
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 'per-layer', seed: 2 });
    const [b1, b2] = thetaLayout(sizes);
    const layer1 = theta.subarray(b1.offset, b1.offset + b1.rows * b1.cols);
    const layer2 = theta.subarray(b2.offset, b2.offset + b2.rows * b2.cols);
    expect(Math.max(...layer1.map(Math.abs))).toBeLessThanOrEqual(0.08611947316860497);
    expect(Math.max(...layer1.map(Math.abs))).toBeGreaterThan(0.086);
    expect(Math.max(...layer2.map(Math.abs))).toBeLessThanOrEqual(0.4140393356054125);
    expect(Math.max(...layer2.map(Math.abs))).toBeGreaterThan(0.3); // 260 draws: well above layer 1's bound
  });

  it("'he' uses ε = √6/√s(l) for each Θ (ReLU: variance 2/L_in), from the same draws", () => {
    expect(heEpsilon(784)).toBeCloseTo(0.08748177652797064, 15); // python3: math.sqrt(6)/math.sqrt(784)
    expect(heEpsilon(25)).toBeCloseTo(0.4898979485566356, 15);
    const glorot = initialTheta(sizes, { init: 'uniform', epsilon: 'per-layer', seed: 2 });
    const he = initialTheta(sizes, { init: 'uniform', epsilon: 'he', seed: 2 });
    const [b1, b2] = thetaLayout(sizes);
    // the same draw u in [0, 1) scaled by another ε: w = (2u − 1)·ε
    expect(he[b1.offset]).toBeCloseTo((glorot[b1.offset] / perLayerEpsilon(784, 25)) * heEpsilon(784), 14);
    expect(he[b2.offset + 3]).toBeCloseTo((glorot[b2.offset + 3] / perLayerEpsilon(25, 10)) * heEpsilon(25), 14);
  });

  it('zeros: every weight exactly 0, whatever the seed', () => {
    expect(initialTheta([3, 2, 2], { init: 'zeros', seed: 99 })).toEqual(new Float64Array(14));
  });

  it('rejects a bad ε, seed or init with a clear message', () => {
    expect(() => initialTheta(sizes, { init: 'uniform', epsilon: 0, seed: 1 })).toThrow(
      "epsilon must be a number > 0, 'per-layer' or 'he', got 0",
    );
    expect(() => initialTheta(sizes, { init: 'uniform', seed: -1 })).toThrow(
      'seed must be a whole number in 0…2³²−1, got -1',
    );
    expect(() => initialTheta(sizes, { init: 'file' as 'zeros', seed: 1 })).toThrow(
      "init must be 'uniform' or 'zeros', got 'file'",
    );
    expect(() => initialTheta([3], { init: 'zeros', seed: 1 })).toThrow('a network needs at least 2 layers, got 1');
  });
});

/** Plain gradient descent θ ← θ − α·∇J, the simplest learner that can show the symmetry problem. */
function descend(f: CostFunction, theta: Float64Array, alpha: number, steps: number): number[] {
  const grad = new Float64Array(theta.length);
  const costs: number[] = [];
  for (let s = 0; s < steps; s++) {
    costs.push(f.evaluate(theta, grad));
    for (let i = 0; i < theta.length; i++) theta[i] -= alpha * grad[i];
  }
  return costs;
}

describe('symmetry breaking', () => {
  const { sizes: debugSizes, examples } = debugNetwork();

  it.each([
    ['loop', createLoopCost],
    ['vectorized', createVectorizedCost],
  ])('with zero init every hidden unit stays identical through gradient descent (%s)', (_name, create) => {
    const theta = initialTheta(debugSizes, { init: 'zeros', seed: 1 });
    const costs = descend(create(debugSizes, examples, 0.5), theta, 2, 10);
    expect(costs[9]).toBeLessThan(costs[0]); // it does learn…
    const [theta1, theta2] = rollThetas(theta, debugSizes);
    expect(theta1.some((row) => row.some((w) => w !== 0))).toBe(true); // …and Θ1 has moved off zero…
    for (const row of theta1) expect(row).toEqual(theta1[0]); // …but all 5 hidden units have the same weights
    for (const row of theta2) for (let j = 2; j <= 5; j++) expect(row[j]).toBe(row[1]); // and the same outgoing weights
  });

  it('with random init the hidden units differ and stay different', () => {
    const theta = initialTheta(debugSizes, { init: 'uniform', seed: 1 });
    descend(createLoopCost(debugSizes, examples, 0.5), theta, 2, 10);
    const [theta1] = rollThetas(theta, debugSizes);
    for (let r = 1; r < theta1.length; r++) {
      for (let q = 0; q < r; q++) {
        const gap = Math.max(...theta1[r].map((w, c) => Math.abs(w - theta1[q][c])));
        expect(gap).toBeGreaterThan(1e-3);
      }
    }
  });
});
