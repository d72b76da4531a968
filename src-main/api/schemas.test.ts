import { describe, expect, it } from 'vitest';
import { startRequestSchema } from './schemas';

const epsilonOf = (hyperparameters: object) => startRequestSchema.parse({ hyperparameters }).hyperparameters.epsilon;

describe('a start request fills the ε its activation expects', () => {
  it('gives sigmoid runs (named or not) Ng’s 0.12, tanh Glorot’s per-layer, ReLU He’s', () => {
    expect(epsilonOf({})).toBe(0.12);
    expect(epsilonOf({ activation: 'sigmoid' })).toBe(0.12);
    expect(epsilonOf({ activation: 'tanh' })).toBe('per-layer');
    expect(epsilonOf({ activation: 'relu' })).toBe('he');
  });

  it('keeps an ε the request names, whatever the activation', () => {
    expect(epsilonOf({ activation: 'relu', epsilon: 0.5 })).toBe(0.5);
    expect(epsilonOf({ activation: 'tanh', epsilon: 'he' })).toBe('he');
    expect(epsilonOf({ epsilon: 'per-layer' })).toBe('per-layer');
  });

  it('still fills the other defaults: the fast code, λ = 1, 25 hidden units', () => {
    const hp = startRequestSchema.parse({ hyperparameters: { activation: 'tanh' } }).hyperparameters;
    expect([hp.impl, hp.lambda, hp.hiddenLayers]).toEqual(['fast', 1, [25]]);
  });
});
