/**
 * A read-only database at an older schema (issue 20, B9's leftover): before, it was refused, since
 * upgrading it has to write. Now it is read into memory, the copy upgraded by the same migrations
 * and shown, with a reason that says so and how to upgrade the file itself; the file is unchanged.
 * A file too large to copy is refused with what to do instead.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from './fixtures';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { openStore } from './open';
import { openReadOnly } from './read-only';
import { errorOf } from './test-helpers';
import { canMountTmpfs, mountTmpfs, remount, unmount } from './torn-checkpoint';
import type { RunStore } from './types';

let dir: string;
beforeEach(() => {
  dir = tempDir('backprop-old-schema-');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A WAL file at schema 4 (before owner tokens, validation cost at snapshots, data info, snapshot Θ) with two runs. */
function schemaFourFile(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < 4; v++) {
    db.transaction(() => {
      MIGRATIONS[v](db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  const insert = db.prepare(
    `INSERT INTO runs (name, status, failure_reason, created_at, hyperparameters, dataset, width, height, optimizer, lambda,
       hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl,
       train_size, validation_size, test_size, data_seed)
     VALUES (?, ?, ?, 1, '{}', '{}', 4, 4, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 60, 20, 20, 1)`,
  );
  insert.run('was running at schema 4', 'running', null);
  insert.run('failed at schema 4', 'failed', 'the data file vanished');
  db.prepare(
    'INSERT INTO progress (run_id, iteration, cost, elapsed_ms) VALUES (1, 1, 2.25, 10), (1, 2, 1.5, 20)',
  ).run();
  db.close();
}

const hashOf = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** The schema number on disk, read from the header's user_version (bytes 60–63), without SQLite. */
const versionOnDisk = (file: string) => fs.readFileSync(file).readUInt32BE(60);

function expectUpgradedCopy(store: RunStore, file: string, reason: string): void {
  const why =
    `${reason}; it is at schema 4, older than this version's ${SCHEMA_VERSION}, so you see a copy upgraded in ` +
    'memory: open it once where it can be written to upgrade the file itself';
  expect(store.readOnly).toBe(why);
  expect(store.listRuns({ sort: 'id', order: 'asc' }).map((r) => [r.name, r.status, r.failureReason])).toEqual([
    [
      'was running at schema 4',
      'interrupted',
      'the app stopped while the run was running; the database is read-only, so on disk it still says running',
    ],
    ['failed at schema 4', 'failed', 'the data file vanished'],
  ]);
  expect(store.getHistories([1])[0].cost).toEqual([2.25, 1.5]);
  // Columns that came with later migrations read as their defaults.
  expect(store.getRun(2).snapshots).toEqual([]);
  expect(store.listSweeps()).toEqual([]);
  expect(errorOf(() => store.rename(2, 'new')).message).toBe(
    `the database ${file} is read-only: ${why}; renaming a run needs to write to it`,
  );
}

describe('a read-only database at an older schema is shown from a copy upgraded in memory', () => {
  it('opened read-only in place: runs browse, writes say why, the file stays at schema 4', () => {
    const file = path.join(dir, 'runs.db');
    schemaFourFile(file);
    const before = hashOf(file);
    const reason = 'you have no permission to write it (mode 0444)';
    const store = openReadOnly(file, reason);
    try {
      expectUpgradedCopy(store, file, reason);
    } finally {
      store.close();
    }
    expect([hashOf(file), versionOnDisk(file)]).toEqual([before, 4]);
  });

  it('too large to copy: refused, saying what to do', () => {
    const file = path.join(dir, 'runs.db');
    schemaFourFile(file);
    const reason = 'it is on a read-only file system';
    // The limit stands for the 1 GiB the lab holds in memory: this file's pages are more than 1,000 bytes.
    const pages = new Database(file, { readonly: true });
    const bytes =
      (pages.pragma('page_count', { simple: true }) as number) *
      (pages.pragma('page_size', { simple: true }) as number);
    pages.close();
    expect(errorOf(() => openReadOnly(file, reason, undefined, 1000)).message).toBe(
      `the database ${file} is read-only: ${reason}; it is at schema 4 and this version needs schema ${SCHEMA_VERSION}, ` +
        `an upgrade that has to write to it, and at ${bytes.toLocaleString('en-US')} bytes it is too large to upgrade ` +
        'a copy in memory: open it once where it can be written, or copy it to a writable folder and open the copy',
    );
  });

  const mounted = canMountTmpfs();

  it.skipIf(!mounted)('on a real read-only mount (a tmpfs remounted ro; needs root), through openStore', () => {
    const mount = path.join(dir, 'ro-disk');
    fs.mkdirSync(mount);
    expect(mountTmpfs(mount, '4m')).toBe(true);
    try {
      const file = path.join(mount, 'runs.db');
      schemaFourFile(file);
      const before = hashOf(file);
      remount(mount, 'ro');
      const store = openStore(file);
      try {
        expectUpgradedCopy(store, file, 'it is on a read-only file system');
      } finally {
        store.close();
      }
      expect([fs.readdirSync(mount), hashOf(file), versionOnDisk(file)]).toEqual([['runs.db'], before, 4]);
    } finally {
      unmount(mount);
    }
  });
});
