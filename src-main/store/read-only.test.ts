/**
 * A database the lab may read but not write opens read-only (issue 20, B9): browsing, comparing and
 * exporting work, every write says why it cannot, and nothing on disk changes. The read-only mount is
 * real (a tmpfs remounted ro, which binds root too); file permissions are tested in-process when not
 * root, and through the built CLI as the user nobody in src-main/cli/read-only.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open';
import { smallResult, smallRun, tempDir } from './fixtures';
import {
  copyLiveDatabase,
  canMountTmpfs,
  mountTmpfs,
  openWithoutCheckpoints,
  remount,
  unmount,
} from './torn-checkpoint';
import { errorOf } from './test-helpers';
import type { RunStore } from './types';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Two runs, the first finished with weights, the second failed. */
function twoRuns(file: string): void {
  const store = openStore(file);
  const a = store.createRun(smallRun({}, 'finished one'));
  store.markRunning(a);
  store.finishRun(a, smallResult());
  const b = store.createRun(smallRun({}, 'failed one'));
  store.failRun(b, 'the data file vanished');
  store.close();
}

function filesIn(folder: string): Record<string, string> {
  return Object.fromEntries(
    fs.readdirSync(folder).map((f) => [f, fs.readFileSync(path.join(folder, f)).toString('base64')]),
  );
}

/** Browse, compare and export work; every write is refused naming the file and the reason. */
function expectReadOnly(store: RunStore, file: string, reason: string): void {
  expect(store.readOnly).toBe(reason);
  expect(store.listRuns({ sort: 'id', order: 'asc' }).map((r) => [r.name, r.status])).toEqual([
    ['finished one', 'finished'],
    ['failed one', 'failed'],
  ]);
  expect(store.getHistories([1, 2]).length).toBe(2);
  expect(store.getWeights(1).sizes).toEqual([16, 3, 10]);
  const out = path.join(dir, 'exported');
  store.exportRun(1, out);
  expect(fs.readdirSync(out).sort()).toEqual([
    'history.csv',
    'images',
    'model.onnx',
    'predict.py',
    'preprocessing.json',
    'run.json',
    'weights.json',
    'weights.mat',
  ]);
  const rename = errorOf(() => store.rename(1, 'new name'));
  expect([rename.code, rename.message]).toEqual([
    'read-only',
    `the database ${file} is read-only: ${reason}; renaming a run needs to write to it`,
  ]);
  expect(errorOf(() => store.createRun(smallRun())).message).toBe(
    `the database ${file} is read-only: ${reason}; starting a run needs to write to it`,
  );
  expect(errorOf(() => store.deleteRun(2)).code).toBe('read-only');
  expect(errorOf(() => store.setTags(2, ['a'])).code).toBe('read-only');
  expect(errorOf(() => store.importRun(out)).code).toBe('read-only');
}

const MOUNTED = canMountTmpfs();

describe.skipIf(!MOUNTED)('a database on a read-only mount (a real tmpfs remounted ro; needs root)', () => {
  let mount: string;
  beforeEach(() => {
    mount = path.join(dir, 'ro-disk');
    fs.mkdirSync(mount);
    expect(mountTmpfs(mount, '4m')).toBe(true);
  });
  afterEach(() => unmount(mount));

  it('closed cleanly (no -wal, no -shm: SQLite cannot open it in place, so it is read from memory)', () => {
    const file = path.join(mount, 'runs.db');
    twoRuns(file);
    const before = filesIn(mount);
    expect(Object.keys(before)).toEqual(['runs.db']);
    remount(mount, 'ro');
    const store = openStore(file);
    try {
      expectReadOnly(store, file, 'it is on a read-only file system');
    } finally {
      store.close();
    }
    expect(filesIn(mount)).toEqual(before);
  });

  it('left by a crash with runs still in the -wal file: SQLite reads them in place', () => {
    const live = path.join(dir, 'live.db');
    twoRuns(live);
    const db = openWithoutCheckpoints(live);
    db.prepare(`UPDATE runs SET notes = 'only in the -wal file' WHERE id = 2`).run();
    const file = path.join(mount, 'runs.db');
    copyLiveDatabase(live, file);
    db.close();
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const before = filesIn(mount);
    remount(mount, 'ro');
    const store = openStore(file);
    try {
      expect(store.getRun(2).notes).toBe('only in the -wal file');
      expectReadOnly(store, file, 'it is on a read-only file system');
    } finally {
      store.close();
    }
    expect(filesIn(mount)).toEqual(before);
  });
});

describe.skipIf(process.getuid?.() === 0)('a 0444 file in a 0555 folder (as a user without root)', () => {
  it('opens read-only', () => {
    const folder = path.join(dir, 'locked');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'runs.db');
    twoRuns(file);
    fs.chmodSync(file, 0o444);
    fs.chmodSync(folder, 0o555);
    try {
      expectReadOnly(openStore(file), file, 'you have no permission to write it (mode 0444)');
    } finally {
      fs.chmodSync(folder, 0o755);
    }
  });
});
