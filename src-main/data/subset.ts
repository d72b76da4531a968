/**
 * Picking examples out of a dataset, e.g. the first i training examples of a learning curve.
 */
import type { Digits } from './digits';
import { gatherDigits, tableOfDigits } from './pixel-table';

/**
 * Copies the examples at `rows` (in that order, repeats allowed) into new Digits of m = rows.length;
 * the result shares no memory with `d`. Throws a RangeError naming the first index outside 0…m−1.
 */
export function subset(d: Digits, rows: Uint32Array | readonly number[]): Digits {
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (!Number.isInteger(r) || r < 0 || r >= d.m) {
      throw new RangeError(`subset: rows[${i}] = ${r} is not an example index in 0…${d.m - 1} (m = ${d.m})`);
    }
  }
  return gatherDigits(tableOfDigits(d), rows);
}
