/**
 * Deciding, before anything writes, whether a database file is ours. SQLite is the judge of whether a
 * file is sound: it reads it read-only (replaying or ignoring a -wal file as it does on every open),
 * and a file is called corrupt only when SQLite says so, in SQLite's own words. Our own reading of the
 * raw header only decides when to ask SQLite for a `quick_check`: after a checkpoint cut off half-way,
 * or a disk that filled up, the header may promise pages that still live in the -wal file, and SQLite
 * recovers those on open (issue 20, B1).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { APPLICATION_ID, SCHEMA_VERSION } from './migrations';
import { StoreError } from './types';

/** How long a read waits for another process's write before failing with "database is locked". */
const READ_TIMEOUT_MS = 15_000;

/**
 * Largest file read into memory when SQLite cannot open it in place (a WAL database on a read-only
 * mount, where SQLite cannot create its -shm file).
 */
export const MAX_IN_MEMORY_BYTES = 1024 * 1024 * 1024;

/** What identifies a database as ours, read through SQLite. */
export interface Identity {
  applicationId: number;
  userVersion: number;
  objects: number;
}

/** Throws StoreError 'unusable-file' unless `file` is absent, empty, or a database of ours at our version or older. */
export function inspect(file: string, nativeBinding?: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unusable(file, `cannot be read (${(e as Error).message})`);
  }
  if (stat.isDirectory()) throw unusable(file, 'is a folder, not a database file');
  if (stat.size === 0 && sizeOf(`${file}-wal`) === 0) return;
  // A read-only connection to a WAL database creates -wal and -shm files. When we refuse the file we
  // remove the ones we caused; when it is ours we keep them, since another connection may be opening it.
  const hadWal = fs.existsSync(`${file}-wal`);
  const hadShm = fs.existsSync(`${file}-shm`);
  try {
    const db = openForReading(file, nativeBinding);
    try {
      checkWithSqlite(file, db);
    } finally {
      db.close();
    }
  } catch (e) {
    if (!hadWal && sizeOf(`${file}-wal`) === 0) removeQuietly(`${file}-wal`);
    if (!hadShm && !fs.existsSync(`${file}-wal`)) removeQuietly(`${file}-shm`);
    throw e;
  }
}

/**
 * Reads the identity of an open connection and refuses what is not ours; asks SQLite's quick_check
 * when the raw header looks inconsistent with the file, and refuses only if SQLite finds a fault.
 */
export function checkWithSqlite(file: string, db: Database.Database): Identity {
  const identity = sqliteSays(file, () => readIdentity(db));
  decide(file, identity);
  if (headerLooksInconsistent(file)) {
    const verdict = sqliteSays(file, () => db.pragma('quick_check', { simple: false }) as { quick_check: string }[]);
    const faults = verdict.map((r) => r.quick_check).filter((line) => line !== 'ok');
    if (faults.length > 0) {
      const more = faults.length > 1 ? ` (and ${faults.length - 1} more)` : '';
      throw unusable(file, `is corrupt: SQLite's quick_check says "${faults[0]}"${more}`);
    }
  }
  return identity;
}

/**
 * A read-only connection to `file`. When SQLite cannot open a WAL database in place because it may not
 * create the -shm file beside it (a read-only mount) and no -wal file holds uncheckpointed changes,
 * the file is read into memory and opened from there, changing nothing on disk.
 */
export function openForReading(file: string, nativeBinding?: string): Database.Database {
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding, timeout: READ_TIMEOUT_MS });
    try {
      // SQLite opens the file lazily: the -shm file it may fail to create is touched by the first read.
      db.pragma('user_version');
    } catch (e) {
      db.close();
      throw e;
    }
    return db;
  } catch (e) {
    const code = (e as { code?: string }).code ?? '';
    // CANTOPEN on a read-only mount, READONLY_* in a folder the user may not write: no -shm can be made.
    if (!(code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_READONLY')) || !fs.existsSync(file)) {
      throw sqliteError(file, e);
    }
    if (sizeOf(`${file}-wal`) > 0) {
      throw unusable(
        file,
        `cannot be read: SQLite says "${(e as Error).message}", and its -wal file holds changes that only a writable folder lets SQLite read`,
      );
    }
    return openInMemory(file, nativeBinding, e as Error);
  }
}

