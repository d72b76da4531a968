/**
 * How fast the Backprop view answers, for `npm run bench -- --only backprop` (never asserted in tests):
 * opening an example once the run's weights and data are loaded (target < 50 ms, through the real API
 * and a JSON round trip, as IPC and HTTP carry it), the first open (which loads the run's data), and
 * the per-example-sum check over 5,000 training examples, on a default 784-25-10 run in a temp store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApi } from '../api/handlers';
import { initialTheta } from '../nn/init';
import { parameterCount } from '../nn/shape';
import { finishedDigitsRun } from '../store/fixtures';
import { openStore } from '../store/open';
import { spawnNodeWorker } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';

export interface BackpropBenchResult {
  readonly case: string;
  readonly medianMs: number;
  readonly repeats: number;
  readonly detail: string;
}

/** Times explain.example and explain.sumCheck on a default-sized run written to a temporary store. */
export async function benchBackprop(repeats = 40): Promise<BackpropBenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-bench-backprop-'));
  const store = openStore(path.join(dir, 'runs.db'));
  // No run is trained here: the supervisor only has to exist for the API.
  const supervisor = new Supervisor({ store, spawn: spawnNodeWorker, workerPath: path.join(dir, 'none.js') });
  const api = createApi({ store, supervisor, allowedRoots: [dir], shell: 'web', version: 'bench' });
  try {
    const sizes = [784, 25, 10];
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const theta = Float64Array.from(theta0, (v, i) => v * 8 + Math.sin(i) / 10);
    if (theta.length !== parameterCount(sizes)) throw new Error('bench: wrong parameter count');
    const id = finishedDigitsRun(store, {
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      sizes,
      theta,
      initialTheta: theta0,
    });
    const call = async (channel: string, args: unknown[]) => {
      const r = await api.dispatch(channel, args);
      if (!r.ok) throw new Error(r.error.message);
      return JSON.parse(JSON.stringify(r.value)) as { computeMs: number; m?: number; maxAbsDifference?: number };
    };

    const t0 = performance.now();
    await call('explain.example', [{ runId: id, source: { kind: 'test', index: 0 } }]);
    const firstMs = performance.now() - t0;

    const times: number[] = [];
    const compute: number[] = [];
    let bytes = 0;
    for (let k = 1; k <= repeats; k++) {
      const start = performance.now();
      const r = await api.dispatch('explain.example', [
        { runId: id, source: { kind: k % 2 ? 'test' : 'train', index: k * 37 }, label: k % 10 },
      ]);
      if (!r.ok) throw new Error(r.error.message);
      const text = JSON.stringify(r.value);
      JSON.parse(text);
      times.push(performance.now() - start);
      compute.push((r.value as { computeMs: number }).computeMs);
      bytes = text.length;
    }

    const sums: number[] = [];
    let difference = 0;
    for (let k = 0; k < 3; k++) {
      const start = performance.now();
      const r = await call('explain.sumCheck', [id, { limit: 5000 }]);
      sums.push(performance.now() - start);
      difference = r.maxAbsDifference!;
    }
    return [
      {
        case: 'open an example (weights and data loaded)',
        medianMs: median(times),
        repeats,
        detail: `target < 50 ms; explain ${median(compute).toFixed(1)} ms, JSON ${(bytes / 1024).toFixed(0)} KB`,
      },
      {
        case: 'open the first example (loads the run’s data)',
        medianMs: firstMs,
        repeats: 1,
        detail: '5,000+2,500+2,500 digits',
      },
      {
        case: 'sum check over 5,000 training examples',
        medianMs: median(sums),
        repeats: 3,
        detail: `max |difference| = ${difference.toExponential(1)}`,
      },
    ];
  } finally {
    api.close();
    await supervisor.close();
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
