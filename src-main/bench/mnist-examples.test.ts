import { describe, expect, it } from 'vitest';
import { augmentByShifts } from './mnist-examples';
import type { Digits } from '../data/digits';

// One 3×3 image with a distinct value per pixel, label 7.
const source: Digits = {
  X: Float64Array.from({ length: 9 }, (_, i) => i + 1),
  y: Uint8Array.of(7),
  m: 1,
  n: 9,
  width: 3,
  height: 3,
};

describe('augmentByShifts', () => {
  it('keeps the original first, then moves it one pixel right, down, left, up and diagonally, filling with 0', () => {
    const out = augmentByShifts(source, 9);
    const image = (k: number) => Array.from(out.X.subarray(k * 9, k * 9 + 9));
    expect(image(0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(image(1)).toEqual([0, 1, 2, 0, 4, 5, 0, 7, 8]); // right
    expect(image(2)).toEqual([0, 0, 0, 1, 2, 3, 4, 5, 6]); // down
    expect(image(3)).toEqual([2, 3, 0, 5, 6, 0, 8, 9, 0]); // left
    expect(image(4)).toEqual([4, 5, 6, 7, 8, 9, 0, 0, 0]); // up
    expect(image(5)).toEqual([0, 0, 0, 0, 1, 2, 0, 4, 5]); // right and down
    expect(image(6)).toEqual([5, 6, 0, 8, 9, 0, 0, 0, 0]); // left and up
    expect(Array.from(out.y)).toEqual([7, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(out.m).toBe(9);
  });

  it('cycles through the images before shifting, and refuses more copies than shifts', () => {
    const two: Digits = { ...source, X: Float64Array.from({ length: 18 }, (_, i) => i), y: Uint8Array.of(1, 2), m: 2 };
    const out = augmentByShifts(two, 3);
    expect(Array.from(out.y)).toEqual([1, 2, 1]);
    expect(Array.from(out.X.subarray(18, 27))).toEqual([0, 0, 1, 0, 3, 4, 0, 6, 7]);
    expect(() => augmentByShifts(two, 19)).toThrow('bench: 2 images make at most 18 shifted copies, asked for 19');
    expect(() => augmentByShifts(two, 0)).toThrow('bench: augmentation needs a whole number of images ≥ 1, got 0');
  });
});
