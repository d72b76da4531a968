/**
 * What the API table's requests answer and its events carry, beyond the store's own types: JSON-safe
 * shapes (PNGs as base64, weights as plain numbers) so IPC and HTTP carry exactly the same values.
 */
import type { DatasetSpec, Hyperparameters } from '../run/hyperparameters';
import type { SnapshotInfo } from '../store/types';

/** A snapshot's images as base64-encoded PNG files (put `data:image/png;base64,` in front to show one). */
export interface SnapshotImagesBase64 extends SnapshotInfo {
  gridPng: string;
  unitPngs: string[];
}

/** Final Θ of a finished run, unrolled row-major (Ng's convention, see nn/shape.ts), as plain numbers. */
export interface WeightsJson {
  sizes: number[];
  theta: number[];
}

/** One training example at an end of a hidden unit's range, with the class the network gives it. */
export interface UnitExampleJson {
  /** Row in the run's training set, from 0. */
  index: number;
  label: number;
  predicted: number;
  /** a(l)ⱼ for this example. */
  activation: number;
  /** The example as a greyscale PNG (base64; a 1-pixel-high strip for non-image data). */
  imagePng: string;
}

/** One hidden unit a(l)ⱼ of a finished run over its m training examples (Ng's numbering: l ≥ 2, j ≥ 1). */
export interface HiddenUnitJson {
  runId: number;
  layer: number;
  unit: number;
  /** The network's layer sizes, input first: units in this layer are sizes[layer − 1]. */
  sizes: number[];
  input: { width: number; height: number; image: boolean };
  m: number;
  /** Θ(l−1)[j][0]. */
  bias: number;
  /** Θ(l−1)[j][1…]: over the input pixels (l = 2) or the previous hidden layer's units. */
  incoming: number[];
  /** The incoming weights as Ng's displayData draws them (layer 2 of image data only), base64 PNG. */
  incomingPng: string | null;
  /** Θ(l)[k][j] for each unit k of the next layer: the classes when l = L − 1. */
  outgoing: number[];
  outgoingTo: 'classes' | 'units';
  top: UnitExampleJson[];
  bottom: UnitExampleJson[];
  /** The hidden units' g: what saturation means here and the span of the histogram. */
  activation: 'sigmoid' | 'tanh' | 'relu';
  /** Counts of a(l)ⱼ in equal bins over histogramRange. */
  histogram: number[];
  /** [lo, hi]: [0, 1] for the sigmoid, [−1, 1] for tanh, [0, largest a] for ReLU. */
  histogramRange: [number, number];
  mean: number;
  min: number;
  max: number;
  /** Examples where g′(z) < 0.02 (sigmoid a(1 − a), tanh 1 − a²) or, for ReLU, dead (z ≤ 0): nearly off and nearly on. */
  saturated: { count: number; fraction: number; off: number; on: number };
  /** ms: reloading the data and the forward passes (0 when the run was cached) and this unit's statistics. */
  timing: { cached: boolean; loadMs: number; unitMs: number };
}

/** What a data file holds, read from its header and labels without loading every pixel into a run. */
export interface DataFileInfo {
  /** The file (or image folder) as resolved (absolute). */
  file: string;
  /** csv: the digit format (label 0–9 first, pixels); table: a CSV of named features with a class column. */
  format: 'csv' | 'idx' | 'table' | 'folder' | 'mat';
  /** Examples in the file (after dropped rows). */
  count: number;
  /** Image size in pixels; n = width·height inputs (a table is n×1). */
  width: number;
  height: number;
  /** How many examples of each class (classNames order), when the file (or its labels file) has labels. */
  labelCounts: number[] | null;
  /** Output i means classNames[i]; '0'…'9' for digits. */
  classNames: string[];
  /** How classes were put in order: digits, numeric (integer classes), string (by code point), folder (sub-folder names), course (a .mat file's y = 1…K). */
  classOrder: 'digits' | 'numeric' | 'string' | 'folder' | 'course';
  /** Feature names of a table; null for images. */
  featureNames: string[] | null;
  /** Every column of a table (for the class-column picker) and the one holding the class; null otherwise. */
  columns: string[] | null;
  labelColumn: string | null;
  /** The separator a table was read with. */
  separator: 'comma' | 'semicolon' | 'tab' | null;
  /** Rows left out for a missing value (dropMissing). */
  dropped: number;
  /** Largest feature range / smallest; > 100 suggests standardizing. null for images. */
  rangeRatio: number | null;
  /** Sizes used when none are given: 70/15/15, or 90/10 with the whole test file when testCount is given. */
  defaultSizes: { train: number; validation: number; test: number };
  /** mat: one line saying what was read (X m×n, y's classes, "y = 10 is the digit 0"). */
  note?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  /** 'electron' for the desktop app, 'web' for the localhost host. */
  shell: 'electron' | 'web';
  databasePath: string;
  /** Logical CPU cores: how many runs can train side by side without slowing each other. */
  cores: number;
  platform: string;
  /** Folders export/import and data files may live in. */
  allowedRoots: string[];
  defaults: { hyperparameters: Hyperparameters; dataset: DatasetSpec };
  /** Why the database can only be read (browse, compare, export work; training and edits do not), or null. */
  readOnly: string | null;
}

export type View = 'new-run' | 'runs' | 'compare' | 'draw' | 'lessons' | 'backprop';
