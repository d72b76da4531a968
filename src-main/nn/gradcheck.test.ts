import { describe, expect, it } from 'vitest';
import { checkGradients, numericalGradient, relativeDifference } from './gradcheck';
import { createLoopCost } from './loop';
import { createVectorizedCost } from './vectorized';
import { debugNetwork } from './debug-network';
import { initialTheta } from './init';
import { seededRandom, shuffledIndices } from './random';
import { parameterCount, rollThetas } from './shape';
import type { CostFunction } from './cost';
import { mnistExamples } from './fast/test-data';

/** J(θ) = Σ c_i·θ_i²: a cost whose gradient 2·c_i·θ_i we know exactly. */
function quadratic(c: number[]): CostFunction {
  return {
    sizes: [1, 1],
    lambda: 0,
    m: 1,
    evaluate(theta, grad) {
      let J = 0;
      theta.forEach((t, i) => {
        J += c[i] * t * t;
        grad[i] = 2 * c[i] * t;
      });
      return J;
    },
    dispose() {},
  };
}

describe('relativeDifference', () => {
  it('is ‖a − b‖ / ‖a + b‖', () => {
    expect(relativeDifference([3, 0], [0, 4])).toBe(1); // ‖(3, −4)‖ / ‖(3, 4)‖
    expect(relativeDifference([1, 2], [1, 2])).toBe(0);
    expect(relativeDifference([1, 1], [1, 3])).toBeCloseTo(2 / Math.sqrt(4 + 16), 15);
  });
  it('is 0 for two zero vectors and for empty ones', () => {
    expect(relativeDifference([0, 0], [0, 0])).toBe(0);
    expect(relativeDifference([], [])).toBe(0);
  });
  it('rejects vectors of different lengths', () => {
    expect(() => relativeDifference([1], [1, 2])).toThrow('cannot compare gradients of lengths 1 and 2');
  });
});

describe('numericalGradient', () => {
  it('matches the exact derivative of a quadratic (central differences are exact there up to rounding)', () => {
    const theta = Float64Array.of(1.5, -2, 0.25);
    const numeric = numericalGradient(quadratic([1, 3, -2]), theta);
    expect(numeric[0]).toBeCloseTo(3, 9);
    expect(numeric[1]).toBeCloseTo(-12, 9);
    expect(numeric[2]).toBeCloseTo(-1, 9);
  });

  it('returns values in the order of the given indices and leaves θ untouched', () => {
    const theta = Float64Array.of(1.5, -2, 0.25);
    const before = theta.slice();
    const numeric = numericalGradient(quadratic([1, 3, -2]), theta, 1e-3, Uint32Array.of(2, 0));
    expect(numeric.length).toBe(2);
    expect(numeric[0]).toBeCloseTo(-1, 9);
    expect(numeric[1]).toBeCloseTo(3, 9);
    expect(theta).toEqual(before);
  });

  it('rejects a bad e or an index out of range', () => {
    expect(() => numericalGradient(quadratic([1]), Float64Array.of(1), 0)).toThrow(
      'the perturbation e must be a number > 0, got 0',
    );
    expect(() => numericalGradient(quadratic([1]), Float64Array.of(1), 1e-4, Uint32Array.of(1))).toThrow(
      'indices[0] = 1 is not a parameter index (θ has 1)',
    );
  });
});

describe("checkGradients on Ng's debug network (checkNNGradients)", () => {
  const { sizes, theta, examples } = debugNetwork();
  for (const [name, create] of [
    ['loop', createLoopCost],
    ['vectorized', createVectorizedCost],
  ] as const) {
    for (const lambda of [0, 3]) {
      it(`${name}, λ = ${lambda}: relative difference < 1e-9 over all 38 parameters`, () => {
        const result = checkGradients(create(sizes, examples, lambda), theta);
        expect(result.indices.length).toBe(38);
        expect(result.cost).toBeCloseTo(lambda === 0 ? 2.1009505699024653 : 2.1463598150243586, 13);
        expect(result.relativeDifference).toBeLessThan(1e-9);
        expect(result.relativeDifference).toBeGreaterThan(0); // central differences are never exact here
      });
    }
  }

  it('catches a wrong gradient', () => {
    const honest = createLoopCost(sizes, examples, 3);
    const buggy: CostFunction = {
      ...honest,
      evaluate(t, grad, rows) {
        const J = honest.evaluate(t, grad, rows);
        grad[7] *= 1.01; // a 1 % error in one component
        return J;
      },
    };
    expect(checkGradients(buggy, theta).relativeDifference).toBeGreaterThan(1e-5);
  });
});

describe('checkGradients on a full-size 784-25-10 network and 20 real MNIST digits', () => {
  const sizes = [784, 25, 10];
  const examples = mnistExamples(20);
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 5 });
  // 30 parameters drawn at random, but only from those that matter: weights on always-blank border pixels have
  // a gradient of exactly 0 (λ = 0) and would make the check trivially pass.
  const grad = new Float64Array(parameterCount(sizes));
  createLoopCost(sizes, examples, 0).evaluate(theta, grad);
  const costAtLambdaZero = createLoopCost(sizes, examples, 0).evaluate(theta, new Float64Array(grad.length));
  const live = Uint32Array.from(
    Array.from(shuffledIndices(grad.length, seededRandom(9)))
      .filter((i) => grad[i] !== 0)
      .slice(0, 30),
  );

  it('the sample is real: 20 images of 10 digits with ink, 30 distinct live parameters', () => {
    expect(examples.X.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(examples.X.filter((v) => v > 0.5).length).toBeGreaterThan(20 * 50);
    expect(new Set(live).size).toBe(30);
  });

  for (const [name, create] of [
    ['loop', createLoopCost],
    ['vectorized', createVectorizedCost],
  ] as const) {
    for (const lambda of [0, 1]) {
      it(`${name}, λ = ${lambda}: relative difference < 1e-8 on 30 sampled parameters`, () => {
        const result = checkGradients(create(sizes, examples, lambda), theta, { indices: live });
        // Near-zero weights give outputs near 0.5, so the data term is about K·log 2 = 6.93 (we measured
        // 7.1386 at λ = 0); λ adds λ/(2m)·Σ θ² over non-bias weights, summed here independently.
        const weightSquares = rollThetas(theta, sizes)
          .flatMap((matrix) => matrix.flatMap((row) => row.slice(1)))
          .reduce((s, w) => s + w * w, 0);
        const dataTerm = result.cost - (lambda / (2 * 20)) * weightSquares;
        expect(dataTerm).toBeGreaterThan(6.5);
        expect(dataTerm).toBeLessThan(7.5);
        expect(dataTerm).toBeCloseTo(costAtLambdaZero, 12);
        // measured ≈ 1.4e-9 (λ = 0) and 1.1e-9 (λ = 1); the fixed sample makes this reproducible
        expect(result.relativeDifference).toBeLessThan(1e-8);
      });
    }
  }
});
