/** Test-only helpers for the store's tests: a fresh database file per test, and the StoreError a call throws. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import Database from 'better-sqlite3';
import { tempDir } from './fixtures';
import { MIGRATIONS } from './migrations';
import { openStore } from './open';
import { StoreError, type RunStore } from './types';

export interface TempStore {
  readonly dir: string;
  readonly file: string;
  readonly store: RunStore;
}

/** Before each test opens a store on a new file in a fresh temp folder and hands it to `use`; after it, closes and removes both. */
export function useTempStore(use: (opened: TempStore) => void): void {
  let opened: TempStore | undefined;
  beforeEach(() => {
    const dir = tempDir();
    const file = path.join(dir, 'runs.db');
    opened = { dir, file, store: openStore(file) };
    use(opened);
  });
  afterEach(() => {
    opened?.store.close();
    if (opened) fs.rmSync(opened.dir, { recursive: true, force: true });
  });
}

/** The StoreError `f` throws; fails the test when it throws nothing or something else. */
export function errorOf(f: () => unknown): StoreError {
  try {
    f();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError, nothing was thrown');
}

/**
 * A database file as an older version of the app left it: migrations 1…version applied (each with its
 * user_version, as openStore does) and one run row in the columns every version has, named `name`.
 * Returns the open connection so a test can add what that version stored before closing it.
 */
export function oldSchemaFile(
  file: string,
  version: number,
  run: { name: string; status: string; width: number; height: number },
): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (const [i, migration] of MIGRATIONS.slice(0, version).entries()) {
    db.transaction(() => {
      migration(db);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
  db.prepare(
    `INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda, hidden_layers,
       hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl, train_size,
       validation_size, test_size, data_seed, owner_pid)
     SELECT ?, ?, 1, '{}', '{}', ?, ?, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 60, 20, 20, 1, 1`,
  ).run(run.name, run.status, run.width, run.height);
  return db;
}
