/**
 * Timings of data loading for `npm run bench` (never asserted in tests: the machine decides them).
 * Cold loads of the bundled digits, a default split, and MNIST-sized IDX and CSV files written to a
 * temporary folder that is removed afterwards.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { DEFAULT_DATASET } from '../run/hyperparameters';
import { loadDataSplit, loadDigitsFile } from './load';
import { forgetBundledDigits, loadBundledDigits, loadBundledTable } from './mnist';
import { seededRandom } from '../nn/random';

export interface DataBenchResult {
  readonly name: string;
  /** Median wall time over the repeats, in milliseconds. */
  readonly ms: number;
  /** Median CPU time (user + system, page faults included), which other busy processes inflate less. */
  readonly cpuMs: number;
  readonly detail: string;
}

/** Times each way of loading data `repeats` times (median), with `report` called as each finishes. */
export function benchDataLoading(repeats = 3, report: (r: DataBenchResult) => void = () => {}): DataBenchResult[] {
  const results: DataBenchResult[] = [];
  const time = (name: string, detail: string, run: () => void, before: () => void = () => {}) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < repeats; r++) {
      before();
      const startCpu = process.cpuUsage();
      const start = performance.now();
      run();
      times.push(performance.now() - start);
      const used = process.cpuUsage(startCpu);
      cpu.push((used.user + used.system) / 1000);
    }
    const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[xs.length >> 1] * 10) / 10;
    const result = { name, ms: median(times), cpuMs: median(cpu), detail };
    results.push(result);
    report(result);
  };

  time(
    'bundled digits: read + scan (cold)',
    '10,000 × 784 bytes from 21 MB of JSON',
    () => loadBundledTable(),
    forgetBundledDigits,
  );
  time('bundled digits: loadBundledDigits (warm)', '7.84 M doubles = 62.7 MB', () => loadBundledDigits());
  time(
    'bundled digits: default split (cold)',
    '5,000 / 2,500 / 2,500',
    () => loadDataSplit(DEFAULT_DATASET),
    forgetBundledDigits,
  );

  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-bench-'));
  try {
    const { images, labels } = syntheticIdx(60000);
    const imagesFile = join(dir, 'train-images-idx3-ubyte');
    const labelsFile = join(dir, 'train-labels-idx1-ubyte');
    writeFileSync(imagesFile, images);
    writeFileSync(labelsFile, labels);
    writeFileSync(`${imagesFile}.gz`, gzipSync(images, { level: 6 }));
    time('IDX 60,000 × 28×28: loadDigitsFile', '47 MB → 376 MB of doubles', () =>
      loadDigitsFile(imagesFile, labelsFile),
    );
    time('IDX 60,000 × 28×28 gzip: loadDigitsFile', 'gunzip + parse + convert', () =>
      loadDigitsFile(`${imagesFile}.gz`, labelsFile),
    );
    const spec = { ...DEFAULT_DATASET, source: 'idx' as const, file: imagesFile, labels: labelsFile };
    time('IDX 60,000: default split', 'only 10,000 rows become doubles', () => loadDataSplit(spec));

    const csvFile = join(dir, 'digits.csv');
    const csv = syntheticCsv(images, labels, 10000);
    writeFileSync(csvFile, csv);
    time(`CSV 10,000 × 785 (0–255): loadDigitsFile`, `${(csv.length / 1e6).toFixed(1)} MB`, () =>
      loadDigitsFile(csvFile),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/** MNIST-like bytes: about a fifth of the pixels inked, the rest 0, seeded so every run is alike. */
function syntheticIdx(m: number): { images: Buffer; labels: Buffer } {
  const random = seededRandom(7);
  const images = Buffer.alloc(16 + m * 784);
  images.writeUInt32BE(0x803, 0);
  images.writeUInt32BE(m, 4);
  images.writeUInt32BE(28, 8);
  images.writeUInt32BE(28, 12);
  for (let i = 16; i < images.length; i++) if (random() < 0.2) images[i] = 1 + Math.floor(random() * 255);
  const labels = Buffer.alloc(8 + m);
  labels.writeUInt32BE(0x801, 0);
  labels.writeUInt32BE(m, 4);
  for (let i = 0; i < m; i++) labels[8 + i] = i % 10;
  return { images, labels };
}

function syntheticCsv(images: Buffer, labels: Buffer, m: number): string {
  const lines: string[] = [];
  for (let i = 0; i < m; i++) {
    lines.push(`${labels[8 + i]},${Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784)).join(',')}`);
  }
  return lines.join('\n') + '\n';
}
