/**
 * The two test-set extras of a run: the user's handwriting as a test set, and the test digits the
 * trained network got wrong, drawn as small PNGs so the app can show them without loading any data.
 */
import type { Digits } from '../data/digits';
import { gatherDigits } from '../data/pixel-table';
import { greyPng } from './grey-png';
import { MAX_MISCLASSIFIED_PER_RUN, type MisclassifiedDigit } from '../run/record';

/**
 * Digit images are mostly black, so even zlib's fastest level shrinks a 28×28 one from 880 to ~265 bytes,
 * in ~90 µs against ~210 µs for the default level.
 */
export const DIGIT_PNG_OPTIONS = { zlib: { level: 1 } } as const;

/** "My handwriting" as the worker receives it: m images of width×height bytes (k means ink k/255), one label each. */
export interface HandwritingSet {
  width: number;
  height: number;
  /** The digit each image shows, 0–9; m = labels.length. */
  labels: Uint8Array;
  /** m·width·height bytes, image after image, row-major. */
  pixels: Uint8Array;
}

/** The handwriting samples as Digits, exactly as MNIST's bytes become Digits (k/255). */
export function handwritingDigits(set: HandwritingSet): Digits {
  const { width, height, labels, pixels } = set;
  const m = labels.length;
  if (m === 0) throw new Error('the handwriting test set is empty: save some drawn digits first');
  if (pixels.length !== m * width * height) {
    throw new Error(
      `handwriting: ${m} images of ${width}×${height} need ${m * width * height} bytes, got ${pixels.length}`,
    );
  }
  const bad = labels.findIndex((label) => label > 9);
  if (bad >= 0) throw new Error(`handwriting: sample ${bad} is labelled ${labels[bad]}, not a digit 0–9`);
  return gatherDigits({ kind: 'bytes', pixels, labels, m, width, height });
}

/**
 * The first `max` examples of `test` whose prediction differs from the label, in test-set order, each
 * with its image as a greyscale PNG (ink light on black, values clamped to [0, 1] then × 255).
 */
export function misclassifiedDigits(
  test: Digits,
  predictions: Uint8Array,
  max = MAX_MISCLASSIFIED_PER_RUN,
): MisclassifiedDigit[] {
  if (predictions.length !== test.m) throw new Error(`got ${predictions.length} predictions for ${test.m} test digits`);
  const out: MisclassifiedDigit[] = [];
  const n = test.n;
  for (let i = 0; i < test.m && out.length < max; i++) {
    if (predictions[i] === test.y[i]) continue;
    const data = new Uint8Array(n);
    for (let j = 0; j < n; j++) {
      const v = test.X[i * n + j];
      data[j] = v <= 0 ? 0 : v >= 1 ? 255 : Math.round(v * 255);
    }
    const png = greyPng(test.width, test.height, data);
    out.push({ position: i, label: test.y[i], predicted: predictions[i], png });
  }
  return out;
}
