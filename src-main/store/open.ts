/**
 * Opening the database file safely. Before anything writes, the file is inspected: first its raw
 * header bytes, then read-only through SQLite. A file that is not ours (corrupt, not SQLite, another
 * program's database, a newer schema) is refused with a message naming the file and the problem, and
 * is left byte-for-byte as it was — including no -wal/-shm files left behind by the inspection.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, SCHEMA_VERSION, migrate } from './migrations';
import { SqliteRunStore } from './store';
import { StoreError, type RunStore } from './types';

export interface OpenOptions {
  /** Path of a better_sqlite3.node built for the running ABI (Electron's), passed to better-sqlite3. */
  nativeBinding?: string;
}

/** Opens (creating folder and file if needed) and migrates the store at `file`; refuses files that are not ours. */
export function openStore(file: string, options: OpenOptions = {}): RunStore {
  const absolute = path.resolve(file);
  inspect(absolute, options);
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

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

/** Throws StoreError 'unusable-file' unless `file` is absent, empty, or a database of ours at our version or older. */
export function inspect(file: string, options: OpenOptions = {}): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw unusable(file, `cannot be read (${(e as Error).message})`);
  }
  if (stat.isDirectory()) throw unusable(file, 'is a folder, not a database file');
  const walSize = sizeOf(`${file}-wal`);
  if (stat.size === 0 && walSize === 0) return;
  if (stat.size > 0) checkHeader(file, stat.size);
  inspectWithSqlite(file, options);
}

function checkHeader(file: string, size: number): void {
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, HEADER_SIZE, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (read < SQLITE_MAGIC.length || !header.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) {
    throw unusable(file, 'is not a SQLite database (it may be corrupt or another kind of file)');
  }
  if (read < HEADER_SIZE)
    throw unusable(file, `is corrupt: truncated to ${size} bytes, shorter than the SQLite header`);
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw unusable(file, `is corrupt: its header gives an invalid page size ${rawPageSize}`);
  }
  // The in-header page count is trustworthy only when its "version-valid-for" matches the change counter.
  const pageCount = header.readUInt32BE(28);
  const countValid = header.readUInt32BE(92) === header.readUInt32BE(24);
  if (countValid && size < pageCount * pageSize) {
    throw unusable(
      file,
      `is corrupt: truncated to ${size} bytes, its header says ${pageCount} pages of ${pageSize} bytes`,
    );
  }
  if (size % pageSize !== 0)
    throw unusable(file, `is corrupt: its size ${size} is not a multiple of its page size ${pageSize}`);
}

interface Identity {
  applicationId: number;
  userVersion: number;
  objects: number;
}

function inspectWithSqlite(file: string, options: OpenOptions): void {
  // A read-only connection to a WAL database creates -wal and -shm files. When we refuse the file we
  // remove the ones we caused; when it is ours we keep them, since another connection may be opening it.
  const hadWal = fs.existsSync(`${file}-wal`);
  const hadShm = fs.existsSync(`${file}-shm`);
  try {
    decide(file, readIdentity(file, options));
  } catch (e) {
    if (!hadWal && sizeOf(`${file}-wal`) === 0) removeQuietly(`${file}-wal`);
    if (!hadShm && !fs.existsSync(`${file}-wal`)) removeQuietly(`${file}-shm`);
    throw e;
  }
}

function readIdentity(file: string, options: OpenOptions): Identity {
  try {
    const db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      nativeBinding: options.nativeBinding,
      timeout: BUSY_TIMEOUT_MS,
    });
    try {
      return {
        // application_id is a signed 32-bit integer in SQLite.
        applicationId: (db.pragma('application_id', { simple: true }) as number) >>> 0,
        userVersion: db.pragma('user_version', { simple: true }) as number,
        objects: (db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number }).n,
      };
    } finally {
      db.close();
    }
  } catch (e) {
    throw unusable(file, `is corrupt or not a SQLite database (${(e as Error).message})`);
  }
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

function sizeOf(file: string): number {
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

function unusable(file: string, problem: string): StoreError {
  return new StoreError('unusable-file', `database file ${file} ${problem}; it was left unchanged`);
}
