import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { loadDataSplit } from '../data/load';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec } from '../run/hyperparameters';
import { confusionMatrix, predict } from '../nn/predict';
import { handwritingDigits, misclassifiedDigits, type HandwritingSet } from './test-set-extras';
import { train } from './train';
import type { Digits } from '../data/digits';

/** Three 2×1 images: ink out of range on both sides, and half ink. */
const three: Digits = {
  X: Float64Array.from([-0.1, 1.2, 0.5, 0, 1, 0.25]),
  y: Uint8Array.from([3, 4, 5]),
  m: 3,
  n: 2,
  width: 2,
  height: 1,
};

describe('misclassifiedDigits', () => {
  it('keeps the wrong ones in test-set order with their images clamped to [0, 1] and scaled to 0–255', () => {
    const out = misclassifiedDigits(three, Uint8Array.from([9, 4, 0]));
    expect(out.map(({ position, label, predicted }) => [position, label, predicted])).toEqual([
      [0, 3, 9],
      [2, 5, 0],
    ]);
    const first = decode(out[0].png);
    expect([first.width, first.height, first.channels, Array.from(first.data)]).toEqual([2, 1, 1, [0, 255]]);
    // 0.25·255 = 63.75 rounds to 64; 1 is full ink.
    expect(Array.from(decode(out[1].png).data)).toEqual([255, 64]);
  });

  it('stops at max, returns [] when all are right or there are 0 test digits, and refuses a count mismatch', () => {
    expect(misclassifiedDigits(three, Uint8Array.from([0, 0, 0]), 1).map((d) => d.position)).toEqual([0]);
    expect(misclassifiedDigits(three, Uint8Array.from([3, 4, 5]))).toEqual([]);
    const none: Digits = { X: new Float64Array(0), y: new Uint8Array(0), m: 0, n: 2, width: 2, height: 1 };
    expect(misclassifiedDigits(none, new Uint8Array(0))).toEqual([]);
    expect(() => misclassifiedDigits(three, new Uint8Array(2))).toThrow('got 2 predictions for 3 test digits');
  });
});

describe('handwritingDigits', () => {
  it('turns byte k into k/255 exactly as MNIST bytes become digits', () => {
    const d = handwritingDigits({
      width: 2,
      height: 1,
      labels: Uint8Array.from([7, 1]),
      pixels: Uint8Array.from([0, 255, 51, 1]),
    });
    expect([d.m, d.n, d.width, d.height, Array.from(d.y)]).toEqual([2, 2, 2, 1, [7, 1]]);
    expect(Array.from(d.X)).toEqual([0, 1, 0.2, 1 / 255]);
  });

  it('refuses an empty set, a byte count that does not fit and a label that is no digit', () => {
    const set = (o: Partial<HandwritingSet>): HandwritingSet => ({
      width: 2,
      height: 1,
      labels: Uint8Array.from([7]),
      pixels: Uint8Array.from([0, 255]),
      ...o,
    });
    expect(() => handwritingDigits(set({ labels: new Uint8Array(0), pixels: new Uint8Array(0) }))).toThrow(
      'the handwriting test set is empty: save some drawn digits first',
    );
    expect(() => handwritingDigits(set({ pixels: new Uint8Array(3) }))).toThrow(
      'handwriting: 1 images of 2×1 need 2 bytes, got 3',
    );
    expect(() => handwritingDigits(set({ labels: Uint8Array.from([10]) }))).toThrow(
      'handwriting: sample 0 is labelled 10, not a digit 0–9',
    );
  });
});

const MNIST_300: DatasetSpec = { source: 'mnist', trainSize: 300, validationSize: 100, testSize: 100, dataSeed: 1 };
const quick = { ...DEFAULT_HYPERPARAMETERS, iterations: 5, impl: 'vectorized' as const };

