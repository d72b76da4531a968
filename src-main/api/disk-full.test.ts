import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { toErrorInfo } from './handlers';

// A real "database or disk is full" from SQLite: max_page_count caps the file the way a full disk does,
// so the error is SQLite's own (code SQLITE_FULL), not one made up for the test.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-disk-full-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fullDiskError(): unknown {
  const db = new Database(path.join(dir, 'full.db'));
  try {
    db.exec('CREATE TABLE t (x BLOB)');
    db.pragma('max_page_count = 4');
    for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run(Buffer.alloc(4096));
  } catch (e) {
    return e;
  } finally {
    db.close();
  }
  throw new Error('SQLite never said the database was full');
}

describe('a write that finds the disk full', () => {
  it('is a 4xx that says what happened and what to do, not an internal error', () => {
    const e = fullDiskError();
    expect((e as { code: string }).code).toBe('SQLITE_FULL');
    expect(toErrorInfo(e, 'runs.rename')).toEqual({
      code: 'unusable-file',
      message:
        'runs.rename: the disk holding the lab\'s database is full (SQLite: "database or disk is full"); nothing was written, free some space and try again',
    });
  });

  it('other unexpected failures stay internal errors that name the channel', () => {
    expect(toErrorInfo(new Error('boom'), 'runs.get')).toEqual({ code: 'internal', message: 'runs.get: boom' });
  });
});
