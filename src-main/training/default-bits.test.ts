/**
 * Ng's model keeps its bits now that costs and activations can be chosen: J and the full gradient of the
 * default run (784-25-10, ε = 0.12, seed 1, λ = 1) on the first 200 training digits of the default split
 * equal what loop and vectorized gave before the choice existed. The literals were printed by this very
 * computation on the commit before (9108c5f); the gradient is pinned as the SHA-256 of its 19,885
 * doubles' bytes, so a change in any last bit fails.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { NG_MODEL } from '../nn/model';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, modelOf, parseHyperparameters } from '../run/hyperparameters';

const PINNED = {
  loop: {
    J: 7.092118426761458,
    sha256: '3cc682a0fd5cf5f216cf6bb7e47c517108b42b0cdf35472220b3ac414d7ef251',
    first: 0.010285094717296349,
  },
  vectorized: {
    J: 7.092118426761447,
    sha256: 'da6dc3c6f877655742e06cb7eccf2005f2915aa48f8fba7d7a8d65b1e86be629',
    first: 0.01028509471729635,
  },
} as const;

describe("the default run's J and gradient are bit for bit what they were", () => {
  const { train } = loadDataSplit({ ...DEFAULT_DATASET, trainSize: 200, validationSize: 0, testSize: 0 });
  const hp = parseHyperparameters({});
  const sizes = [train.n, ...hp.hiddenLayers, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: hp.epsilon, seed: hp.seed });

  it('parses the default hyperparameters to Ng’s model, stored without cost or activation', () => {
    expect(modelOf(hp)).toEqual(NG_MODEL);
    expect(hp).toEqual(DEFAULT_HYPERPARAMETERS);
    expect(parseHyperparameters({ cost: 'cross-entropy', activation: 'sigmoid' })).toEqual(DEFAULT_HYPERPARAMETERS);
  });

  it.each(['loop', 'vectorized'] as const)('%s, with the model left out and given as Ng’s', (impl) => {
    for (const model of [undefined, NG_MODEL]) {
      const f = createCostFunction(impl, sizes, train, hp.lambda, model);
      const g = new Float64Array(theta.length);
      const J = f.evaluate(theta, g);
      f.dispose();
      expect(J).toBe(PINNED[impl].J);
      expect(g[0]).toBe(PINNED[impl].first);
      expect(createHash('sha256').update(new Uint8Array(g.buffer)).digest('hex')).toBe(PINNED[impl].sha256);
    }
  });
});
