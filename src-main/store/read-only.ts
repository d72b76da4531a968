/**
 * A database the lab may read but not write (a read-only mount, a file or folder without write
 * permission) is opened read-only rather than refused (issue 20, B9): runs can be browsed, compared
 * and exported, and every write says why it cannot, naming the file and the reason. A file at an
 * older schema is shown from a copy upgraded in memory.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, SCHEMA_VERSION } from './migrations';
import { isOrphaned } from './owner';
import { checkWithSqlite, MAX_IN_MEMORY_BYTES, openForReading } from './inspect';
import { SqliteRunStore } from './store';
import { StoreError, type RunStore } from './types';

/**
 * Why `file` cannot be written, or null when it can (or does not exist yet). Asks the operating system
 * (access(2)), so it is true to the mount and to the permissions of the user running the lab.
 */
export function readOnlyReason(file: string): string | null {
  // An absent file is created, and a folder refused, by the ordinary path.
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) return null;
  const denied = accessProblem(file);
  if (denied === 'EROFS') return 'it is on a read-only file system';
  if (denied !== null) return `you have no permission to write it (${modeOf(file)})`;
  // SQLite's WAL mode keeps two files beside the database; without them it can only read.
  const folder = path.dirname(file);
  const missing = ['-wal', '-shm'].filter((s) => !fs.existsSync(`${file}${s}`));
  if (missing.length > 0 && accessProblem(folder) !== null) {
    return `its folder ${folder} is not writable, and SQLite needs to create ${path.basename(file)}${missing[0]} there`;
  }
  const unwritable = ['-wal', '-shm'].filter((s) => fs.existsSync(`${file}${s}`) && accessProblem(`${file}${s}`));
  if (unwritable.length > 0) return `you have no permission to write ${path.basename(file)}${unwritable[0]}`;
  return null;
}

/**
 * Opens `file` read-only (reason says why); refuses files that are not ours. A file at an older
 * schema cannot be upgraded where it lies, so it is read into memory, the copy upgraded there and
 * shown (the reason says so, and how to upgrade the file itself); the file is never written.
 */
export function openReadOnly(
  file: string,
  reason: string,
  nativeBinding?: string,
  maxCopyBytes = MAX_IN_MEMORY_BYTES,
): RunStore {
  let db = openForReading(file, nativeBinding);
  try {
    const { userVersion } = checkWithSqlite(file, db);
    let why = reason;
    if (userVersion < SCHEMA_VERSION) {
      db = upgradedCopy(db, { file, reason, userVersion, maxCopyBytes }, nativeBinding);
      why =
        `${reason}; it is at schema ${userVersion}, older than this version's ${SCHEMA_VERSION}, so you see a copy ` +
        `upgraded in memory: open it once where it can be written to upgrade the file itself`;
    }
    seeLostTrainersAsInterrupted(db);
    // SQLite refuses any write as well, should one slip past the guard below.
    db.pragma('query_only = ON');
    return guardWrites(new SqliteRunStore(db, file, why), file, why);
  } catch (e) {
    db.close();
    throw e;
  }
}

/**
 * The database read through `db` (the -wal file's commits included: SQLite serializes page by page)
 * as an in-memory copy upgraded to this version's schema by the same migrations a writable file
 * goes through. Closes `db`. Refuses a file larger than `maxCopyBytes`, saying what to do instead.
 */
