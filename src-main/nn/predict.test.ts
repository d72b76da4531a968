import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix, predict } from './predict';
import { feedForward } from './forward';
import { debugNetwork } from './debug-network';

describe('predict', () => {
  it('picks the class of the largest output unit for each row', () => {
    // No hidden layer, 2 inputs, 3 classes: class 0 likes x1, class 1 likes x2, class 2 has a big bias.
    const theta = Float64Array.of(0, 5, 0, /**/ 0, 0, 5, /**/ 2, 0, 0);
    const X = Float64Array.of(1, 0, /**/ 0, 1, /**/ 0, 0, /**/ 1, 0.9);
    expect(Array.from(predict(theta, [2, 3], X, 4))).toEqual([0, 1, 2, 0]);
  });

  it('agrees with argmax of feedForward on every debug example', () => {
    const { sizes, theta, examples } = debugNetwork();
    const predictions = predict(theta, sizes, examples.X, examples.m);
    for (let i = 0; i < examples.m; i++) {
      const h = feedForward(theta, sizes, examples.X.subarray(i * 3, i * 3 + 3))[2];
      expect(predictions[i]).toBe(h.indexOf(Math.max(...h)));
    }
  });

  it('breaks ties toward the lowest class, as Octave max does', () => {
    expect(Array.from(predict(new Float64Array(2 * 4), [1, 4], Float64Array.of(0.3), 1))).toEqual([0]);
  });

  it('returns an empty array for m = 0', () => {
    expect(predict(new Float64Array(9), [2, 3], new Float64Array(0), 0)).toEqual(new Uint8Array(0));
  });

  it('rejects X of the wrong length, θ of the wrong length, and a bad m', () => {
    expect(() => predict(new Float64Array(9), [2, 3], new Float64Array(5), 3)).toThrow(
      'X must hold m·n = 3·2 = 6 values, got 5',
    );
    expect(() => predict(new Float64Array(8), [2, 3], new Float64Array(2), 1)).toThrow(
      'θ must hold 9 parameters for layers 2-3, got 8',
    );
    expect(() => predict(new Float64Array(9), [2, 3], new Float64Array(0), -1)).toThrow(
      'm must be a whole number ≥ 0, got -1',
    );
  });
});

describe('accuracy', () => {
  it('is the fraction of predictions equal to the labels', () => {
    expect(accuracy(Uint8Array.of(1, 2, 3, 4), Uint8Array.of(1, 2, 0, 4))).toBe(0.75);
    expect(accuracy(Uint8Array.of(7), Uint8Array.of(7))).toBe(1);
    expect(accuracy(Uint8Array.of(7), Uint8Array.of(1))).toBe(0);
  });

  it('is NaN for no examples: there is no accuracy to report', () => {
    expect(accuracy(new Uint8Array(0), new Uint8Array(0))).toBeNaN();
  });

  it('rejects predictions and labels of different lengths', () => {
    expect(() => accuracy(Uint8Array.of(1), Uint8Array.of(1, 2))).toThrow('got 1 predictions for 2 labels');
  });
});

describe('confusionMatrix', () => {
  it('counts true class by row and predicted class by column', () => {
    const y = Uint8Array.of(0, 0, 1, 1, 1, 2);
    const p = Uint8Array.of(0, 1, 1, 1, 2, 0);
    expect(confusionMatrix(p, y, 3)).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 0],
    ]);
  });

  it('is all zeros for no examples', () => {
    expect(confusionMatrix(new Uint8Array(0), new Uint8Array(0), 2)).toEqual([
      [0, 0],
      [0, 0],
    ]);
  });

  it('rejects classes ≥ K, mismatched lengths and a bad K', () => {
    expect(() => confusionMatrix(Uint8Array.of(0), Uint8Array.of(3), 3)).toThrow(
      'label of example 0 is 3, outside the 3 classes 0…2',
    );
    expect(() => confusionMatrix(Uint8Array.of(5), Uint8Array.of(0), 3)).toThrow(
      'prediction for example 0 is 5, outside the 3 classes 0…2',
    );
    expect(() => confusionMatrix(Uint8Array.of(0), new Uint8Array(0), 3)).toThrow('got 1 predictions for 0 labels');
    expect(() => confusionMatrix(new Uint8Array(0), new Uint8Array(0), 0)).toThrow(
      'K (number of classes) must be a whole number ≥ 1, got 0',
    );
  });
});
