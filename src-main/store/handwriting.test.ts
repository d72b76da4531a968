import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from './open';
import { MAX_HANDWRITING_SAMPLES, type NewHandwriting, type RunStore } from './types';
import { errorOf, useTempStore } from './test-helpers';

let file: string;
let store: RunStore;
useTempStore((opened) => ({ file, store } = opened));

/** A 28×28 "1": a vertical bar of full ink in columns 13–14, rows 4–23, grey edges beside it. */
function one(): Uint8Array {
  const pixels = new Uint8Array(28 * 28);
  for (let r = 4; r < 24; r++) {
    pixels[r * 28 + 12] = 128;
    pixels[r * 28 + 13] = 255;
    pixels[r * 28 + 14] = 255;
    pixels[r * 28 + 15] = 1;
  }
  return pixels;
}

describe('handwriting samples', () => {
  it('keeps the bytes exactly and lists samples oldest first; delete removes one', () => {
    const pixels = one();
    const a = store.saveHandwriting({ label: 1, width: 28, height: 28, pixels });
    const b = store.saveHandwriting({ label: 7, width: 28, height: 28, pixels: pixels.map((p) => 255 - p) });
    const list = store.listHandwriting();
    expect(list.map((s) => [s.id, s.label, s.width, s.height])).toEqual([
      [a, 1, 28, 28],
      [b, 7, 28, 28],
    ]);
    expect(list[0].pixels).toEqual(pixels);
    expect(list[0].pixels[4 * 28 + 12]).toBe(128);
    expect(list[1].pixels[0]).toBe(255);
    expect(Math.abs(list[0].createdAt - Date.now())).toBeLessThan(10_000);
    store.deleteHandwriting(a);
    expect(store.listHandwriting().map((s) => s.id)).toEqual([b]);
    expect(errorOf(() => store.deleteHandwriting(a))).toMatchObject({
      code: 'not-found',
      message: `handwriting sample ${a} does not exist`,
    });
  });

  it('survives closing and reopening the file', () => {
    store.saveHandwriting({ label: 0, width: 28, height: 28, pixels: one() });
    store.close();
    store = openStore(file);
    expect(store.listHandwriting()[0].pixels).toEqual(one());
  });

  it('lists nothing when nothing was saved', () => {
    expect(store.listHandwriting()).toEqual([]);
  });

  it.each<[string, Partial<NewHandwriting>, string]>([
    ['label 10', { label: 10 }, 'saveHandwriting: label must be a digit 0–9, got 10'],
    ['label -1', { label: -1 }, 'saveHandwriting: label must be a digit 0–9, got -1'],
    ['label 2.5', { label: 2.5 }, 'saveHandwriting: label must be a digit 0–9, got 2.5'],
    ['width 0', { width: 0 }, 'saveHandwriting: width must be a whole number from 1 to 256, got 0'],
    [
      '784 numbers instead of bytes',
      { pixels: new Array(784).fill(1) as unknown as Uint8Array },
      'saveHandwriting: pixels must be bytes (a Uint8Array)',
    ],
    [
      '783 bytes',
      { pixels: new Uint8Array(783).fill(9) },
      'saveHandwriting: pixels must hold width·height = 28·28 = 784 bytes, got 783',
    ],
    [
      'a blank image',
      { pixels: new Uint8Array(784) },
      'saveHandwriting: the image is blank (no ink); there is no digit to keep',
    ],
  ])('refuses %s', (_, change, message) => {
    const e = errorOf(() => store.saveHandwriting({ label: 3, width: 28, height: 28, pixels: one(), ...change }));
    expect([e.code, e.message]).toEqual(['invalid-argument', message]);
    expect(store.listHandwriting()).toEqual([]);
  });

  it(`keeps at most ${MAX_HANDWRITING_SAMPLES} samples`, () => {
    // Filling the table through SQL is quick; the limit is what is tested.
    store.saveHandwriting({ label: 3, width: 28, height: 28, pixels: one() });
    const db = new Database(file);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${MAX_HANDWRITING_SAMPLES - 1})
       INSERT INTO handwriting (created_at, label, width, height, pixels) SELECT 1, 3, 28, 28, (SELECT pixels FROM handwriting LIMIT 1) FROM n`,
    ).run();
    db.close();
    expect(store.listHandwriting()).toHaveLength(MAX_HANDWRITING_SAMPLES);
    const e = errorOf(() => store.saveHandwriting({ label: 3, width: 28, height: 28, pixels: one() }));
    expect([e.code, e.message]).toEqual([
      'invalid-state',
      'saveHandwriting: 10000 samples are kept already, the most allowed; delete some first',
    ]);
  });
});
