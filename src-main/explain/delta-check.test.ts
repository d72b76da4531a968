import { describe, expect, it } from 'vitest';
import { debugNetwork } from '../nn/debug-network';
import { checkDeltas } from './delta-check';
import { explainExample } from './backprop';
import { initialTheta } from '../nn/init';
import { ACTIVATIONS, COSTS } from '../nn/model';

const PAIRS = COSTS.flatMap((cost) => ACTIVATIONS.map((activation) => ({ cost, activation })));

describe('δ checked node by node, by a central difference of the example’s cost in each unit’s z', () => {
  it.each(PAIRS)('$cost, $activation: every unit of the debug network within 1e-7', (model) => {
    const { sizes, theta, examples } = debugNetwork();
    for (let t = 0; t < examples.m; t++) {
      const x = examples.X.subarray(t * 3, t * 3 + 3);
      const check = checkDeltas(theta, explainExample(theta, sizes, x, examples.y[t], model));
      expect(check.units).toBe(8); // 5 hidden + 3 outputs
      expect(check.kinks).toBe(0);
      expect(check.largest.relativeDifference).toBeLessThan(1e-7);
      // …and the comparison is of real, nonzero slopes: the outputs' δ are far from 0
      for (const unit of check.layers[1]) expect(Math.abs(unit.numeric)).toBeGreaterThan(1e-3);
    }
  });

  it.each(PAIRS)('$cost, $activation: a deeper 20-15-12-4 network with wide ε = 2 (saturated units)', (model) => {
    const sizes = [20, 15, 12, 4];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 2, seed: 7 });
    const x = Float64Array.from({ length: 20 }, (_, i) => Math.sin(i + 1));
    const explanation = explainExample(theta, sizes, x, 2, model);
    const check = checkDeltas(theta, explanation);
    expect(check.units).toBe(31);
    expect(check.largest.relativeDifference).toBeLessThan(1e-7);
    // small δ are measured as well as large ones: some are below 1e-4, even 1e-14 (an output whose h is
    // within 1e-15 of 1), where subtracting two costs would have left no digit
    const smallest = Math.min(
      ...check.layers
        .flat()
        .filter((u) => u.delta !== 0)
        .map((u) => Math.abs(u.delta)),
    );
    expect(smallest).toBeLessThan(1e-4);
    if (model.cost === 'quadratic' && model.activation === 'relu') {
      expect(smallest).toBeLessThan(1e-14);
      // the first output's h is exactly 1: backprop's (h − y)·h(1 − h) is 0, the true slope ≈ 2.8e-24
      expect(check.layers[2][0]).toMatchObject({ delta: 0, roundedToZero: true });
      expect(check.roundedToZero).toBe(1);
    }
  });

  it('a wrong δ is caught: a planted error of 1e-4 in one unit shows as that unit’s difference', () => {
    const { sizes, theta, examples } = debugNetwork();
    const explanation = explainExample(theta, sizes, examples.X.subarray(0, 3), examples.y[0]);
    explanation.delta[0][3] *= 1 + 1e-4;
    const check = checkDeltas(theta, explanation);
    expect(check.largest.layer).toBe(2);
    expect(check.largest.unit).toBe(3);
    expect(check.largest.relativeDifference).toBeCloseTo(1e-4, 6);
  });
});
