/**
 * The lab opens whatever SQLite opens (issue 20, B1): after a checkpoint cut off half-way or a full
 * disk, SQLite recovers the file from its -wal on open, so the lab must not refuse it on its own reading
 * of the header. A file is called corrupt only when SQLite says so, in SQLite's words.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open';
import { smallRun, tempDir } from './fixtures';
import {
  copyLiveDatabase,
  copyWalFrameIntoDatabase,
  canMountTmpfs,
  mountTmpfs,
  openWithoutCheckpoints,
  remount,
  unmount,
} from './torn-checkpoint';
import { errorOf } from './test-helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const INSERT_RUN = `INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda,
  hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl,
  train_size, validation_size, test_size, data_seed)
  VALUES (?, 'failed', 1, '{}', '{}', 4, 4, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 60, 20, 20, 1)`;

/** A database of ours whose last `count` runs are committed in the -wal file only, as a killed process leaves it. */
function crashedWithRunsInWal(file: string, count: number): void {
  openStore(file).close();
  const live = path.join(dir, 'live.db');
  fs.copyFileSync(file, live);
  const db = openWithoutCheckpoints(live);
  const insert = db.prepare(INSERT_RUN);
  for (let i = 0; i < count; i++) insert.run(`run ${i} ${'x'.repeat(400)}`);
  copyLiveDatabase(live, file);
  db.close();
}

function sqliteSays(file: string): { check: string; runs: number } {
  const db = new Database(file, { readonly: true });
  try {
    return {
      check: db.pragma('quick_check', { simple: true }) as string,
      runs: (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n,
    };
  } finally {
    db.close();
  }
}

describe('a checkpoint cut off half-way (page 1 of the -wal copied into the file)', () => {
  it('opens with every committed run, as SQLite does, and leaves the file sound', () => {
    const file = path.join(dir, 'torn.db');
    crashedWithRunsInWal(file, 60);
    const claimed = copyWalFrameIntoDatabase(file, 1);
    // The header now promises more pages than the file holds: the rest are still in the -wal file.
    expect(claimed * 4096).toBeGreaterThan(fs.statSync(file).size);
    const store = openStore(file);
    expect(store.countRuns()).toBe(60);
    expect(store.listRuns({ sort: 'id', order: 'asc', limit: 1 })[0].name).toBe(`run 0 ${'x'.repeat(400)}`);
    store.close();
    expect(sqliteSays(file)).toEqual({ check: 'ok', runs: 60 });
  });
});

describe('files SQLite itself finds corrupt are refused in its words and left unchanged', () => {
  it('a database of ours cut to two pages, with no -wal to recover from', () => {
    const file = path.join(dir, 'cut.db');
    const store = openStore(file);
    for (let i = 0; i < 50; i++) store.createRun(smallRun({}, `run ${i} ${'x'.repeat(150)}`));
    store.close();
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 2 * 4096));
    const before = fs.readFileSync(file);
    const e = errorOf(() => openStore(file));
    expect(e.code).toBe('unusable-file');
    expect(e.message).toBe(
      `database file ${file} is corrupt: SQLite says "database disk image is malformed"; it was left unchanged`,
    );
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual(['cut.db']);
  });
});

/** Inserts runs with 2 kB names through `db` until SQLite says the disk is full; returns how many committed. */
function fillUntilFull(db: Database.Database): { committed: number; error: string } {
  const insert = db.prepare(INSERT_RUN);
  for (let i = 0; ; i++) {
    try {
      insert.run(`run ${i} ${'y'.repeat(2000)}`);
    } catch (e) {
      return { committed: i, error: `${(e as { code?: string }).code}: ${(e as Error).message}` };
    }
  }
}

const MOUNTED = canMountTmpfs();

describe.skipIf(!MOUNTED)('a full disk (a real 1 MiB tmpfs; needs root and mount)', () => {
  let mount: string;
  beforeEach(() => {
    mount = path.join(dir, 'small-disk');
    fs.mkdirSync(mount);
    expect(mountTmpfs(mount, '1m')).toBe(true);
  });
  afterEach(() => unmount(mount));

  it('the file is usable again once there is room, with every committed run', () => {
    const file = path.join(mount, 'runs.db');
    openStore(file).close();
    const db = openWithoutCheckpoints(file);
    const { committed, error } = fillUntilFull(db);
    // Closing checkpoints: copying the -wal into the file runs out of room half-way.
    db.close();
    expect(error).toBe('SQLITE_FULL: database or disk is full');
    expect(committed).toBeGreaterThan(20);
    // Still full: it opens (read and write statements that need no room work) and every run is there.
    const full = openStore(file);
    expect(full.countRuns()).toBe(committed);
    full.close();
    remount(mount, 'size=8m');
    const roomy = openStore(file);
    expect(roomy.countRuns()).toBe(committed);
    const id = roomy.createRun(smallRun({}, 'after the disk had room'));
    expect(roomy.getRun(id).name).toBe('after the disk had room');
    roomy.close();
    expect(sqliteSays(file)).toEqual({ check: 'ok', runs: committed + 1 });
  });
});
