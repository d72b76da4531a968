/**
 * Test support for the crash-point test: fingerprints of every finished run (each of its rows, in
 * every table, to the byte) and the processes a CLI run is made of, to kill -9 at a chosen moment.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Database from 'better-sqlite3';

/** Tables holding a run's rows, each with the order that makes its dump canonical. */
const RUN_TABLES: readonly [string, string][] = [
  ['runs', 'id'],
  ['progress', 'iteration'],
  ['snapshots', 'idx'],
  ['snapshot_units', 'idx, unit'],
  ['weights', 'run_id'],
  ['run_tags', 'position'],
  ['misclassified', 'position'],
];

/** SHA-256 of every row of every finished run, by run id, read through a read-only connection. */
export function finishedRunHashes(dbPath: string): Map<number, string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const ids = db.prepare(`SELECT id FROM runs WHERE status = 'finished' ORDER BY id`).pluck().all() as number[];
    const hashes = new Map<number, string>();
    for (const id of ids) {
      const hash = createHash('sha256');
      for (const [table, order] of RUN_TABLES) {
        const key = table === 'runs' ? 'id' : 'run_id';
        const rows = db.prepare(`SELECT * FROM ${table} WHERE ${key} = ? ORDER BY ${order}`).raw().all(id);
        hash.update(`${table}\n`);
        for (const row of rows as unknown[][]) {
          for (const v of row) hash.update(Buffer.isBuffer(v) ? `x${v.toString('hex')}|` : `${typeof v}:${String(v)}|`);
          hash.update('\n');
        }
      }
      hashes.set(id, hash.digest('hex'));
    }
    return hashes;
  } finally {
    db.close();
  }
}

/** Every run's status, by id. */
export function statuses(dbPath: string): Map<number, string> {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare('SELECT id, status FROM runs').raw().all() as [number, string][];
    return new Map(rows);
  } finally {
    db.close();
  }
}

/** The runs named `name` (oldest first): what became of one CLI's run after a fault. */
export function runsNamed(dbPath: string, name: string): { status: string; failureReason: string | null }[] {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db
      .prepare('SELECT status, failure_reason AS failureReason FROM runs WHERE name = ? ORDER BY id')
      .all(name) as { status: string; failureReason: string | null }[];
  } finally {
    db.close();
  }
}

/** Pids of the live children of `pid` (Linux /proc; empty elsewhere or when it has none). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return children;
  }
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(name));
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
