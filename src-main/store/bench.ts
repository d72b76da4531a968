/**
 * The store's benchmark for `npm run bench`: fill a temporary database the way the supervisor would
 * (1,000 finished runs, 400-iteration cost histories, ~22 snapshots of 25 small PNGs each), then time
 * what the app does most: list all runs, and load 10 runs' histories for a comparison chart.
 * Target: under 300 ms each, including the first (cold) query after opening the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { encode } from 'fast-png';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, OPTIMIZERS } from '../run/hyperparameters';
import { parameterCount } from '../nn/shape';
import { seededRandom } from '../nn/random';
import { openStore } from './open';

export interface StoreBenchOptions {
  runs?: number;
  iterations?: number;
  /** Snapshots per run, start and end included. */
  snapshots?: number;
  hiddenUnits?: number;
  /** Keep the database instead of deleting it (its path is in the report). */
  keep?: boolean;
}

export interface StoreBenchReport {
  runs: number;
  iterations: number;
  snapshots: number;
  hiddenUnits: number;
  path: string;
  fileBytes: number;
  buildMs: number;
  /** listRuns() of every run, first call after opening, then the median of 5 more. */
  listColdMs: number;
  listMs: number;
  /** getHistories of 10 runs, first call after opening, then the median of 5 more. */
  historiesColdMs: number;
  historiesMs: number;
  /** A filtered, sorted page (status, λ range, text search, sort by test accuracy, 50 rows); median of 5. */
  filteredPageMs: number;
  /** getRun and getSnapshotImages of one run; median of 5. */
  runDetailMs: number;
  snapshotImagesMs: number;
}

