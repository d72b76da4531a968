import { describe, expect, it } from 'vitest';
import { feedForward } from './forward';
import { sigmoid } from './activation';
import { debugNetwork } from './debug-network';
import { rollThetas } from './shape';

describe('feedForward', () => {
  it('computes a(2) = g(Θ1·[1; x]) and a(3) = g(Θ2·[1; a(2)]) by hand on a 2-2-1 network', () => {
    // Θ1 = [[0.1, 0.2, 0.3], [−0.4, 0.5, −0.6]], Θ2 = [[0.7, −0.8, 0.9]], x = [1, 2]
    const theta = Float64Array.of(0.1, 0.2, 0.3, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9);
    const [a1, a2, a3] = feedForward(theta, [2, 2, 1], Float64Array.of(1, 2));
    expect(Array.from(a1)).toEqual([1, 2]);
    expect(a2[0]).toBe(sigmoid(0.1 + 0.2 * 1 + 0.3 * 2)); // g(0.9)
    expect(a2[1]).toBe(sigmoid(-0.4 + 0.5 * 1 - 0.6 * 2)); // g(−1.1)
    expect(a2[0]).toBeCloseTo(0.7109495026250039, 15);
    expect(a2[1]).toBeCloseTo(0.24973989440488234, 15);
    expect(a3[0]).toBeCloseTo(sigmoid(0.7 - 0.8 * a2[0] + 0.9 * a2[1]), 15);
  });

  it('returns one array per layer without bias units, and copies x', () => {
    const { sizes, theta, examples } = debugNetwork();
    const x = examples.X.slice(0, 3);
    const a = feedForward(theta, sizes, x);
    expect(a.map((v) => v.length)).toEqual([3, 5, 3]);
    expect(a[0]).not.toBe(x);
    expect(a[0]).toEqual(x);
    const [theta1] = rollThetas(theta, sizes);
    expect(a[1][4]).toBe(sigmoid(theta1[4][0] + theta1[4][1] * x[0] + theta1[4][2] * x[1] + theta1[4][3] * x[2]));
  });

  it('rejects x or θ of the wrong length', () => {
    const { sizes, theta } = debugNetwork();
    expect(() => feedForward(theta, sizes, new Float64Array(4))).toThrow('x must hold 3 input values, got 4');
    expect(() => feedForward(theta.subarray(1), sizes, new Float64Array(3))).toThrow(
      'θ must hold 38 parameters for layers 3-5-3, got 37',
    );
  });
});