function openInMemory(file: string, nativeBinding: string | undefined, cause: Error): Database.Database {
  const size = sizeOf(file);
  if (size > MAX_IN_MEMORY_BYTES) {
    throw unusable(
      file,
      `cannot be read in place (SQLite says "${cause.message}") and is too large to read into memory`,
    );
  }
  const bytes = fs.readFileSync(file);
  // Bytes 18 and 19 say "WAL mode"; an in-memory copy has no -wal file, so it must be read as a rollback-journal file.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  try {
    return new Database(bytes, { nativeBinding });
  } catch (e) {
    throw sqliteError(file, e);
  }
}

function readIdentity(db: Database.Database): Identity {
  return {
    // application_id is a signed 32-bit integer in SQLite.
    applicationId: (db.pragma('application_id', { simple: true }) as number) >>> 0,
    userVersion: db.pragma('user_version', { simple: true }) as number,
    objects: (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n,
  };
}

/** Runs `read`, turning SQLite's own failure into a StoreError that quotes it. */
function sqliteSays<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw sqliteError(file, e);
  }
}

/** SQLite's error about `file`, in its words: corrupt only when SQLite says corrupt. */
function sqliteError(file: string, e: unknown): StoreError {
  const code = (e as { code?: string }).code ?? '';
  const words = `SQLite says "${(e as Error).message}"`;
  if (code.startsWith('SQLITE_CORRUPT')) return unusable(file, `is corrupt: ${words}`);
  if (code === 'SQLITE_NOTADB') return unusable(file, `is not a SQLite database: ${words}`);
  return unusable(file, `cannot be read: ${words}`);
}

function decide(file: string, { applicationId, userVersion, objects }: Identity): void {
  if (applicationId === APPLICATION_ID) {
    if (userVersion > SCHEMA_VERSION) {
      throw unusable(
        file,
        `was written by a newer version of Backprop Lab (schema ${userVersion}; this version reads up to ${SCHEMA_VERSION}); update the app or choose another file`,
      );
    }
    return;
  }
  if (applicationId !== 0) {
    throw unusable(
      file,
      `belongs to another program (SQLite application_id 0x${applicationId.toString(16)}), not Backprop Lab`,
    );
  }
  if (objects > 0 || userVersion !== 0) {
    throw unusable(
      file,
      `is another program's SQLite database (it has ${objects} tables or indexes but none of Backprop Lab's)`,
    );
  }
}

/**
 * True when the file's header promises more pages than the file holds, or its size is not whole pages:
 * what a torn checkpoint, a full disk or a truncation leaves. Only SQLite can tell those apart.
 */
function headerLooksInconsistent(file: string): boolean {
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, header, 0, header.length, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return true;
  }
  if (read < header.length) return true;
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65536 : raw;
  const size = sizeOf(file);
  const pageCount = header.readUInt32BE(28);
  // The in-header page count is meaningful only when its "version-valid-for" matches the change counter.
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  return pageSize < 512 || size % pageSize !== 0 || (countValid && size < pageCount * pageSize);
}

/** Size of `file` in bytes, 0 when absent. */
export function sizeOf(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function removeQuietly(file: string): void {
  try {
    fs.unlinkSync(file);
  } catch {
    // Already gone, or another process holds it: either way it is not ours to fight over.
  }
}

/** The refusal of a file that cannot be used, which was left as it was. */
export function unusable(file: string, problem: string): StoreError {
  return new StoreError('unusable-file', `database file ${file} ${problem}; it was left unchanged`);
}
