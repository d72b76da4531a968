/**
 * Test support: a tiny CSV of 4×4 "digits" (label, then 16 pixels in [0, 1]), so that tests which
 * start dozens of real training processes spend their time on the processes, not on the data.
 */
import { writeFileSync } from 'node:fs';
import type { DatasetSpec, Hyperparameters } from '../../run/hyperparameters';
import { DEFAULT_HYPERPARAMETERS } from '../../run/hyperparameters';
import type { StartRequest } from '../supervisor';

/** Writes `rows` examples of 3 classes whose pixels brighten with the label (learnable in a few iterations). */
export function writeTinyCsv(file: string, rows = 60): string {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const label = i % 3;
    const pixels = Array.from({ length: 16 }, (_, p) => (((label + 1) * (p + 3) + i) % 10) / 10);
    lines.push([label, ...pixels].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** The dataset of a tiny CSV: 40 to train, 10 to validate, 10 to test. */
export function tinyDataset(file: string): DatasetSpec {
  return { source: 'csv', file, trainSize: 40, validationSize: 10, testSize: 10, dataSeed: 1 };
}

/** A run of a 16-3-3 network for `iterations` CG iterations on the tiny CSV. */
export function tinyRun(file: string, iterations = 4, name?: string): StartRequest {
  const hyperparameters: Hyperparameters = { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3], iterations };
  return { name, hyperparameters, dataset: tinyDataset(file), width: 4, height: 4 };
}

/** The same run as `train` flags for the CLI. */
export function tinyFlags(file: string, iterations = 4): string[] {
  return [
    ...['--data', file, '--hidden', '3', '--iterations', String(iterations)],
    ...['--train-size', '40', '--validation-size', '10', '--test-size', '10'],
  ];
}
