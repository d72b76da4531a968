/**
 * What a run is, in the words every part of the app shares: its status, the request that starts it,
 * the cost points and hidden-unit snapshots it reports while training, and the metrics, confusion
 * matrix and misclassified digits it ends with. The store keeps these, the training worker and
 * supervisor produce them, the API and the renderer show them; none of those folders owns them.
 */
import type { DatasetSpec, Hyperparameters } from './hyperparameters';
import type { LayerHealth } from '../nn/health';

export type { LayerHealth };

export const RUN_STATUSES = ['queued', 'running', 'finished', 'failed', 'cancelled', 'interrupted'] as const;
/**
 * queued: created, worker not started yet; running: iterating; finished: weights and metrics stored;
 * failed: stopped by an error (see failureReason); cancelled: stopped by the user (history kept);
 * interrupted: left queued/running by an app that crashed or quit.
 */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses a run never leaves once reached. */
export const FINAL_STATUSES: readonly RunStatus[] = ['finished', 'failed', 'cancelled', 'interrupted'];

/** What the supervisor knows when a user starts a run. */
export interface NewRun {
  /** Shown in lists; trimmed, 1–200 characters. Defaults to "Run <id>". */
  name?: string;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  /** Input image size in pixels (28×28 for MNIST, 20×20 for Ng's ex4data1); n = width·height. */
  width: number;
  height: number;
  /** The sweep this run is a point of, and the point's x (λ, training-set size m, seed, …). */
  sweep?: { id: number; x: number };
}

/** One cost evaluation J(Θ) the optimizer reported. */
export interface ProgressPoint {
  /** Iteration (cg/lbfgs) or epoch/step (sgd); strictly increasing within a run. */
  iteration: number;
  /** J(Θ) at that iteration (finite). */
  cost: number;
  /** Milliseconds since the run started. */
  elapsedMs: number;
}

/** Hidden-layer images at one moment of training (about 20 per run, plus the start and the end). */
export interface SnapshotInput {
  /** 0, 1, 2, … in the order taken; unique within a run. */
  index: number;
  /** The iteration the weights belong to (0 = the random init). */
  iteration: number;
  /** All hidden units of the first hidden layer in one grid, PNG bytes. */
  gridPng: Uint8Array;
  /** One PNG per hidden unit, unit 0 first. */
  unitPngs: Uint8Array[];
  /**
   * J on the validation set at these weights, without the λ term (ex5's J_cv), and the fraction of
   * validation digits classified right; null (or absent) when the run has no validation set.
   */
  validationCost?: number | null;
  validationAccuracy?: number | null;
  /**
   * Θ at this iteration, unrolled, in float32 (enough for a picture of the training path; the endpoints
   * Θ₀ and the final Θ are kept in float64 with the weights); null (or absent) when not kept.
   */
  theta?: Float32Array | null;
  /**
   * Training health of every layer at this iteration (nn/health.ts): gradient norms, ‖ΔΘ‖/‖Θ‖,
   * saturation and percentile bands; null (or absent) for runs recorded before it was kept.
   */
  health?: LayerHealth[] | null;
}

/** One snapshot's training health, as `runs show --json` and the health panel read it. */
export interface SnapshotHealth {
  iteration: number;
  layers: LayerHealth[];
}

/** A run's training health, one entry per snapshot that has it (none for runs recorded before). */
export interface RunHealth {
  runId: number;
  health: SnapshotHealth[];
}

/** What the store returns for a snapshot without its images. */
export interface SnapshotInfo {
  index: number;
  iteration: number;
  /** How many unit images the snapshot holds (getSnapshotImages(id, index).unitPngs.length). */
  unitCount: number;
  /** J_cv (no λ term) and validation accuracy at this iteration; null without a validation set or for older runs. */
  validationCost: number | null;
  validationAccuracy: number | null;
}

/** A snapshot with its image bytes. */
export interface SnapshotImages extends SnapshotInfo {
  gridPng: Uint8Array;
  unitPngs: Uint8Array[];
}

/** The numbers a finished run is judged by. */
export interface RunMetrics {
  /** Fraction of training examples classified right, in [0, 1]. */
  trainAccuracy: number;
  /** null when the dataset has no validation set. */
  validationAccuracy: number | null;
  /** null when the dataset has no test set. */
  testAccuracy: number | null;
  /** J(Θ) at the final weights (regularized, on the training set). */
  finalCost: number;
  /** Wall-clock duration of training in ms. */
  durationMs: number;
  /** How many times J and its gradient were computed. */
  costEvaluations: number;
}

/** K×K counts: confusion[actual][predicted], classes 0…K−1 (digit k is class k). */
export type ConfusionMatrix = number[][];

/**
 * What the run's data means, fixed when its worker loaded the data: output i ↔ classNames[i] ('0'…'9'
 * for digits), featureNames (null for images) and the z-scores the inputs went through (null: none).
 * A consumer of the weights (prediction, export) must apply z = (x − mean) / sd first; a feature whose
 * training sd was 0 is stored with sd 1.
 */
export interface RunDataInfo {
  classNames: string[];
  featureNames: string[] | null;
  standardization: { mean: number[]; sd: number[] } | null;
}

/** What the supervisor stores when training ends well. */
export interface RunResult {
  /** Final Θ, all layers unrolled row-major (Ng's convention, see nn/shape.ts). */
  theta: Float64Array;
  /** Layer sizes, input first, e.g. [784, 25, 10]; theta.length must equal parameterCount(sizes). */
  sizes: number[];
  /** Θ₀, the weights training started from (same layout as theta); kept beside the final Θ. */
  initialTheta?: Float64Array;
  metrics: RunMetrics;
  confusion: ConfusionMatrix;
  /** Test digits the network got wrong, in test-set order (at most MAX_MISCLASSIFIED_PER_RUN). */
  misclassified?: MisclassifiedDigit[];
}

/** Most misclassified test digits kept per run: enough for a gallery, small enough to store with every run. */
export const MAX_MISCLASSIFIED_PER_RUN = 100;

/** One test digit a finished run's network classified wrongly. */
export interface MisclassifiedDigit {
  /** Index of the digit in the run's test set (0-based); galleries show them in this order. */
  position: number;
  /** The true digit 0–9. */
  label: number;
  /** The class the network chose (≠ label). */
  predicted: number;
  /** The input image, greyscale PNG, ink light on black as in the raw MNIST files. */
  png: Uint8Array;
}
