/**
 * Several processes training into one database file at once, as when a user runs CLIs side by side
 * or trains from a terminal while the app is open. Every run must finish with its whole history:
 * no "database is locked", no migration racing another ("table runs already exists").
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHost } from './server';
import { openStore } from '../store/open';
import { buildSupervisorHost } from '../training/testing/build-host';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { integrityCheck } from '../training/testing/harness';
import { tinyFlags, tinyRun, writeTinyCsv } from '../training/testing/tiny-data';

let workerPath: string;
let cliPath: string;
let hostPath: string;
let removeHost: () => void;
let dir: string;
let csv: string;

beforeAll(async () => {
  workerPath = await ensureBuiltWorker();
  cliPath = path.join(path.dirname(workerPath), 'cli.js');
  ({ hostPath, remove: removeHost } = await buildSupervisorHost());
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-writers-')));
  csv = writeTinyCsv(path.join(dir, 'tiny.csv'));
}, 120_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  removeHost?.();
});

/** Runs a process to its end; resolves with its exit code and what it printed. */
function runProcess(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function cliTrain(
  db: string,
  name: string,
  iterations: number,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, 'train', ...tinyFlags(csv, iterations), '--name', name, '--db', db, '--json'],
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

/** Every run of the file: finished, with iterations 0…`iterations` recorded and its weights. */
function expectAllFinished(db: string, count: number, iterations: number): void {
  expect(integrityCheck(db)).toBe('ok');
  const store = openStore(db);
  try {
    const runs = store.listRuns({ sort: 'createdAt', order: 'asc' });
    expect(runs).toHaveLength(count);
    const histories = store.getHistories(runs.map((r) => r.id));
    for (const [i, run] of runs.entries()) {
      const detail = store.getRun(run.id);
      expect([run.name, run.status, run.failureReason, detail.hasWeights]).toEqual([run.name, 'finished', null, true]);
      expect(histories[i].iteration).toEqual(Array.from({ length: iterations + 1 }, (_, k) => k));
    }
  } finally {
    store.close();
  }
}

describe('many processes writing one database', () => {
  it('8 processes × 5 runs into one fresh file: all 40 finish with their full history', async () => {
    const db = path.join(dir, 'eight.db');
    const requests = JSON.stringify(Array.from({ length: 5 }, (_, k) => tinyRun(csv, 4, `run ${k}`)));
    const results = await Promise.all(
      Array.from({ length: 8 }, () => runProcess([hostPath, db, workerPath, requests])),
    );
    for (const r of results) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.filter((l) => l.type === 'status' && l.status === 'finished')).toHaveLength(5);
    }
    expectAllFinished(db, 40, 4);
  }, 240_000);

  it('the web host and two CLIs into one migrated file: every run finishes with its full history', async () => {
    const db = path.join(dir, 'shared.db');
    // Longer runs than above: more progress and snapshot writes of three processes overlapping.
    const ITERATIONS = 30;
    openStore(db).close();
    const host = await startHost({ port: 0, dbPath: db, rendererDir: dir, workerPath, concurrency: 2 });
    try {
      const call = async (channel: string, args: unknown[]) => {
        const res = await fetch(`http://127.0.0.1:${host.port}/api/${channel}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(args),
        });
        return res.json();
      };
      const { dataset, hyperparameters } = tinyRun(csv, ITERATIONS);
      const lane = async (name: string) => {
        for (let k = 0; k < 2; k++) {
          const r = await cliTrain(db, `${name} ${k}`, ITERATIONS);
          expect(r.code, r.stderr).toBe(0);
          expect(JSON.parse(r.stdout).status).toBe('finished');
        }
      };
      const started = call('training.start', [{ name: 'host', hyperparameters, dataset, count: 4 }]);
      await Promise.all([lane('cli A'), lane('cli B'), started]);
      const { ids } = (await started).value as { ids: number[] };
      expect(ids).toHaveLength(4);
      for (const start = Date.now(); ; await new Promise((r) => setTimeout(r, 100))) {
        const runs = (await call('runs.list', [{}])).value as { status: string }[];
        if (runs.every((r) => r.status !== 'queued' && r.status !== 'running')) break;
        if (Date.now() - start > 120_000) throw new Error('host runs did not end');
      }
    } finally {
      await host.close();
    }
    expectAllFinished(db, 8, ITERATIONS);
  }, 240_000);
});