function upgradedCopy(
  db: Database.Database,
  {
    file,
    reason,
    userVersion,
    maxCopyBytes,
  }: { file: string; reason: string; userVersion: number; maxCopyBytes: number },
  nativeBinding?: string,
): Database.Database {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  if (pages * pageSize > maxCopyBytes) {
    throw new StoreError(
      'read-only',
      `the database ${file} is read-only: ${reason}; it is at schema ${userVersion} and this version needs schema ` +
        `${SCHEMA_VERSION}, an upgrade that has to write to it, and at ${sizeInWords(pages * pageSize)} it is too large ` +
        `to upgrade a copy in memory: open it once where it can be written, or copy it to a writable folder and open the copy`,
    );
  }
  const bytes = db.serialize();
  db.close();
  // Bytes 18 and 19 say "WAL mode"; an in-memory copy has no -wal file, so it is read as a rollback-journal file.
  if (bytes.length >= 20 && bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  const copy = new Database(bytes, { nativeBinding });
  try {
    copy.pragma('foreign_keys = ON');
    migrate(copy);
  } catch (e) {
    copy.close();
    throw new StoreError(
      'unusable-file',
      `database file ${file} could not be upgraded in memory: ${(e as Error).message}`,
    );
  }
  return copy;
}

/**
 * A writable store marks a run whose trainer died as interrupted when it opens (markInterrupted); a
 * read-only one cannot, so such a run would say "queued" or "running" forever. Instead every read
 * sees it as interrupted: a temporary view named `runs` (SQLite looks in the temp schema first)
 * shadows the table, its status and failure reason computed per read from whether the run's owner
 * process is alive, so lists, counts, filters, details, sweeps and exports all agree, and nothing
 * is written. A trainer still alive (another user's, on a file this one may only read) keeps its run.
 */
function seeLostTrainersAsInterrupted(db: Database.Database): void {
  db.function('lab_trainer_lost', { deterministic: false }, (pid: unknown, token: unknown) =>
    isOrphaned(typeof pid === 'number' ? pid : null, typeof token === 'string' ? token : null) ? 1 : 0,
  );
  const columns = db.prepare(`SELECT name FROM pragma_table_info('runs', 'main')`).pluck().all() as string[];
  const lost = `(status IN ('queued', 'running') AND lab_trainer_lost(owner_pid, owner_token))`;
  const select = columns.map((c) => {
    if (c === 'status') return `CASE WHEN ${lost} THEN 'interrupted' ELSE status END AS status`;
    if (c === 'failure_reason') {
      return (
        `CASE WHEN ${lost} THEN 'the app stopped while the run was ' || status || ` +
        `'; the database is read-only, so on disk it still says ' || status ELSE failure_reason END AS failure_reason`
      );
    }
    return `"${c}"`;
  });
  db.exec(`CREATE TEMP VIEW runs AS SELECT ${select.join(', ')} FROM main.runs`);
}

/** Each write of the store, and what it does in the words the refusal uses. */
const WRITES: Partial<Record<keyof RunStore, string>> = {
  createRun: 'starting a run',
  markRunning: 'starting a run',
  appendProgress: 'recording progress',
  addSnapshot: 'recording a snapshot',
  setDataInfo: 'recording what the data means',
  finishRun: 'finishing a run',
  failRun: 'recording a failure',
  cancelRun: 'cancelling a run',
  createSweep: 'starting a sweep',
  deleteSweep: 'deleting a sweep',
  saveHandwriting: 'keeping a drawing',
  deleteHandwriting: 'deleting a drawing',
  rename: 'renaming a run',
  setNotes: 'editing notes',
  setTags: 'editing tags',
  deleteRun: 'deleting a run',
  importRun: 'importing a run',
};

/** The error every write on a read-only database throws. */
export function readOnlyError(file: string, reason: string, action: string): StoreError {
  return new StoreError('read-only', `the database ${file} is read-only: ${reason}; ${action} needs to write to it`);
}

function guardWrites(store: SqliteRunStore, file: string, reason: string): RunStore {
  const guarded = store as unknown as Record<string, unknown>;
  for (const [method, action] of Object.entries(WRITES)) {
    guarded[method] = () => {
      throw readOnlyError(file, reason, action);
    };
  }
  // Housekeeping every supervisor does on start: with nothing writable, there is nothing it can mark.
  guarded.markInterrupted = () => 0;
  return store;
}

function accessProblem(file: string): string | null {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code ?? 'EACCES';
  }
}

function sizeInWords(bytes: number): string {
  return bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : `${bytes.toLocaleString('en-US')} bytes`;
}

function modeOf(file: string): string {
  try {
    return `mode 0${(fs.statSync(file).mode & 0o777).toString(8)}`;
  } catch {
    return 'its mode cannot be read';
  }
}
