import { describe, expect, it } from 'vitest';
import { debugInitializeWeights, debugNetwork } from './debug-network';
import { rollThetas } from './shape';

describe('debugInitializeWeights', () => {
  it('fills sin(1), sin(2), … / 10 column by column (Octave reshape order)', () => {
    const W = debugInitializeWeights(2, 2); // 2×3
    expect(W).toEqual([
      [Math.sin(1) / 10, Math.sin(3) / 10, Math.sin(5) / 10],
      [Math.sin(2) / 10, Math.sin(4) / 10, Math.sin(6) / 10],
    ]);
  });

  it('has fan_out rows and 1 + fan_in columns', () => {
    const W = debugInitializeWeights(5, 3);
    expect(W.length).toBe(5);
    expect(W.every((row) => row.length === 4)).toBe(true);
    expect(W[4][3]).toBe(Math.sin(20) / 10); // the last element is sin(numel)
  });
});

describe('debugNetwork', () => {
  it("is checkNNGradients' 3-5-3 network on 5 examples", () => {
    const { sizes, theta } = debugNetwork();
    expect(sizes).toEqual([3, 5, 3]);
    expect(theta.length).toBe(5 * 4 + 3 * 6);
    const [theta1, theta2] = rollThetas(theta, sizes);
    expect(theta1).toEqual(debugInitializeWeights(5, 3));
    expect(theta2).toEqual(debugInitializeWeights(3, 5));
    expect(theta2[2][5]).toBe(Math.sin(18) / 10);
  });

  it('has X = debugInitializeWeights(5, 2) without a bias column and y = 1 + mod(1:5, 3) − 1', () => {
    const { examples } = debugNetwork();
    expect(examples.m).toBe(5);
    expect(examples.n).toBe(3);
    // row 1 of X is sin(1), sin(6), sin(11) / 10: Octave fills the 5×3 matrix column by column
    expect(Array.from(examples.X.subarray(0, 3))).toEqual([Math.sin(1) / 10, Math.sin(6) / 10, Math.sin(11) / 10]);
    expect(examples.X[14]).toBe(Math.sin(15) / 10);
    expect(Array.from(examples.y)).toEqual([1, 2, 0, 1, 2]); // Octave's 2, 3, 1, 2, 3
  });
});
