import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import { openStore } from '../store/open';
import { spawnNodeWorker } from './node-worker';
import { Supervisor } from './supervisor';
import { ensureBuiltWorker, REPO_ROOT } from './testing/build-worker';
import { integrityCheck, isAlive, longRun, quickRun, until } from './testing/harness';

let workerPath: string;
let hostPath: string;
let dir: string;
const hostDir = join(REPO_ROOT, `out/.test-workers/host-${process.pid}`);

beforeAll(async () => {
  workerPath = await ensureBuiltWorker();
  // The host is bundled into out/ (inside the repository) so that it finds node_modules.
  await build({
    configFile: false,
    logLevel: 'warn',
    root: REPO_ROOT,
    build: {
      ssr: join(REPO_ROOT, 'src-main/training/testing/supervisor-host.ts'),
      outDir: hostDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'supervisor-host.cjs' } },
    },
  });
  hostPath = join(hostDir, 'supervisor-host.cjs');
  dir = mkdtempSync(join(tmpdir(), 'backprop-lab-crash-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  rmSync(hostDir, { recursive: true, force: true });
});

type HostLine = { type: string; runId?: number; status?: string; pid?: number; points?: { iteration: number }[] };

describe('kill -9 of the supervisor process', () => {
  it('leaves the running run interrupted and the finished one intact when the app restarts', async () => {
    const dbPath = join(dir, 'runs.db');
    const host: ChildProcess = spawn(
      process.execPath,
      [hostPath, dbPath, workerPath, JSON.stringify([quickRun(), longRun()])],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const lines: HostLine[] = [];
    createInterface({ input: host.stdout! }).on('line', (l) => lines.push(JSON.parse(l)));
    const exited = new Promise((resolve) => host.on('exit', (code, signal) => resolve(signal ?? code)));

    try {
      await until(
        'the quick run to finish and the long one to train',
        () => {
          const created = lines.filter((l) => l.type === 'created').map((l) => l.runId);
          return (
            created.length === 2 &&
            lines.some((l) => l.type === 'status' && l.runId === created[0] && l.status === 'finished') &&
            lines.some((l) => l.type === 'progress' && l.runId === created[1] && l.points!.at(-1)!.iteration >= 2)
          );
        },
        90_000,
      );
    } finally {
      host.kill('SIGKILL');
    }
    expect(await exited).toBe('SIGKILL');
    const [quick, long] = lines.filter((l) => l.type === 'created').map((l) => l.runId!);
    const [, longWorkerPid] = lines.filter((l) => l.type === 'spawned').map((l) => l.pid!);
    // The orphaned training process notices its parent is gone and stops on its own.
    await until('the orphaned worker to exit', () => !isAlive(longWorkerPid), 10_000);

    expect(integrityCheck(dbPath)).toBe('ok');
    const store = openStore(dbPath);
    try {
      expect(store.getRun(long).status).toBe('running');
      const supervisor = new Supervisor({ store, workerPath, spawn: (p) => spawnNodeWorker(p) });
      expect(supervisor.interruptedAtStart).toBe(1);
      const interrupted = store.getRun(long);
      expect([interrupted.status, interrupted.failureReason]).toEqual([
        'interrupted',
        'the app stopped while the run was running',
      ]);
      expect(interrupted.historyLength).toBeGreaterThanOrEqual(1);
      const finished = store.getRun(quick);
      expect([finished.status, finished.historyLength, finished.snapshots.length]).toEqual(['finished', 11, 11]);
      expect(store.getWeights(quick).theta).toHaveLength(25 * 785 + 10 * 26);
      await supervisor.close();
    } finally {
      store.close();
    }
    expect(integrityCheck(dbPath)).toBe('ok');
  }, 150_000);
});
