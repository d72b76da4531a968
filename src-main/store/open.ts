/**
 * Opening the database file safely. Before anything writes, the file is inspected read-only through
 * SQLite (inspect.ts): a file that is not ours (corrupt by SQLite's own verdict, not SQLite, another
 * program's database, a newer schema) is refused with a message naming the file and the problem, and
 * is left byte-for-byte as it was — including no -wal/-shm files left behind by the inspection. A file
 * the lab may read but not write is opened read-only (read-only.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';
import { inspect } from './inspect';
import { openReadOnly, readOnlyReason } from './read-only';
import { SqliteRunStore } from './store';
import { StoreError, type RunStore } from './types';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running ABI (Electron's), passed to better-sqlite3. */
  nativeBinding?: string;
}

/**
 * Opens (creating folder and file if needed) and migrates the store at `file`; refuses files that are
 * not ours; opens read-only (store.readOnly says why) a file that cannot be written.
 */
export function openStore(file: string, options: OpenOptions = {}): RunStore {
  const absolute = path.resolve(file);
  const readOnly = readOnlyReason(absolute);
  if (readOnly !== null) return openReadOnly(absolute, readOnly, options.nativeBinding);
  inspect(absolute, options.nativeBinding);
  fs.mkdirSync(path.dirname(absolute), { recursive: true });
  createPrivately(absolute);
  const db = new Database(absolute, { nativeBinding: options.nativeBinding, timeout: BUSY_TIMEOUT_MS });
  let store: SqliteRunStore;
  try {
    db.pragma('journal_mode = WAL');
    // WAL with synchronous NORMAL cannot corrupt the file; at worst the last commits before a power cut are lost.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db);
    store = new SqliteRunStore(db, absolute);
    // Every reader, not only a later trainer, must see a run whose process died as interrupted.
    store.markInterrupted();
  } catch (e) {
    db.close();
    throw new StoreError('unusable-file', `database file ${absolute} could not be prepared: ${(e as Error).message}`);
  }
  return store;
}

/**
 * How long a write waits for another process's write to finish before failing with "database is
 * locked". Our writes last milliseconds; the margin covers a loaded machine with many trainers.
 */
export const BUSY_TIMEOUT_MS = 15_000;

/**
 * Creates an absent database file readable and writable by its owner only (0600): runs, notes and
 * handwriting are the user's own. SQLite gives its -wal and -shm files the same permissions.
 */
function createPrivately(file: string): void {
  try {
    fs.closeSync(fs.openSync(file, fs.constants.O_CREAT | fs.constants.O_EXCL | fs.constants.O_RDWR, 0o600));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new StoreError('unusable-file', `database file ${file} cannot be created: ${(e as Error).message}`);
    }
  }
}
