import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from './open';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './migrations';
import { smallRun, tempDir } from './fixtures';
import { StoreError } from './types';
import { oldSchemaFile } from './test-helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const TABLES = [
  'handwriting',
  'misclassified',
  'progress',
  'run_tags',
  'runs',
  'snapshot_units',
  'snapshots',
  'sweeps',
  'weights',
];

function inspectRaw(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    return {
      applicationId: db.pragma('application_id', { simple: true }),
      userVersion: db.pragma('user_version', { simple: true }),
      journalMode: db.pragma('journal_mode', { simple: true }),
      integrity: db.pragma('integrity_check', { simple: true }),
      tables: db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`).pluck().all(),
    };
  } finally {
    db.close();
  }
}

/** Opening must fail with 'unusable-file', naming the file and the problem, and change nothing on disk. */
function expectRefused(file: string, problem: RegExp) {
  const before = fs.readFileSync(file);
  const filesBefore = fs.readdirSync(dir).sort();
  let error: unknown;
  try {
    openStore(file).close();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe('unusable-file');
  expect((error as StoreError).message).toContain(file);
  expect((error as StoreError).message).toMatch(problem);
  expect(fs.readFileSync(file).equals(before)).toBe(true);
  expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
}

describe('openStore on a new or empty file', () => {
  it('creates the folder and an absent file, migrated to the current schema, marked as ours, in WAL mode', () => {
    const file = path.join(dir, 'nested', 'deeper', 'runs.db');
    const store = openStore(file);
    expect(store.path).toBe(file);
    expect(store.countRuns()).toBe(0);
    store.close();
    expect(inspectRaw(file)).toEqual({
      applicationId: APPLICATION_ID,
      userVersion: SCHEMA_VERSION,
      journalMode: 'wal',
      integrity: 'ok',
      tables: TABLES,
    });
    // Migration 7 (runs.data_info) is in.
    expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    const db = new Database(file, { readonly: true });
    const columns = db.prepare(`SELECT name FROM pragma_table_info('runs')`).pluck().all();
    db.close();
    expect(columns).toContain('data_info');
    expect(APPLICATION_ID).toBe(1112558690);
    // Runs, notes and drawings are the user's own: readable and writable by the owner only.
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
  });

  it('migrates a zero-byte file', () => {
    const file = path.join(dir, 'empty.db');
    fs.writeFileSync(file, '');
    openStore(file).close();
    expect(inspectRaw(file).tables).toEqual(TABLES);
  });

  it('migrates an empty SQLite database that has no tables yet', () => {
    const file = path.join(dir, 'blank.db');
    const db = new Database(file);
    db.pragma('page_size = 4096');
    db.exec('VACUUM');
    db.close();
    expect(fs.statSync(file).size).toBe(4096);
    openStore(file).close();
    expect(inspectRaw(file).userVersion).toBe(SCHEMA_VERSION);
  });

  it('reopens its own file with the runs kept and foreign keys on', () => {
    const file = path.join(dir, 'runs.db');
    const first = openStore(file);
    const id = first.createRun(smallRun({}, 'kept'));
    first.close();
    const second = openStore(file);
    expect(second.getRun(id).name).toBe('kept');
    second.close();
  });

  it('opens a file left by a process that died without closing (data still in the -wal file)', () => {
    const file = path.join(dir, 'crashed.db');
    // A real child process writes through plain better-sqlite3 the way our store does, then exits without close().
    openStore(file).close();
    const child = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(file)}); db.pragma('journal_mode = WAL');
         db.prepare("INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda, hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl, train_size, validation_size, test_size, data_seed) SELECT 'from the crash', 'running', 1, '{}', '{}', 4, 4, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 60, 20, 20, 1").run();
         process.exit(0);`,
      ],
      { cwd: path.join(__dirname, '..', '..'), encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(fs.statSync(`${file}-wal`).size).toBeGreaterThan(0);
    // Opening alone (as `runs list` does) marks the dead process's run.
    const store = openStore(file);
    expect(store.markInterrupted()).toBe(0);
    expect(store.listRuns().map((r) => [r.name, r.status])).toEqual([['from the crash', 'interrupted']]);
    store.close();
  });

  it('upgrades a schema-2 file to the current schema: its runs belong to no sweep and can join none retroactively', () => {
    const file = path.join(dir, 'v2.db');
    const db = oldSchemaFile(file, 2, { name: 'from version 2', status: 'failed', width: 28, height: 28 });
    db.close();
    const store = openStore(file);
    expect(inspectRaw(file)).toMatchObject({ userVersion: SCHEMA_VERSION, integrity: 'ok', tables: TABLES });
    const [run] = store.listRuns();
    expect([run.name, run.sweepId, run.sweepX, run.width, run.height]).toEqual(['from version 2', null, null, 28, 28]);
    expect(store.getMisclassified(run.id)).toEqual([]);
    expect(store.listSweeps()).toEqual([]);
    expect(store.listHandwriting()).toEqual([]);
    store.close();
  });

  it('upgrades a schema-3 file: its snapshots keep their images and have no validation cost (null)', () => {
    const file = path.join(dir, 'v3.db');
    const db = oldSchemaFile(file, 3, { name: 'from version 3', status: 'failed', width: 28, height: 28 });
    db.prepare('INSERT INTO snapshots (run_id, idx, iteration, unit_count, grid_png) VALUES (1, 0, 7, 0, ?)').run(
      Buffer.from([1, 2, 3]),
    );
    db.close();
    const store = openStore(file);
    expect(inspectRaw(file)).toMatchObject({ userVersion: SCHEMA_VERSION, integrity: 'ok', tables: TABLES });
    expect(store.getRun(1).snapshots).toEqual([
      { index: 0, iteration: 7, unitCount: 0, validationCost: null, validationAccuracy: null },
    ]);
    expect(Array.from(store.getSnapshotImages(1, 0).gridPng)).toEqual([1, 2, 3]);
    store.close();
  });

  it('upgrades a schema-1 file to the current schema, keeping its runs', () => {
    const file = path.join(dir, 'v1.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.transaction(() => {
      MIGRATIONS[0](db);
      db.pragma('user_version = 1');
    })();
    db.prepare(
      `INSERT INTO runs (name, status, created_at, hyperparameters, dataset, width, height, optimizer, lambda, hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl, train_size, validation_size, test_size, data_seed)
       SELECT 'from version 1', 'running', 1, '{}', '{}', 4, 4, 'cg', 1, '[3]', 3, 3, 50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 60, 20, 20, 1`,
    ).run();
    db.close();
    const store = openStore(file);
    expect(inspectRaw(file).userVersion).toBe(SCHEMA_VERSION);
    // Schema 1 knew no owners: its live runs can only be left over from a stopped app; opening marks them.
    expect(store.markInterrupted()).toBe(0);
    expect(store.listRuns().map((r) => [r.name, r.status])).toEqual([['from version 1', 'interrupted']]);
    store.close();
  });

  it('passes nativeBinding to better-sqlite3', () => {
    const binding = path.join(
      path.dirname(require.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    );
    openStore(path.join(dir, 'a.db'), { nativeBinding: binding }).close();
    expect(() => openStore(path.join(dir, 'b.db'), { nativeBinding: path.join(dir, 'missing.node') })).toThrow(
      /missing\.node/,
    );
  });
});

