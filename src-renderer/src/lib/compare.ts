/**
 * What a comparison shows about each run, as rows of labelled values: the hyperparameters (to see
 * what was changed) and the metrics (to see what it did). Pure functions, so the "differences only"
 * rule and the train − test gap are tested without a browser.
 */
import type { RunDetail, SnapshotInfo } from '../../../src-main/api/table';
import { formatCost, formatCount, formatDuration, formatGap, formatPercent } from './format';

export interface CompareRow {
  key: string;
  label: string;
  /** One shown value per run, in the order of the runs. */
  values: string[];
  /** True when not every run has the same value. */
  differs: boolean;
}

type Getter = (r: RunDetail) => string;

const HYPERPARAMETER_ROWS: [key: string, label: string, get: Getter][] = [
  ['hiddenLayers', 'Hidden layers', (r) => r.hyperparameters.hiddenLayers.join(', ')],
  ['lambda', 'λ', (r) => String(r.hyperparameters.lambda)],
  ['optimizer', 'Optimizer', (r) => r.hyperparameters.optimizer],
  ['iterations', 'Iterations', (r) => formatCount(r.hyperparameters.iterations)],
  [
    'batchSize',
    'Batch size (sgd)',
    (r) => (r.hyperparameters.optimizer === 'sgd' ? formatCount(r.hyperparameters.batchSize) : '—'),
  ],
  [
    'learningRate',
    'Learning rate (sgd)',
    (r) => (r.hyperparameters.optimizer === 'sgd' ? String(r.hyperparameters.learningRate) : '—'),
  ],
  [
    'momentum',
    'Momentum (sgd)',
    (r) => (r.hyperparameters.optimizer === 'sgd' ? String(r.hyperparameters.momentum) : '—'),
  ],
  ['init', 'Initial weights', (r) => r.hyperparameters.init],
  ['epsilon', 'ε', (r) => (r.hyperparameters.init === 'uniform' ? String(r.hyperparameters.epsilon) : '—')],
  ['seed', 'Seed', (r) => String(r.hyperparameters.seed)],
  ['impl', 'Implementation', (r) => r.hyperparameters.impl],
  ['cost', 'Cost J', (r) => r.hyperparameters.cost ?? 'cross-entropy'],
  ['activation', 'Hidden activation', (r) => r.hyperparameters.activation ?? 'sigmoid'],
  [
    'source',
    'Data',
    (r) => (r.dataset.source === 'mnist' ? 'bundled MNIST' : `${r.dataset.source}: ${r.dataset.file ?? ''}`),
  ],
  ['image', 'Inputs', (r) => (r.featureNames ? `${r.featureNames.length} features` : `${r.width}×${r.height} pixels`)],
  [
    'classes',
    'Classes',
    (r) =>
      r.classNames.length > 6
        ? `${r.classNames.slice(0, 6).join(', ')}, … (${r.classNames.length})`
        : r.classNames.join(', '),
  ],
  ['labelColumn', 'Class column', (r) => r.dataset.labelColumn ?? '—'],
  ['standardize', 'Standardized', (r) => (r.standardization ? "yes (training split's mean and sd)" : 'no')],
  ['trainSize', 'Training examples', (r) => formatCount(r.dataset.trainSize)],
  ['validationSize', 'Validation examples', (r) => formatCount(r.dataset.validationSize)],
  ['testSize', 'Test examples', (r) => formatCount(r.dataset.testSize)],
  ['dataSeed', 'Split seed', (r) => String(r.dataset.dataSeed)],
];

const METRIC_ROWS: [key: string, label: string, get: Getter][] = [
  ['status', 'Status', (r) => r.status],
  ['trainAccuracy', 'Training accuracy', (r) => formatPercent(r.metrics?.trainAccuracy)],
  ['validationAccuracy', 'Validation accuracy', (r) => formatPercent(r.metrics?.validationAccuracy)],
  ['testAccuracy', 'Test accuracy', (r) => formatPercent(r.metrics?.testAccuracy)],
  ['gap', 'Train − test gap', (r) => formatGap(r.metrics?.trainAccuracy, r.metrics?.testAccuracy)],
  ['finalCost', 'Final J(Θ)', (r) => formatCost(r.metrics?.finalCost ?? r.lastCost)],
  ['durationMs', 'Training time', (r) => formatDuration(r.metrics?.durationMs)],
  ['costEvaluations', 'Cost evaluations', (r) => formatCount(r.metrics?.costEvaluations)],
];

/** Whether the runs (or groups) of a row differ: its "differences only" test. */
export function differ(values: readonly string[]): boolean {
  return values.some((v) => v !== values[0]);
}

function rows(defs: [string, string, Getter][], runs: readonly RunDetail[]): CompareRow[] {
  return defs.map(([key, label, get]) => {
    const values = runs.map(get);
    return { key, label, values, differs: differ(values) };
  });
}

/** One row per hyperparameter and dataset setting. */
export function hyperparameterRows(runs: readonly RunDetail[]): CompareRow[] {
  return rows(HYPERPARAMETER_ROWS, runs);
}

/** One row per metric, including the train − test accuracy gap. */
export function metricRows(runs: readonly RunDetail[]): CompareRow[] {
  return rows(METRIC_ROWS, runs);
}

/** The rows to show: all, or only those where runs differ ("differences only"). */
export function visibleRows(all: readonly CompareRow[], differencesOnly: boolean): CompareRow[] {
  return differencesOnly ? all.filter((r) => r.differs) : [...all];
}

/**
 * The snapshot of one run to show at position `k` of a slider shared by runs with different
 * numbers of snapshots: the same fraction of the way through each run's snapshots.
 * Returns null when the run has none.
 */
export function snapshotAt(snapshots: readonly SnapshotInfo[], k: number, positions: number): SnapshotInfo | null {
  const n = snapshots.length;
  if (n === 0) return null;
  if (positions <= 1) return snapshots[n - 1];
  const t = Math.max(0, Math.min(1, k / (positions - 1)));
  return snapshots[Math.round(t * (n - 1))];
}
