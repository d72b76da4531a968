import { describe, expect, it } from 'vitest';
import {
  relu,
  reluGradientFromActivation,
  sigmoid,
  sigmoidGradient,
  sigmoidGradientFromActivation,
  tanh,
  tanhGradientFromActivation,
} from './activation';

describe('sigmoid', () => {
  it('is 0.5 at 0 and symmetric: g(−z) = 1 − g(z)', () => {
    expect(sigmoid(0)).toBe(0.5);
    for (const z of [0.3, 1, 2.5, 7]) expect(sigmoid(-z)).toBeCloseTo(1 - sigmoid(z), 15);
  });

  it('matches 1/(1+e^−z) at hand-computed points', () => {
    expect(sigmoid(1)).toBeCloseTo(0.7310585786300049, 15);
    expect(sigmoid(-2)).toBeCloseTo(0.11920292202211755, 15);
  });

  it('stays finite and in [0, 1] for huge |z| (no overflow NaN)', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(Number.MAX_VALUE)).toBe(1);
    expect(sigmoid(-Number.MAX_VALUE)).toBe(0);
    expect(sigmoid(-40)).toBeGreaterThan(0); // still representable, not flushed to 0
    expect(sigmoid(-40)).toBeCloseTo(4.248354255291589e-18, 30);
  });
});

describe('sigmoidGradient', () => {
  it("matches ex4's values at [-1, -0.5, 0, 0.5, 1]", () => {
    const expected = [0.196612, 0.235004, 0.25, 0.235004, 0.196612];
    [-1, -0.5, 0, 0.5, 1].forEach((z, i) => expect(sigmoidGradient(z)).toBeCloseTo(expected[i], 6));
  });

  it('is exactly 0.25 at 0 and 0 for huge |z|', () => {
    expect(sigmoidGradient(0)).toBe(0.25);
    expect(sigmoidGradient(1000)).toBe(0);
    expect(sigmoidGradient(-1000)).toBe(0);
  });

  it('from the activation gives the same bits as from z', () => {
    for (const z of [-3.7, -0.2, 0, 0.9, 12])
      expect(sigmoidGradientFromActivation(sigmoid(z))).toBe(sigmoidGradient(z));
  });

  it('is the derivative of sigmoid (central differences)', () => {
    for (const z of [-2, -0.5, 0.1, 3]) {
      const numeric = (sigmoid(z + 1e-5) - sigmoid(z - 1e-5)) / 2e-5;
      expect(sigmoidGradient(z)).toBeCloseTo(numeric, 10);
    }
  });
});

describe('tanh and ReLU hidden units', () => {
  it('tanh is Math.tanh and its slope 1 − a² is the derivative (python3: math.tanh)', () => {
    expect(tanh(0.5)).toBe(0.46211715726000974);
    expect(tanh(-2)).toBe(-0.9640275800758169);
    expect(tanhGradientFromActivation(tanh(0.5))).toBeCloseTo(0.7864477329659274, 15);
    expect(tanhGradientFromActivation(tanh(0))).toBe(1);
    expect(tanh(1000)).toBe(1);
  });

  it('ReLU is max(0, z); its slope is 1 for z > 0 and 0 for z ≤ 0, 0 at z = 0 exactly (as PyTorch)', () => {
    expect([-3, -0, 0, 1e-300, 2.5].map(relu)).toEqual([0, 0, 0, 1e-300, 2.5]);
    expect([-3, 0, 1e-300, 2.5].map((z) => reluGradientFromActivation(relu(z)))).toEqual([0, 0, 1, 1]);
  });
});