describe('openStore refuses files that are not ours and leaves them byte-for-byte untouched', () => {
  it('random bytes', () => {
    const file = path.join(dir, 'random.db');
    const bytes = Buffer.alloc(8192);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    fs.writeFileSync(file, bytes);
    expectRefused(file, /is not a SQLite database/);
  });

  it('a text file', () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'hello\n');
    expectRefused(file, /is not a SQLite database/);
  });

  it('a real database of ours truncated to half', () => {
    const file = path.join(dir, 'truncated.db');
    const store = openStore(file);
    for (let i = 0; i < 50; i++) store.createRun(smallRun({}, `run ${i} ${'x'.repeat(150)}`));
    store.close();
    const full = fs.readFileSync(file);
    expect(full.length).toBeGreaterThanOrEqual(4 * 4096);
    fs.writeFileSync(file, full.subarray(0, 2 * 4096));
    // SQLite itself finds it corrupt (no -wal holds the missing pages), and the refusal quotes it.
    expectRefused(file, /is corrupt: SQLite says "database disk image is malformed"/);
  });

  it('a real database truncated inside its header', () => {
    const file = path.join(dir, 'stub.db');
    openStore(file).close();
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 50));
    expectRefused(file, /is corrupt: SQLite says "database disk image is malformed"/);
  });

  it("another program's SQLite database (tables, user_version 0)", () => {
    const file = path.join(dir, 'foreign.db');
    const db = new Database(file);
    db.exec("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada')");
    db.close();
    expectRefused(file, /another program's SQLite database \(it has 1 tables or indexes/);
  });

  it("another program's database in WAL mode, without leaving -wal/-shm files behind", () => {
    const file = path.join(dir, 'foreign-wal.db');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x); CREATE INDEX tx ON t (x)');
    db.close();
    expect(fs.readdirSync(dir)).toEqual(['foreign-wal.db']);
    expectRefused(file, /another program's SQLite database \(it has 2 tables/);
  });

  it('a database with another application_id', () => {
    const file = path.join(dir, 'other-app.db');
    const db = new Database(file);
    db.pragma('application_id = 1234');
    db.close();
    expectRefused(file, /belongs to another program \(SQLite application_id 0x4d2\)/);
  });

  it('a newer schema of ours (user_version above ours)', () => {
    const file = path.join(dir, 'future.db');
    openStore(file).close();
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 7}`);
    db.close();
    expectRefused(
      file,
      new RegExp(
        `newer version of Backprop Lab \\(schema ${SCHEMA_VERSION + 7}; this version reads up to ${SCHEMA_VERSION}\\)`,
      ),
    );
  });

  it('a folder', () => {
    const folder = path.join(dir, 'a-folder');
    fs.mkdirSync(folder);
    expect(() => openStore(folder)).toThrow(`database file ${folder} is a folder, not a database file`);
  });
});
