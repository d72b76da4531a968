/**
 * Images as loaded from disk, before they become the Float64 `Digits` the network reads. MNIST and
 * IDX files hold one byte (0–255) per pixel; keeping those bytes until the split is known means a
 * 60,000-image file costs 47 MB rather than 376 MB of doubles, and only the chosen rows get converted.
 */
import type { Digits } from './digits';

/** Pixels as bytes k in 0…255 (meaning k/255) or as values already in [0, 1]; one image per row. */
export type PixelTable = {
  readonly m: number;
  readonly width: number;
  readonly height: number;
  /** Class index of each row: output i of the network means classNames[i]. */
  readonly labels: Uint8Array;
  /** Names of the classes in output order; absent: the digits '0'…'9'. */
  readonly classNames?: readonly string[];
  /** Names of the features for tables; absent or null: pixels of a width×height image. */
  readonly featureNames?: readonly string[] | null;
} & (
  { readonly kind: 'bytes'; readonly pixels: Uint8Array } | { readonly kind: 'values'; readonly pixels: Float64Array }
);

/**
 * k/255 for every byte k, computed by division so that each value is the double nearest to k/255
 * (k · (1/255) is off by one ulp for some k).
 */
export const BYTE_TO_UNIT: Float64Array = (() => {
  const t = new Float64Array(256);
  for (let k = 0; k < 256; k++) t[k] = k / 255;
  return t;
})();

/** Views existing Digits as a table, without copying. */
export function tableOfDigits(d: Digits): PixelTable {
  return { kind: 'values', pixels: d.X, labels: d.y, m: d.m, width: d.width, height: d.height };
}

/**
 * Copies the given rows (all rows when omitted) of a table into fresh Digits, in the order given.
 * Row indices must be valid; callers check them (subset names the bad index for the user).
 */
export function gatherDigits(table: PixelTable, rows?: ArrayLike<number>): Digits {
  const n = table.width * table.height;
  const m = rows ? rows.length : table.m;
  const X = new Float64Array(m * n);
  const y = new Uint8Array(m);
  for (let i = 0; i < m; i++) {
    const r = rows ? rows[i] : i;
    y[i] = table.labels[r];
    if (table.kind === 'values') {
      X.set(table.pixels.subarray(r * n, r * n + n), i * n);
    } else {
      const src = table.pixels;
      for (let j = 0, s = r * n, o = i * n; j < n; j++) X[o + j] = BYTE_TO_UNIT[src[s + j]];
    }
  }
  return { X, y, m, n, width: table.width, height: table.height };
}
