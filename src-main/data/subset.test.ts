import { describe, expect, it } from 'vitest';
import type { Digits } from './digits';
import { subset } from './subset';

// Three 1×2 images: [0.1, 0.2] labelled 3, [0.3, 0.4] labelled 5, [0.5, 0.6] labelled 7.
const d: Digits = {
  X: Float64Array.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6),
  y: Uint8Array.of(3, 5, 7),
  m: 3,
  n: 2,
  width: 2,
  height: 1,
};

describe('subset', () => {
  it('copies the chosen examples in the order given', () => {
    const s = subset(d, [2, 0]);
    expect([s.m, s.n, s.width, s.height]).toEqual([2, 2, 2, 1]);
    expect(Array.from(s.X)).toEqual([0.5, 0.6, 0.1, 0.2]);
    expect(Array.from(s.y)).toEqual([7, 3]);
  });

  it('takes a Uint32Array, one example, or repeats', () => {
    expect(Array.from(subset(d, Uint32Array.of(1)).X)).toEqual([0.3, 0.4]);
    expect(Array.from(subset(d, [1, 1]).y)).toEqual([5, 5]);
  });

  it('gives 0 examples for 0 rows', () => {
    const s = subset(d, []);
    expect([s.m, s.n, s.X.length, s.y.length, s.width, s.height]).toEqual([0, 2, 0, 0, 2, 1]);
  });

  it('shares no memory with the original', () => {
    const s = subset(d, [0]);
    s.X[0] = 9;
    s.y[0] = 9;
    expect([d.X[0], d.y[0]]).toEqual([0.1, 3]);
  });

  it('names the first index that is not an example', () => {
    expect(() => subset(d, [0, 3])).toThrow('subset: rows[1] = 3 is not an example index in 0…2 (m = 3)');
    expect(() => subset(d, [-1])).toThrow('subset: rows[0] = -1 is not an example index in 0…2 (m = 3)');
    expect(() => subset(d, [0.5])).toThrow('subset: rows[0] = 0.5 is not an example index');
  });
});
