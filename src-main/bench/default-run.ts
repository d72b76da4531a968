/**
 * What the open-a-run benches (backprop.ts, first-open.ts) share: Ng's default 784-25-10 run, finished
 * with a Θ far from its Θ₀ as a trained one is, in a fresh store in a temporary folder, with an idle
 * supervisor (no run is trained) and the real API over them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataLoaders } from '../api/threads/data-thread';
import { createApi, type Api } from '../api/handlers';
import { initialTheta } from '../nn/init';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { writeFinishedRun } from '../store/fixtures';
import { openStore } from '../store/open';
import type { RunMetrics, RunStore } from '../store/types';
import { spawnNodeWorker } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';

/** The default network's sizes, Θ₀ (uniform ε = 0.12, seed 1) and Θ = 8·Θ₀ + sin(i)/10. */
export function defaultRunTheta(): { sizes: number[]; theta0: Float64Array; theta: Float64Array } {
  const sizes = [784, ...DEFAULT_HYPERPARAMETERS.hiddenLayers, 10];
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
  const theta = Float64Array.from(theta0, (v, i) => v * 8 + Math.sin(i) / 10);
  return { sizes, theta0, theta };
}

export interface DefaultRunApi {
  store: RunStore;
  api: Api;
  /** The finished default run. */
  id: number;
  /** Closes the API, the loaders, the supervisor and the store, and removes the folder. */
  close(): Promise<void>;
}

/**
 * The default run in a fresh store under a temporary folder named `prefix`…, with the API over it;
 * its data loads go through `loaders` when given (else on the calling thread); `metrics` as stored.
 */
export function openDefaultRun(
  prefix: string,
  options: { loaders?: DataLoaders; metrics?: RunMetrics } = {},
): DefaultRunApi {
  const { loaders, metrics } = options;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const store = openStore(path.join(dir, 'runs.db'));
  const supervisor = new Supervisor({ store, spawn: spawnNodeWorker, workerPath: path.join(dir, 'none.js') });
  const api = createApi({
    store,
    supervisor,
    allowedRoots: [dir],
    shell: 'web',
    version: 'bench',
    ...(loaders ? { loadSplit: loaders.loadSplit, loadActivations: loaders.loadActivations } : {}),
  });
  const { sizes, theta0, theta } = defaultRunTheta();
  const id = writeFinishedRun(store, {
    hyperparameters: DEFAULT_HYPERPARAMETERS,
    dataset: DEFAULT_DATASET,
    sizes,
    theta,
    initialTheta: theta0,
    ...(metrics ? { metrics } : {}),
  });
  return {
    store,
    api,
    id,
    async close() {
      api.close();
      loaders?.close();
      await supervisor.close();
      store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
