/**
 * Test support for supervisor tests: a fresh SQLite file per test, a supervisor over the built
 * worker, every event recorded, and waiting for an event with a deadline that names what was awaited.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll } from 'vitest';
import { openStore } from '../../store/open';
import type { RunStore } from '../../store/types';
import { DEFAULT_HYPERPARAMETERS, type DatasetSpec, type Hyperparameters } from '../../run/hyperparameters';
import { spawnNodeWorker } from '../node-worker';
import { Supervisor, type StartRequest, type SupervisorEvent, type SupervisorOptions } from '../supervisor';
import type { WorkerHandle } from '../worker-handle';
import { ensureBuiltWorker } from './build-worker';

/** 300 MNIST digits to train on, 100 each to validate and test: a run takes about a second. */
export const SMALL_DATA: DatasetSpec = {
  source: 'mnist',
  trainSize: 300,
  validationSize: 100,
  testSize: 100,
  dataSeed: 1,
};

/** A quick run: 10 CG iterations of Ng's 784-25-10 network. */
export function quickRun(overrides: Partial<Hyperparameters> = {}): StartRequest {
  return { hyperparameters: { ...DEFAULT_HYPERPARAMETERS, iterations: 10, ...overrides }, dataset: SMALL_DATA };
}

/** A run that would take minutes: tests stop it (cancel, kill) long before it ends. */
export function longRun(): StartRequest {
  return quickRun({ iterations: 100_000 });
}

export interface Lab {
  dir: string;
  dbPath: string;
  store: RunStore;
  supervisor: Supervisor;
  events: SupervisorEvent[];
  /** Worker handles in the order they were spawned (= the order runs started). */
  spawned: WorkerHandle[];
  /** Resolves with the first event (already seen or future) matching `match`. */
  waitFor(what: string, match: (e: SupervisorEvent) => boolean, timeoutMs?: number): Promise<SupervisorEvent>;
  /** Closes supervisor and store and deletes the folder. */
  dispose(): Promise<void>;
}

/** A store in a fresh temporary folder with a supervisor over `workerPath`. */
export function openLab(workerPath: string, options: Partial<SupervisorOptions> = {}): Lab {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-supervisor-'));
  const dbPath = join(dir, 'runs.db');
  const store = openStore(dbPath);
  const events: SupervisorEvent[] = [];
  const spawned: WorkerHandle[] = [];
  const waiters = new Set<(e: SupervisorEvent) => void>();
  const supervisor = new Supervisor({
    store,
    workerPath,
    spawn: (path) => {
      const h = spawnNodeWorker(path);
      spawned.push(h);
      return h;
    },
    ...options,
  });
  supervisor.subscribe((e) => {
    events.push(e);
    for (const w of [...waiters]) w(e);
  });
  return {
    dir,
    dbPath,
    store,
    supervisor,
    events,
    spawned,
    waitFor(what, match, timeoutMs = 90_000) {
      const seen = events.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
        }, timeoutMs);
        const check = (e: SupervisorEvent) => {
          if (!match(e)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(e);
        };
        waiters.add(check);
      });
    },
    async dispose() {
      await supervisor.close();
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The labs of a test file whose tests each open their own (see labPerTest). */
export interface LabPerTest {
  /** A lab over the built worker (or `workerPath`), disposed after the test. */
  open(options?: Partial<SupervisorOptions>, workerPath?: string): Lab;
}

/**
 * The set-up of a file whose tests each train in a lab of their own: the worker is built (or found up
 * to date) once before the file's tests, and each test's lab is disposed after it, passed or failed.
 * Call at the top of the file or of a describe.
 */
export function labPerTest(): LabPerTest {
  let built: string | undefined;
  let lab: Lab | undefined;
  beforeAll(async () => {
    built = await ensureBuiltWorker();
  }, 180_000);
  afterEach(async () => {
    await lab?.dispose();
    lab = undefined;
  });
  return {
    open(options = {}, workerPath = built) {
      if (!workerPath) throw new Error('labPerTest: open() was called before the worker was built (outside a test?)');
      lab = openLab(workerPath, options);
      return lab;
    },
  };
}

/** Matches the status event that puts `runId` into `status`. */
export const statusOf = (runId: number, status: string) => (e: SupervisorEvent) =>
  e.type === 'status' && e.runId === runId && e.status === status;

/** SQLite's own consistency check of the whole file ('ok' when sound). */
export function integrityCheck(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `check` holds, polling every 20 ms; rejects naming `what` after the deadline. */
export async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
