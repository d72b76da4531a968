import { describe, expect, it } from 'vitest';
import { IMPLEMENTATIONS, type Implementation } from './cost';
import { debugNetwork } from './debug-network';
import { createCostFunction } from './implementations';

describe('createCostFunction', () => {
  it("gives the same J and gradient on Ng's debug network for every implementation", () => {
    const { sizes, theta, examples } = debugNetwork();
    const results = IMPLEMENTATIONS.map((impl) => {
      const f = createCostFunction(impl, sizes, examples, 3);
      const grad = new Float64Array(theta.length);
      const cost = f.evaluate(theta, grad);
      f.dispose();
      return { impl, cost, grad };
    });
    const [ref, ...rest] = results;
    for (const r of rest) {
      expect(Math.abs(r.cost - ref.cost) / Math.abs(ref.cost), r.impl).toBeLessThan(1e-9);
      r.grad.forEach((g, i) =>
        expect(Math.abs(g - ref.grad[i]), `${r.impl} ∂J/∂θ${i}`).toBeLessThan(1e-9 * (Math.abs(ref.grad[i]) + 1e-12)),
      );
    }
  });

  it('names the choices when given an unknown implementation', () => {
    const { sizes, examples } = debugNetwork();
    expect(() => createCostFunction('gpu' as Implementation, sizes, examples, 0)).toThrow(
      "unknown implementation 'gpu': expected loop, vectorized or fast",
    );
  });
});
