/**
 * The first open of a run in the Backprop view and in the hidden-unit panel (issue 23 §3): a default
 * run in a temporary store, opened once through the real API with its data loaded on the API's thread
 * (as the CLI does, and as the bench measured it before), and once with the API's long-lived data
 * thread booted and idle (a warm thread that has not read this run's data). Beside each: how long
 * the API's own thread was busy (its event loop's active time), the figure the windows feel.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { dataThreadLoaders } from '../api/threads/data-thread';
import { createApi } from '../api/handlers';
import { loadDataSplit } from '../data/load';
import { initialTheta } from '../nn/init';
import { accuracy, predict } from '../nn/predict';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { finishedDigitsRun } from '../store/fixtures';
import { openStore } from '../store/open';
import { spawnNodeWorker } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';
import { pause } from './interleave';

export interface FirstOpenTiming {
  readonly view: 'Backprop view' | 'hidden-unit panel';
  readonly where: 'API thread' | 'data thread';
  /** Request → answer (JSON round trip included). */
  readonly ms: number;
  /** Of that, the API thread's event loop was busy this long. */
  readonly apiThreadMs: number;
}

const OPENS = [
  {
    view: 'Backprop view',
    channel: 'explain.example',
    args: (id: number) => [{ runId: id, source: { kind: 'test', index: 0 } }],
  },
  { view: 'hidden-unit panel', channel: 'runs.hiddenUnit', args: (id: number) => [id, 2, 1] },
] as const;

/** Times each first open on the API thread, then with a warm data thread of `readerFile` (the built data-reader.js). */
export async function benchFirstOpens(readerFile: string): Promise<FirstOpenTiming[]> {
  const train = loadDataSplit(DEFAULT_DATASET).train;
  const sizes = [784, ...DEFAULT_HYPERPARAMETERS.hiddenLayers, 10];
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
  const theta = Float64Array.from(theta0, (v, i) => v * 8 + Math.sin(i) / 10);
  const metrics = {
    trainAccuracy: accuracy(predict(theta, sizes, train.X, train.m), train.y),
    validationAccuracy: null,
    testAccuracy: null,
    finalCost: 0,
    durationMs: 0,
    costEvaluations: 0,
  };
  const timings: FirstOpenTiming[] = [];
  for (const where of ['API thread', 'data thread'] as const) {
    for (const open of OPENS) {
      // A fresh store and API each time: nothing of the run is held anywhere yet.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-bench-first-open-'));
      const store = openStore(path.join(dir, 'runs.db'));
      const supervisor = new Supervisor({ store, spawn: spawnNodeWorker, workerPath: path.join(dir, 'none.js') });
      const loaders = where === 'data thread' ? dataThreadLoaders(readerFile) : null;
      const api = createApi({
        store,
        supervisor,
        allowedRoots: [dir],
        shell: 'web',
        version: 'bench',
        ...(loaders ? { loadSplit: loaders.loadSplit, loadActivations: loaders.loadActivations } : {}),
      });
      try {
        const id = finishedDigitsRun(store, {
          hyperparameters: DEFAULT_HYPERPARAMETERS,
          dataset: DEFAULT_DATASET,
          sizes,
          theta,
          initialTheta: theta0,
          metrics,
        });
        // Warm: the thread has booted and loaded its modules (it starts with the API), and is idle.
        await pause(1500);
        const loop = performance.eventLoopUtilization();
        const start = performance.now();
        const r = await api.dispatch(open.channel, open.args(id));
        if (!r.ok) throw new Error(`bench: ${open.channel}: ${r.error.message}`);
        JSON.parse(JSON.stringify(r.value));
        const ms = performance.now() - start;
        timings.push({ view: open.view, where, ms, apiThreadMs: performance.eventLoopUtilization(loop).active });
      } finally {
        api.close();
        loaders?.close();
        await supervisor.close();
        store.close();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return timings;
}

/** One line per timing. */
export function formatFirstOpen(t: FirstOpenTiming): string {
  const where = t.where === 'API thread' ? 'data loaded on the API thread' : 'warm data thread';
  return `first open of a run in the ${t.view.padEnd(17)} (${where.padEnd(29)}) ${t.ms.toFixed(0).padStart(5)} ms; API thread busy ${t.apiThreadMs.toFixed(0).padStart(4)} ms`;
}
