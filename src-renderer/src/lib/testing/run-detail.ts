/** A RunDetail for the renderer's pure tests: Ng's defaults, finished when accuracies are given. */
import {
  DEFAULT_DATASET,
  DEFAULT_HYPERPARAMETERS,
  type Hyperparameters,
  type RunDetail,
} from '../../../../src-main/api/table';

export interface RunOverrides {
  lambda?: number;
  seed?: number;
  train?: number;
  validation?: number | null;
  test?: number | null;
  finalCost?: number;
  hyperparameters?: Partial<Hyperparameters>;
  name?: string;
}

/** Run `id` with the given λ, seed and metrics; everything else as Ng's defaults. */
export function runDetail(id: number, over: RunOverrides = {}): RunDetail {
  const finished = over.train !== undefined;
  const hyperparameters = {
    ...DEFAULT_HYPERPARAMETERS,
    lambda: over.lambda ?? 1,
    seed: over.seed ?? 1,
    ...over.hyperparameters,
  };
  return {
    id,
    name: over.name ?? `Run ${id}`,
    status: finished ? 'finished' : 'running',
    createdAt: 0,
    startedAt: 0,
    finishedAt: null,
    optimizer: hyperparameters.optimizer,
    lambda: hyperparameters.lambda,
    hiddenLayers: hyperparameters.hiddenLayers,
    hiddenSize: hyperparameters.hiddenLayers[0],
    iterations: hyperparameters.iterations,
    impl: hyperparameters.impl,
    init: hyperparameters.init,
    seed: hyperparameters.seed,
    trainSize: 5000,
    lastIteration: 50,
    lastCost: 0.5,
    tags: [],
    failureReason: null,
    classCount: 10,
    cost: hyperparameters.cost ?? 'cross-entropy',
    activation: hyperparameters.activation ?? 'sigmoid',
    sweepId: null,
    sweepX: null,
    metrics: finished
      ? {
          trainAccuracy: over.train!,
          validationAccuracy: over.validation ?? null,
          testAccuracy: over.test ?? null,
          finalCost: over.finalCost ?? 0.3456789,
          durationMs: 12_400,
          costEvaluations: 120,
        }
      : null,
    hyperparameters,
    dataset: DEFAULT_DATASET,
    width: 28,
    height: 28,
    notes: '',
    confusion: null,
    snapshots: [],
    historyLength: 50,
    hasWeights: finished,
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    featureNames: null,
    standardization: null,
  };
}
