/**
 * "Run again with one change": the New run form filled in from a stored run, so that starting it
 * unchanged trains the same network from the same Θ₀ (same seed, init, ε, layers) on the same split
 * (same source, files, sizes, data seed and reading options). The user changes one thing and Start;
 * Compare's "differences only" then shows just that change.
 */
import type { DatasetSpec, Hyperparameters } from '../../../../src-main/api/table';
import { defaultForm, type RunForm } from './run-form';

/** What of a run the form needs. */
export interface RunSettings {
  name: string;
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
}

/** The form of `run`'s settings, and what could not be carried over (said to the user beside the form). */
export function formFromRun(run: RunSettings): { form: RunForm; notes: string[] } {
  const h = run.hyperparameters;
  const d = run.dataset;
  const notes: string[] = [];
  const base = defaultForm();
  if (h.init === 'file') {
    notes.push(
      'This run started from weights read from a file, which New run does not offer: it starts from random weights.',
    );
  }
  if (d.source !== 'mnist' && d.stratify === false) {
    notes.push(
      'This run split its data by a plain shuffle; New run splits your own data by class (stratified), so the split will differ.',
    );
  }
  const form: RunForm = {
    ...base,
    name: '',
    hiddenLayers: h.hiddenLayers.join(', '),
    lambda: String(h.lambda),
    optimizer: h.optimizer,
    iterations: String(h.iterations),
    batchSize: String(h.batchSize),
    learningRate: String(h.learningRate),
    momentum: String(h.momentum),
    init: h.init === 'zeros' ? 'zeros' : 'uniform',
    epsilon: h.epsilon === 'per-layer' ? base.epsilon : String(h.epsilon),
    epsilonPerLayer: h.epsilon === 'per-layer',
    seed: String(h.seed),
    impl: h.impl,
    source: d.source,
    file: d.file ?? '',
    labels: d.labels ?? '',
    testFile: d.testFile ?? '',
    testLabels: d.testLabels ?? '',
    testSource: d.testSource ?? 'data',
    labelColumn: d.labelColumn ?? '',
    dropMissing: d.dropMissing ?? false,
    standardize: d.standardize ?? false,
    imageSize: d.imageSize === undefined ? base.imageSize : String(d.imageSize),
    trainSize: String(d.trainSize),
    validationSize: String(d.validationSize),
    testSize: String(d.testSize),
    dataSeed: String(d.dataSeed),
    count: '1',
  };
  return { form, notes };
}