/** Builds the benchmark database, times the queries and returns the numbers (deleting the file unless keep). */
export function runStoreBench(options: StoreBenchOptions = {}): StoreBenchReport {
  const runs = options.runs ?? 1000;
  const iterations = options.iterations ?? 400;
  const snapshots = options.snapshots ?? 22;
  const hiddenUnits = options.hiddenUnits ?? 25;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-store-bench-'));
  const file = path.join(dir, 'bench.db');
  const random = seededRandom(42);
  try {
    // A pool of real PNGs reused across runs: encoding 500,000 images would time fast-png, not the store.
    const unitPool = Array.from({ length: 64 }, (_, i) => grayPng(20, 20, i));
    const gridPool = Array.from({ length: 8 }, (_, i) => grayPng(110, 110, i));
    const sizes = [400, hiddenUnits, 10];
    const theta = new Float64Array(parameterCount(sizes)).map(() => random() - 0.5);
    const confusion = Array.from({ length: 10 }, (_, i) => Array.from({ length: 10 }, (_, j) => (i === j ? 240 : 1)));

    let t = performance.now();
    let store = openStore(file);
    for (let r = 0; r < runs; r++) {
      const id = store.createRun({
        name: `bench run ${r}`,
        hyperparameters: {
          ...DEFAULT_HYPERPARAMETERS,
          hiddenLayers: [hiddenUnits],
          lambda: Math.round(random() * 100) / 10,
          optimizer: OPTIMIZERS[r % OPTIMIZERS.length],
          iterations,
          seed: r,
        },
        dataset: DEFAULT_DATASET,
        width: 20,
        height: 20,
      });
      store.markRunning(id);
      if (r % 7 === 0) store.setTags(id, ['bench', `group ${r % 5}`]);
      let cost = 7;
      const snapshotEvery = Math.max(1, Math.floor(iterations / Math.max(1, snapshots - 1)));
      let nextSnapshot = 0;
      // The supervisor appends in batches; 50 points per transaction here.
      for (let start = 1; start <= iterations; start += 50) {
        const batch = [];
        for (let it = start; it < start + 50 && it <= iterations; it++) {
          cost *= 0.99;
          batch.push({ iteration: it, cost, elapsedMs: it * 3.2 });
        }
        store.appendProgress(id, batch);
        while (nextSnapshot < snapshots && nextSnapshot * snapshotEvery <= batch[batch.length - 1].iteration) {
          store.addSnapshot(id, {
            index: nextSnapshot,
            iteration: Math.min(nextSnapshot * snapshotEvery, iterations),
            gridPng: gridPool[(r + nextSnapshot) % gridPool.length],
            unitPngs: Array.from({ length: hiddenUnits }, (_, u) => unitPool[(r + nextSnapshot + u) % unitPool.length]),
          });
          nextSnapshot++;
        }
      }
      store.finishRun(id, {
        theta,
        sizes,
        metrics: {
          trainAccuracy: random(),
          validationAccuracy: random(),
          testAccuracy: random(),
          finalCost: cost,
          durationMs: 1000,
          costEvaluations: iterations + 1,
        },
        confusion,
      });
    }
    store.close();
    const buildMs = performance.now() - t;

    store = openStore(file);
    const ids = Array.from({ length: 10 }, (_, i) => 1 + Math.floor((i * runs) / 10));
    t = performance.now();
    const listed = store.listRuns();
    const listColdMs = performance.now() - t;
    if (listed.length !== runs) throw new Error(`bench: listed ${listed.length} runs, expected ${runs}`);
    t = performance.now();
    const histories = store.getHistories(ids);
    const historiesColdMs = performance.now() - t;
    if (histories.some((h) => h.cost.length !== iterations)) throw new Error('bench: a history came back incomplete');
    const report: StoreBenchReport = {
      runs,
      iterations,
      snapshots,
      hiddenUnits,
      path: file,
      fileBytes: fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0),
      buildMs,
      listColdMs,
      listMs: median(() => store.listRuns()),
      historiesColdMs,
      historiesMs: median(() => store.getHistories(ids)),
      filteredPageMs: median(() =>
        store.listRuns({
          status: 'finished',
          lambda: { min: 1, max: 8 },
          text: 'run 1',
          sort: 'testAccuracy',
          order: 'desc',
          limit: 50,
        }),
      ),
      runDetailMs: median(() => store.getRun(ids[3])),
      snapshotImagesMs: median(() => store.getSnapshotImages(ids[3], Math.floor(snapshots / 2))),
    };
    store.close();
    return report;
  } finally {
    if (!options.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The report as lines for the terminal. */
export function formatStoreBench(r: StoreBenchReport): string {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  return [
    `store: ${r.runs} runs × ${r.iterations} iterations, ${r.snapshots} snapshots × ${r.hiddenUnits} units; file ${(r.fileBytes / 1e6).toFixed(1)} MB, built in ${(r.buildMs / 1000).toFixed(1)} s`,
    `  list all runs            first ${ms(r.listColdMs)}, then ${ms(r.listMs)}   (target < 300 ms)`,
    `  10 runs' histories       first ${ms(r.historiesColdMs)}, then ${ms(r.historiesMs)}   (target < 300 ms)`,
    `  filtered, sorted page    ${ms(r.filteredPageMs)}`,
    `  getRun                   ${ms(r.runDetailMs)}`,
    `  getSnapshotImages        ${ms(r.snapshotImagesMs)}`,
  ].join('\n');
}

function median(f: () => unknown, times = 5): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    f();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(times / 2)];
}

/**
 * A smooth image in 16 gray levels, so it compresses to a few hundred bytes. Real hidden-unit images
 * (256 levels of noisy weights) are bigger: fast-png gives ~450 B for 20×20 and ~10 KB for a 110×110 grid.
 */
function grayPng(width: number, height: number, seed: number): Uint8Array {
  const data = new Uint8Array(width * height).map((_, i) => {
    const x = i % width;
    const y = Math.floor(i / width);
    return Math.round(127.5 + 127.5 * Math.sin((x + seed) / 4) * Math.cos((y - seed) / 5)) & 0xf0;
  });
  return encode({ width, height, data, channels: 1, depth: 8 });
}
