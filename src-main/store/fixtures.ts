/** Real files and small real data for the store's tests and bench: temp folders, runs, PNGs, Θ. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encode } from 'fast-png';
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  type DatasetSpec,
  type Hyperparameters,
} from '../run/hyperparameters';
import type { Examples } from '../nn/cost';
import { accuracy, predict } from '../nn/predict';
import { parameterCount } from '../nn/shape';
import type { NewRun, RunMetrics, RunResult, RunStore } from './types';

/** A fresh folder under the OS temp dir; remove it with fs.rmSync(dir, { recursive: true }). */
export function tempDir(prefix = 'backprop-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A 4×4-pixel run (n = 16) so weights stay tiny: layers 16-hidden-10. */
export function smallRun(overrides: Partial<Hyperparameters> = {}, name?: string): NewRun {
  return {
    name,
    hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3], ...overrides },
    dataset: { ...DEFAULT_DATASET, trainSize: 60, validationSize: 20, testSize: 20 },
    width: 4,
    height: 4,
  };
}

/** A real grayscale PNG whose pixels are `seed`, seed+1, … (so images differ byte for byte). */
export function png(seed: number, side = 3): Uint8Array {
  const data = new Uint8Array(side * side).map((_, i) => (seed + i) & 255);
  return encode({ width: side, height: side, data, channels: 1, depth: 8 });
}

/** A finish result for a run made by smallRun with the given hidden layers. */
export function smallResult(hiddenLayers: number[] = [3], inputSize = 16): RunResult {
  const sizes = [inputSize, ...hiddenLayers, 10];
  const theta = new Float64Array(parameterCount(sizes)).map((_, i) => Math.sin(i + 1) / 3);
  theta[1] = -0; // −0 must survive storage and export bit for bit
  const confusion = Array.from({ length: 10 }, (_, i) =>
    Array.from({ length: 10 }, (_, j) => (i === j ? 9 : i === (j + 1) % 10 ? 1 : 0)),
  );
  return {
    theta,
    sizes,
    metrics: {
      trainAccuracy: 0.95,
      validationAccuracy: 0.9,
      testAccuracy: 0.85,
      finalCost: 0.3123,
      durationMs: 1234.5,
      costEvaluations: 51,
    },
    confusion,
  };
}

/**
 * A run written through the store as training writes it (created, running, finished) with the given
 * Θ (and Θ₀), its images 28×28 unless `width` and `height` say otherwise: for tests and benches that
 * explain, check, inspect or export a run's own weights.
 */
export function writeFinishedRun(
  store: RunStore,
  run: {
    hyperparameters: Hyperparameters;
    dataset: DatasetSpec;
    sizes: number[];
    theta: Float64Array;
    initialTheta?: Float64Array;
    /** Placeholders (accuracies 0.5, J 1) unless given. */
    metrics?: RunMetrics;
    width?: number;
    height?: number;
  },
): number {
  const { width = 28, height = 28 } = run;
  const id = store.createRun({ hyperparameters: run.hyperparameters, dataset: run.dataset, width, height });
  store.markRunning(id);
  store.finishRun(id, {
    theta: run.theta,
    sizes: run.sizes,
    ...(run.initialTheta ? { initialTheta: run.initialTheta } : {}),
    metrics: run.metrics ?? {
      trainAccuracy: 0.5,
      validationAccuracy: 0.5,
      testAccuracy: 0.5,
      finalCost: 1,
      durationMs: 1,
      costEvaluations: 1,
    },
    confusion: Array.from({ length: 10 }, () => new Array(10).fill(0)),
  });
  return id;
}

/**
 * The metrics of a run written without training: training accuracy `trainAccuracy` (0, the default, is
 * one never measured, which the hidden-unit view does not check against reloaded data), no other
 * accuracy, J 1.
 */
export function untrainedMetrics(trainAccuracy = 0): RunMetrics {
  return {
    trainAccuracy,
    validationAccuracy: null,
    testAccuracy: null,
    finalCost: 1,
    durationMs: 1,
    costEvaluations: 1,
  };
}

/**
 * The metrics of a run written without training: its training accuracy that of Θ on `train` (the
 * figure the hidden-unit view checks the reloaded data against), no other accuracy, J, time or count.
 */
export function measuredTrainMetrics(theta: Float64Array, sizes: number[], train: Examples): RunMetrics {
  return {
    trainAccuracy: accuracy(predict(theta, sizes, train.X, train.m), train.y),
    validationAccuracy: null,
    testAccuracy: null,
    finalCost: 0,
    durationMs: 0,
    costEvaluations: 0,
  };
}
