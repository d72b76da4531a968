import { describe, expect, it } from 'vitest';
import { createJudge } from './judge';
import { createLoopCost } from './loop';
import { debugNetwork } from './debug-network';
import { initialTheta } from './init';
import { predict, accuracy } from './predict';
import { syntheticExamples } from './synthetic';

describe('createJudge', () => {
  it('J without λ equals the loop cost at λ = 0, and the accuracy equals predict, over several blocks', () => {
    const sizes = [6, 5, 4];
    const examples = syntheticExamples(600, 6, 4, 3); // 256 + 256 + a short block of 88
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 2, seed: 7 });
    const judged = createJudge(sizes, examples)(theta);
    const J = createLoopCost(sizes, examples, 0).evaluate(theta, new Float64Array(theta.length));
    expect(Math.abs(judged.cost - J) / J).toBeLessThan(1e-12);
    expect(judged.accuracy).toBe(accuracy(predict(theta, sizes, examples.X, examples.m), examples.y));
  });

  it("Ng's debug network: J(λ = 0) as the loop computes it", () => {
    const { sizes, theta, examples } = debugNetwork();
    const J = createLoopCost(sizes, examples, 0).evaluate(theta, new Float64Array(theta.length));
    expect(createJudge(sizes, examples)(theta).cost).toBeCloseTo(J, 13);
  });

  it('a confidently wrong output costs a large finite number, not ∞', () => {
    // A 1-2 network without hidden layer: x = 1 gives z = (100, −100), so h = (1, 0) once rounded, and the label is 1.
    const sizes = [1, 2];
    const theta = Float64Array.of(0, 100, 0, -100);
    const examples = { X: Float64Array.of(1), y: Uint8Array.of(1), m: 1, n: 1 };
    const { cost, accuracy: acc } = createJudge(sizes, examples)(theta);
    // −log(1 − g(100)) − log(g(−100)) = 2·log(1 + e^100) ≈ 200
    expect(cost).toBeCloseTo(200, 10);
    expect(acc).toBe(0);
  });
});
