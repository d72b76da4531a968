import { describe, expect, it } from 'vitest';
import { readDrawing } from './read-drawing';

describe('readDrawing', () => {
  it('ranks the output units by h_k and reports every layer', () => {
    // 2 inputs, 3 outputs: h = g(Θ·[1; x]) with Θ rows [0, 1, 0], [0, 0, 1], [−1, 0, 0]
    const theta = Float64Array.of(0, 1, 0, 0, 0, 1, -1, 0, 0);
    const r = readDrawing(theta, [2, 3], Float64Array.of(0, 2));
    expect(r.predicted).toBe(1);
    expect(r.ranked).toEqual([
      { digit: 1, h: 0.8807970779778823 },
      { digit: 0, h: 0.5 },
      { digit: 2, h: 0.2689414213699951 },
    ]);
    expect(r.activations.map((a) => a.length)).toEqual([2, 3]);
  });

  it('breaks ties towards the lowest class, as predict.m does', () => {
    const r = readDrawing(new Float64Array(2 * 4), [3, 2], new Float64Array(3));
    expect(r.predicted).toBe(0);
    expect(r.ranked.map((s) => s.digit)).toEqual([0, 1]);
  });

  it('rejects an input of the wrong size', () => {
    expect(() => readDrawing(new Float64Array(2 * 4), [3, 2], new Float64Array(784))).toThrow(
      'x must hold 3 input values, got 784',
    );
  });
});
