/**
 * What every CLI command that touches experiments needs: the store at the chosen path and, for
 * training, a supervisor running the built worker as Node child processes.
 */
import { join } from 'node:path';
import { openStore } from '../store/open';
import { resolveDatabasePath } from '../store/paths';
import type { RunStore } from '../store/types';
import { spawnNodeWorker } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';

/** Opens the experiment database named by --db, $BACKPROP_LAB_DB or the app's data folder. */
export function openCliStore(db: unknown): RunStore {
  return openStore(resolveDatabasePath(db === undefined ? undefined : String(db)));
}

/** The worker sits next to the built CLI (out/main/worker.js beside out/main/cli.js). */
export function workerPath(): string {
  return join(__dirname, 'worker.js');
}

/** A supervisor for this CLI process; one run at a time unless asked otherwise. */
export function cliSupervisor(store: RunStore, concurrency = 1): Supervisor {
  return new Supervisor({ store, spawn: (path) => spawnNodeWorker(path), workerPath: workerPath(), concurrency });
}
