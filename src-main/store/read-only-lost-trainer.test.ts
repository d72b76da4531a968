/**
 * A read-only database holding runs whose trainer died (issue 20, B9's leftover): a writable store
 * marks them interrupted when it opens, a read-only one cannot write that, and before this they said
 * "queued" or "running" forever. Now every read sees them as interrupted — list, count, filter,
 * detail, sweep and export agree — while the file on disk stays byte for byte as it was. The owners
 * are real processes: one killed (its pid and start-time token recorded first), one still alive.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { smallResult, smallRun, tempDir } from './fixtures';
import { openStore } from './open';
import { processToken } from './owner';
import { openReadOnly } from './read-only';
import { canMountTmpfs, mountTmpfs, remount, unmount } from './torn-checkpoint';
import type { RunStore } from './types';

let dir: string;
let alive: ChildProcess;
beforeEach(() => {
  dir = tempDir('backprop-lost-trainer-');
  alive = spawn('sleep', ['600'], { stdio: 'ignore' });
});
afterEach(() => {
  alive.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The identity of a process that has exited: started, its token read, killed, waited for. */
async function deadOwner(): Promise<{ pid: number; token: string | null }> {
  const child = spawn('sleep', ['600'], { stdio: 'ignore' });
  await new Promise((r) => child.once('spawn', r));
  const owner = { pid: child.pid!, token: processToken(child.pid!) };
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  return owner;
}

const REASON = 'the app stopped while the run was running; the database is read-only, so on disk it still says running';

/**
 * Runs 1 finished; 2 running and 3 queued, both owned by a dead process; 4 running, owned by a live
 * one; 2 and 4 in a seeds sweep. Written as the lab writes them, then the owners set as their
 * trainers would have recorded them.
 */
async function runsWithLostTrainers(file: string): Promise<void> {
  const store = openStore(file);
  const sweep = store.createSweep({
    kind: 'seeds',
    base: {
      hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3] },
      dataset: { ...DEFAULT_DATASET, trainSize: 60, validationSize: 20, testSize: 20 },
      values: [1, 2],
    },
  });
  const finished = store.createRun(smallRun({}, 'finished'));
  store.markRunning(finished);
  store.finishRun(finished, smallResult());
  const lost = store.createRun({ ...smallRun({ seed: 1 }, 'lost while running'), sweep: { id: sweep, x: 1 } });
  store.markRunning(lost);
  store.appendProgress(lost, [{ iteration: 1, cost: 2.5, elapsedMs: 10 }]);
  store.createRun(smallRun({}, 'lost while queued'));
  const live = store.createRun({ ...smallRun({ seed: 2 }, 'still running'), sweep: { id: sweep, x: 2 } });
  store.markRunning(live);
  store.close();
  const dead = await deadOwner();
  const db = new Database(file);
  const own = db.prepare('UPDATE runs SET owner_pid = ?, owner_token = ? WHERE id = ?');
  own.run(dead.pid, dead.token, 2);
  own.run(dead.pid, dead.token, 3);
  own.run(alive.pid, processToken(alive.pid!), 4);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** The database file's SHA-256 (a test in a writable folder may see SQLite leave an empty -wal beside it). */
const hashOf = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** What every read says about the four runs. */
function expectLostAsInterrupted(store: RunStore): void {
  expect(store.listRuns({ sort: 'id', order: 'asc' }).map((r) => [r.id, r.status])).toEqual([
    [1, 'finished'],
    [2, 'interrupted'],
    [3, 'interrupted'],
    [4, 'running'],
  ]);
  const detail = store.getRun(2);
  expect([detail.status, detail.failureReason, detail.lastIteration]).toEqual(['interrupted', REASON, 1]);
  expect(store.getRun(3).failureReason).toBe(
    'the app stopped while the run was queued; the database is read-only, so on disk it still says queued',
  );
  expect([store.getRun(4).status, store.getRun(4).failureReason]).toEqual(['running', null]);
  expect(store.countRuns({ status: 'interrupted' })).toBe(2);
  expect(store.countRuns({ status: ['queued', 'running'] })).toBe(1);
  expect(store.listRuns({ status: 'interrupted', sort: 'id', order: 'asc' }).map((r) => r.id)).toEqual([2, 3]);
  const [sweep] = store.listSweeps();
  expect([sweep.runCount, sweep.finishedCount, sweep.activeCount]).toEqual([2, 0, 1]);
  const out = path.join(dir, 'exported-2');
  store.exportRun(2, out);
  const exported = JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8')) as { status: string };
  expect(exported.status).toBe('interrupted');
}

/** The statuses on disk, read by SQLite alone from a copy of the file's bytes (a read-only mount allows no -shm). */
function statusesOnDisk(file: string): string[] {
  const bytes = fs.readFileSync(file);
  bytes[18] = bytes[19] = 1; // read the copy as a rollback-journal file: it has no -wal beside it
  const db = new Database(bytes);
  try {
    return db.prepare('SELECT status FROM runs ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('a read-only database sees runs whose trainer died as interrupted, without writing', () => {
  it('opened read-only in place (the way a file the lab may not write is opened)', async () => {
    const folder = path.join(dir, 'db');
    fs.mkdirSync(folder);
    const file = path.join(folder, 'runs.db');
    await runsWithLostTrainers(file);
    const before = hashOf(file);
    const store = openReadOnly(file, 'you have no permission to write it (mode 0444)');
    try {
      expectLostAsInterrupted(store);
    } finally {
      store.close();
    }
    expect(hashOf(file)).toBe(before);
    expect(statusesOnDisk(file)).toEqual(['finished', 'running', 'queued', 'running']);
  });

  const mounted = canMountTmpfs();

  it.skipIf(!mounted)('on a real read-only mount (a tmpfs remounted ro; needs root), through openStore', async () => {
    const mount = path.join(dir, 'ro-disk');
    fs.mkdirSync(mount);
    expect(mountTmpfs(mount, '4m')).toBe(true);
    try {
      const file = path.join(mount, 'runs.db');
      await runsWithLostTrainers(file);
      const before = hashOf(file);
      expect(fs.readdirSync(mount)).toEqual(['runs.db']);
      remount(mount, 'ro');
      const store = openStore(file);
      try {
        expect(store.readOnly).toBe('it is on a read-only file system');
        expectLostAsInterrupted(store);
      } finally {
        store.close();
      }
      expect([fs.readdirSync(mount), hashOf(file)]).toEqual([['runs.db'], before]);
      expect(statusesOnDisk(file)).toEqual(['finished', 'running', 'queued', 'running']);
    } finally {
      unmount(mount);
    }
  });

  it("the same file opened writable records the dead trainer's runs as interrupted, and leaves the live one", async () => {
    const file = path.join(dir, 'runs.db');
    await runsWithLostTrainers(file);
    const store = openStore(file);
    try {
      expect(store.readOnly).toBe(null);
      expect(store.listRuns({ sort: 'id', order: 'asc' }).map((r) => r.status)).toEqual([
        'finished',
        'interrupted',
        'interrupted',
        'running',
      ]);
      expect(store.getRun(2).failureReason).toBe('the app stopped while the run was running');
    } finally {
      store.close();
    }
  });
});
