/** Test-only helpers for the store's tests: a fresh database file per test, and the StoreError a call throws. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { tempDir } from './fixtures';
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
