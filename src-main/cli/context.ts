/**
 * What every CLI command that touches experiments needs: the store at the chosen path and, for
 * training, a supervisor running the built worker as Node child processes.
 */
import { openStore } from '../store/open';
import { resolveDatabasePath } from '../store/paths';
import type { RunStore } from '../store/types';
import { WarmWorkers } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';
import { workerPath } from './worker-path';

export { workerPath };

/** Opens the experiment database named by --db, $BACKPROP_LAB_DB or the app's data folder. */
export function openCliStore(db: unknown): RunStore {
  return openStore(resolveDatabasePath(db === undefined ? undefined : String(db)));
}

/**
 * A supervisor for this CLI process; one run at a time unless asked otherwise. Pass the WarmWorkers
 * that forked this command's worker early (train does, before it opens the store).
 */
export function cliSupervisor(store: RunStore, concurrency = 1, workers = new WarmWorkers(false)): Supervisor {
  return new Supervisor({ store, spawn: workers.spawn, workerPath: workerPath(), concurrency });
}