describe('train: test-set extras', () => {
  it('reports the first misclassified test digits, agreeing with the predictions and the confusion matrix', async () => {
    const outcome = await train({ hyperparameters: quick, dataset: MNIST_300 });
    const test = loadDataSplit(MNIST_300).test;
    const predictions = predict(outcome.theta, outcome.sizes, test.X, test.m);
    const wrong = [...predictions.keys()].filter((i) => predictions[i] !== test.y[i]);
    const offDiagonal = outcome
      .confusion!.flatMap((row, t) => row.filter((_, p) => p !== t))
      .reduce((a, b) => a + b, 0);
    expect(wrong.length).toBe(offDiagonal);
    expect(wrong.length).toBeGreaterThan(0); // 5 iterations on 300 digits leave mistakes to show
    expect(outcome.misclassified!.map((d) => d.position)).toEqual(wrong.slice(0, 100));
    for (const d of outcome.misclassified!) {
      expect([d.label, d.predicted]).toEqual([test.y[d.position], predictions[d.position]]);
      // MNIST pixels are k/255, so the image gives back the original bytes.
      const image = decode(d.png);
      expect([image.width, image.height]).toEqual([28, 28]);
      expect(Array.from(image.data)).toEqual(
        Array.from(test.X.subarray(d.position * 784, d.position * 784 + 784), (v) => Math.round(v * 255)),
      );
    }
  }, 60_000);

  it("tests on handwriting samples instead of a split-off test set when testSource is 'handwriting'", async () => {
    // Ten "handwritten" digits: MNIST digits of another shuffle (data seed 99), as the bytes the store keeps.
    const donor = loadDataSplit({ ...MNIST_300, trainSize: 10, validationSize: 0, testSize: 0, dataSeed: 99 }).train;
    const handwriting: HandwritingSet = {
      width: 28,
      height: 28,
      labels: donor.y.slice(),
      pixels: Uint8Array.from(donor.X, (v) => Math.round(v * 255)),
    };
    const dataset: DatasetSpec = { ...MNIST_300, testSize: 10, testSource: 'handwriting' };
    const outcome = await train({ hyperparameters: quick, dataset, handwriting });
    const plain = await train({ hyperparameters: quick, dataset: { ...MNIST_300, testSize: 0 } });
    // Training and validation are those of the same split without a test set: the same Θ to the last bit.
    expect(outcome.theta).toEqual(plain.theta);
    expect(outcome.metrics!.validationAccuracy).toBe(plain.metrics!.validationAccuracy);
    const test = handwritingDigits(handwriting);
    const predictions = predict(outcome.theta, outcome.sizes, test.X, test.m);
    expect(outcome.confusion).toEqual(confusionMatrix(predictions, test.y, 10));
    expect(outcome.confusion!.flat().reduce((a, b) => a + b, 0)).toBe(10);
    const right = predictions.filter((p, i) => p === test.y[i]).length;
    expect(outcome.metrics!.testAccuracy).toBe(right / 10);
    expect(outcome.misclassified!.length).toBe(10 - right);
  }, 60_000);

  it('refuses a handwriting test source without samples, with a wrong count, or beside a test file', async () => {
    const dataset: DatasetSpec = { ...MNIST_300, testSize: 1, testSource: 'handwriting' };
    const one: HandwritingSet = {
      width: 28,
      height: 28,
      labels: Uint8Array.from([1]),
      pixels: new Uint8Array(784).fill(9),
    };
    await expect(train({ hyperparameters: quick, dataset })).rejects.toThrow(
      "dataset.testSource is 'handwriting' but no handwriting samples were given",
    );
    await expect(
      train({ hyperparameters: quick, dataset: { ...dataset, testSize: 2 }, handwriting: one }),
    ).rejects.toThrow('dataset.testSize is 2 but 1 handwriting samples were given; they must agree');
    await expect(
      train({ hyperparameters: quick, dataset: { ...dataset, testFile: '/x.csv' }, handwriting: one }),
    ).rejects.toThrow("dataset: testFile and testSource 'handwriting' both name a test set; choose one");
    await expect(train({ hyperparameters: quick, dataset: MNIST_300, handwriting: one })).rejects.toThrow(
      "handwriting samples were given but dataset.testSource is not 'handwriting'",
    );
    const small = { ...one, width: 20, height: 20, pixels: new Uint8Array(400).fill(9) };
    await expect(train({ hyperparameters: quick, dataset, handwriting: small })).rejects.toThrow(
      'the handwriting samples are 20×20 pixels but the training images are 28×28',
    );
  });
});
