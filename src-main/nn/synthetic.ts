/**
 * Small deterministic data sets for tests and benchmarks: the same seed gives the same examples
 * everywhere, so cost implementations can be compared on exactly the same numbers.
 */
import type { Examples } from './cost';
import { seededRandom } from './random';

/** m examples of n features uniform in [0, 1) and labels uniform in 0…K−1, all from seededRandom(seed). */
export function syntheticExamples(m: number, n: number, K: number, seed: number): Examples {
  if (!Number.isInteger(K) || K < 1 || K > 256) throw new Error(`K must be a whole number in 1…256, got ${K}`);
  const random = seededRandom(seed);
  const X = Float64Array.from({ length: m * n }, () => random());
  const y = Uint8Array.from({ length: m }, () => Math.floor(random() * K));
  return { X, y, m, n };
}
