/**
 * "My handwriting": digits the user drew and labelled, kept as the bytes the network reads (MNIST's
 * resolution, k/255), so any finished run can be judged on them and a new run can use them as its
 * test set.
 */
import type Database from 'better-sqlite3';
import { toBytes } from './codec';
import { checkId, invalid } from './validate';
import { MAX_HANDWRITING_SAMPLES, StoreError, type HandwritingSample, type NewHandwriting } from './types';

/** Largest side of a sample; MNIST's is 28. */
const MAX_SIDE = 256;

/** Keeps one sample after checking label, size and pixels; refuses a store already holding the maximum. */
export function insertHandwriting(db: Database.Database, sample: NewHandwriting): number {
  const s = checkSample(sample);
  return db
    .transaction(() => {
      const count = db.prepare('SELECT count(*) FROM handwriting').pluck().get() as number;
      if (count >= MAX_HANDWRITING_SAMPLES) {
        throw new StoreError(
          'invalid-state',
          `saveHandwriting: ${count} samples are kept already, the most allowed; delete some first`,
        );
      }
      const info = db
        .prepare('INSERT INTO handwriting (created_at, label, width, height, pixels) VALUES (?, ?, ?, ?, ?)')
        .run(Date.now(), s.label, s.width, s.height, s.pixels);
      return Number(info.lastInsertRowid);
    })
    .immediate();
}

/** Every sample, oldest first. */
export function selectHandwriting(db: Database.Database): HandwritingSample[] {
  const rows = db.prepare('SELECT id, created_at, label, width, height, pixels FROM handwriting ORDER BY id').all() as {
    id: number;
    created_at: number;
    label: number;
    width: number;
    height: number;
    pixels: Buffer;
  }[];
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    label: r.label,
    width: r.width,
    height: r.height,
    pixels: toBytes(r.pixels),
  }));
}

export function removeHandwriting(db: Database.Database, id: number): void {
  checkId(id, 'handwriting sample id');
  if (db.prepare('DELETE FROM handwriting WHERE id = ?').run(id).changes === 0) {
    throw new StoreError('not-found', `handwriting sample ${id} does not exist`);
  }
}

function checkSample(s: NewHandwriting): NewHandwriting {
  const where = 'saveHandwriting';
  if (typeof s !== 'object' || s === null)
    throw invalid(`${where}: the sample must be an object {label, width, height, pixels}`);
  if (!Number.isInteger(s.label) || s.label < 0 || s.label > 9)
    throw invalid(`${where}: label must be a digit 0–9, got ${String(s.label)}`);
  for (const side of ['width', 'height'] as const) {
    const v = s[side];
    if (!Number.isInteger(v) || v < 1 || v > MAX_SIDE)
      throw invalid(`${where}: ${side} must be a whole number from 1 to ${MAX_SIDE}, got ${String(v)}`);
  }
  if (!(s.pixels instanceof Uint8Array)) throw invalid(`${where}: pixels must be bytes (a Uint8Array)`);
  if (s.pixels.length !== s.width * s.height) {
    throw invalid(
      `${where}: pixels must hold width·height = ${s.width}·${s.height} = ${s.width * s.height} bytes, got ${s.pixels.length}`,
    );
  }
  if (s.pixels.every((p) => p === 0)) throw invalid(`${where}: the image is blank (no ink); there is no digit to keep`);
  return { label: s.label, width: s.width, height: s.height, pixels: s.pixels };
}
