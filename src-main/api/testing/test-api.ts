/**
 * The API the handler tests run against: a store file in a fresh temp folder, a supervisor and
 * `createApi` over them as the web host builds it, every event collected, and the two ways a test
 * reads an answer (its value, or the error of a request that must fail).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore } from '../../store/open';
import type { RunStore } from '../../store/types';
import { spawnNodeWorker } from '../../training/node-worker';
import { Supervisor } from '../../training/supervisor';
import type { ApiErrorInfo } from '../errors';
import { createApi, type Api } from '../handlers';
import { threadLandscape } from '../threads/landscape-runner';
import type { ApiEvent, RequestChannel, RequestResult } from '../table';

export interface TestApi {
  /** The temp folder (real path) holding runs.db and, by default, the allowed folder `allowed`. */
  dir: string;
  store: RunStore;
  supervisor: Supervisor;
  api: Api;
  /** Every event the API has sent, in order. */
  events: ApiEvent[];
  /** The value of a request that must succeed. */
  value<C extends RequestChannel>(channel: C, args: unknown[]): Promise<RequestResult<C>>;
  /** The error of a request that must fail. */
  failure(channel: unknown, args: unknown): Promise<ApiErrorInfo>;
  /** Closes the API, the supervisor and the store and removes the folder. */
  close(): Promise<void>;
}

export interface TestApiOptions {
  /** The built worker for tests that train; by default a path with no worker (requests that never train). */
  workerPath?: string;
  concurrency?: number;
  /** The whole temp folder is allowed instead of its `allowed` subfolder. */
  allowWholeFolder?: boolean;
  /**
   * Compute landscape.* in this many threads of the built landscape.js (beside workerPath), as the app and
   * host do; by default in the calling thread, where a request holds the event loop until it answers.
   */
  landscapeThreads?: number;
  /** The shell's save dialog, as the desktop app gives it (ApiOptions.pickSavePath); a browser has none. */
  pickSavePath?: (fileName: string) => Promise<string | null>;
}

export function openTestApi(prefix: string, options: TestApiOptions = {}): TestApi {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const store = openStore(path.join(dir, 'runs.db'));
  const supervisor = new Supervisor({
    store,
    spawn: spawnNodeWorker,
    workerPath: options.workerPath ?? path.join(dir, 'no-worker.js'),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  let allowedRoots = [dir];
  if (!options.allowWholeFolder) {
    allowedRoots = [path.join(dir, 'allowed')];
    fs.mkdirSync(allowedRoots[0]);
  }
  const shell = options.pickSavePath ? 'electron' : 'web';
  const api = createApi({
    store,
    supervisor,
    allowedRoots,
    shell,
    version: '0.1.0',
    pickSavePath: options.pickSavePath,
    ...(options.landscapeThreads !== undefined && options.workerPath
      ? {
          landscape: threadLandscape(
            path.join(path.dirname(options.workerPath), 'landscape.js'),
            options.landscapeThreads,
          ),
        }
      : {}),
  });
  const events: ApiEvent[] = [];
  api.subscribe((e) => events.push(e));
  return {
    dir,
    store,
    supervisor,
    api,
    events,
    async value<C extends RequestChannel>(channel: C, args: unknown[]) {
      const r = await api.dispatch(channel, args);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as RequestResult<C>;
    },
    async failure(channel, args) {
      const r = await api.dispatch(channel, args);
      if (r.ok) throw new Error(`${String(channel)} succeeded but should have failed`);
      return r.error;
    },
    async close() {
      api.close();
      await supervisor.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
