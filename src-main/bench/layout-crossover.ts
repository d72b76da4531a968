/**
 * `npm run bench -- --only layout`: where the fast kernel's dense input layout overtakes the sparse
 * one. Times one evaluation of J and ∇J (784-25-10, λ = 1) in both layouts over synthetic inputs of
 * known density (grey levels k/255 at random positions) and over real data: MNIST digits,
 * Fashion-MNIST photos (Debian's dataset-fashion-mnist, when installed) and the same photos
 * standardized, which no longer pack into the sparse layout at all. DENSE_FROM_DENSITY
 * (nn/fast/input-layout.ts) is read off this table.
 */
import { existsSync } from 'node:fs';
import { loadBundledDigits } from '../data/mnist';
import { loadDigitsFile } from '../data/load';
import { applyStandardization, fitStandardization } from '../data/standardize';
import { subset } from '../data/subset';
import type { Examples } from '../nn/cost';
import { createFastCost, defaultThreads, inputDensity, type InputLayoutName } from '../nn/fast';
import { initialTheta } from '../nn/init';
import { seededRandom } from '../nn/random';
import { timeEvaluations } from './measure';

const SIZES = [784, 25, 10];
const FASHION_TRAIN = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

/** One row of the table: both layouts on one data set. */
export interface CrossoverRow {
  readonly data: string;
  readonly m: number;
  readonly density: number;
  /** Median wall ms per evaluation (null: that layout cannot hold these inputs). */
  readonly sparseMs: number | null;
  readonly denseMs: number;
  /** Median CPU ms per evaluation, all threads (less disturbed by busy neighbours than wall time). */
  readonly sparseCpuMs: number | null;
  readonly denseCpuMs: number;
  /** What createFastCost picks by itself for these inputs. */
  readonly chosen: InputLayoutName;
}

export interface CrossoverReport {
  readonly threads: number;
  readonly evaluations: number;
  readonly rows: CrossoverRow[];
  readonly note: string | null;
}

/** m examples with `density` of the inputs nonzero, at random places, grey levels 1/255 … 255/255. */
export function syntheticInputs(m: number, density: number, seed = 3): Examples {
  const n = SIZES[0];
  const random = seededRandom(seed);
  const X = new Float64Array(m * n);
  for (let i = 0; i < X.length; i++) if (random() < density) X[i] = (1 + Math.floor(random() * 255)) / 255;
  const y = new Uint8Array(m);
  for (let i = 0; i < m; i++) y[i] = i % 10;
  return { X, y, m, n };
}

function timeLayouts(data: string, examples: Examples, evaluations: number, threads: number): CrossoverRow {
  const theta = initialTheta(SIZES, { init: 'uniform', epsilon: 0.12, seed: 1 });
  const time = (layout: InputLayoutName) => {
    const f = createFastCost(SIZES, examples, 1, { kernel: 'wasm', layout, threads });
    try {
      // Inputs that do not pack are stored dense whatever was asked: no sparse time to show.
      if (f.layout !== layout) return null;
      return timeEvaluations(f, theta, 3, evaluations);
    } finally {
      f.dispose();
    }
  };
  const sparse = time('sparse');
  const dense = time('dense')!;
  const auto = createFastCost(SIZES, examples, 1, { kernel: 'wasm', threads: 1 });
  const chosen = auto.layout;
  auto.dispose();
  return {
    data,
    m: examples.m,
    density: inputDensity(examples.X),
    sparseMs: sparse?.medianMs ?? null,
    denseMs: dense.medianMs,
    sparseCpuMs: sparse?.cpuMedianMs ?? null,
    denseCpuMs: dense.cpuMedianMs,
    chosen,
  };
}

/** Measures both layouts on every data set; `say` gets each row as it is done. */
export function runLayoutCrossover(evaluations: number, say: (row: CrossoverRow) => void): CrossoverReport {
  const threads = defaultThreads();
  const rows: CrossoverRow[] = [];
  const add = (row: CrossoverRow) => {
    rows.push(row);
    say(row);
  };
  for (const density of [0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1]) {
    add(timeLayouts(`synthetic ${Math.round(density * 100)}%`, syntheticInputs(10_000, density), evaluations, threads));
  }
  add(timeLayouts('MNIST digits (bundled)', loadBundledDigits(), evaluations, threads));
  let note: string | null = null;
  if (existsSync(FASHION_TRAIN)) {
    const photos = loadDigitsFile(FASHION_TRAIN);
    const first = subset(
      photos,
      Array.from({ length: 10_000 }, (_, i) => i),
    );
    add(timeLayouts('Fashion-MNIST photos', first, evaluations, threads));
    add(
      timeLayouts(
        'Fashion-MNIST, standardized',
        applyStandardization(first, fitStandardization(first)),
        evaluations,
        threads,
      ),
    );
    add(timeLayouts('Fashion-MNIST photos, all', photos, Math.max(5, evaluations >> 2), threads));
  } else {
    note = 'Fashion-MNIST rows skipped: install Debian package dataset-fashion-mnist for them';
  }
  return { threads, evaluations, rows, note };
}

/**
 * The table as text: per evaluation, CPU ms (all threads) and wall ms of each layout, which one is
 * faster and what the fast cost chooses. "Faster" is read from the CPU time, which busy neighbours on
 * a shared machine disturb far less than the wall time.
 */
export function formatCrossoverRow(r: CrossoverRow): string {
  const ms = (v: number | null) => (v === null ? '—' : v.toFixed(v < 100 ? 1 : 0)).padStart(8);
  const faster = r.sparseCpuMs === null || r.denseCpuMs < r.sparseCpuMs ? 'dense' : 'sparse';
  const ratio = r.sparseCpuMs === null ? '—' : (r.denseCpuMs / r.sparseCpuMs).toFixed(2);
  return (
    `  ${r.data.padEnd(30)}${r.m.toLocaleString('en-US').padStart(7)}${(r.density * 100).toFixed(1).padStart(7)}%` +
    `${ms(r.sparseCpuMs)}${ms(r.denseCpuMs)}${ratio.padStart(7)}${ms(r.sparseMs)}${ms(r.denseMs)}` +
    `  ${faster.padEnd(7)}${r.chosen}${r.chosen === faster ? '' : ' (≠)'}`
  );
}

/** The table's header lines. */
export function crossoverHeader(threads: number, evaluations: number): string[] {
  return [
    `Input layout of the fast kernel: ms per evaluation of J and ∇J, 784-25-10, λ = 1, ${threads} thread(s), median of ${evaluations}`,
    `  ${'data'.padEnd(30)}${'m'.padStart(7)}${'nonzero'.padStart(8)}${'CPU sp'.padStart(8)}${'CPU de'.padStart(8)}${'de/sp'.padStart(7)}` +
      `${'wall sp'.padStart(8)}${'wall de'.padStart(8)}  faster chosen`,
  ];
}
