/**
 * Where the example to explain comes from: a stored run's own training or test example (the data is
 * rebuilt from the run's dataset spec and data seed, the split training used), a saved drawing, or
 * raw input values (the drawing pad, a CSV row). Everything here reads; nothing is written.
 */
import { loadDataSplit } from '../data/load';
import type { DataSplit } from '../data/digits';
import { BYTE_TO_UNIT } from '../data/pixel-table';
import type { DatasetSpec } from '../run/hyperparameters';
import type { RunDetail, RunStore, RunWeights } from '../store/types';

/** A user-facing problem with the request (unknown example, wrong size): the CLI exits 2, the API says invalid. */
export class ExplainInputError extends Error {}

/** One example to explain, as a caller names it. */
export type ExampleSource =
  | { kind: 'train'; index: number }
  | { kind: 'test'; index: number }
  | { kind: 'drawing'; id: number }
  | { kind: 'pixels'; pixels: ArrayLike<number>; label?: number };

/** The input values of an example, its known label (null when nobody said) and words for where it came from. */
export interface ResolvedExample {
  x: Float64Array;
  label: number | null;
  description: string;
}

import type { WhichWeights } from './types';

export type { WhichWeights } from './types';

/** A run ready to explain examples with: its detail and the chosen Θ. */
export interface RunToExplain {
  run: RunDetail;
  sizes: number[];
  theta: Float64Array;
  which: WhichWeights;
  /** Whether the run also kept Θ₀, so its untrained network can be shown too. */
  hasInitialWeights: boolean;
}

/** The run and its Θ (final or Θ₀), or an ExplainInputError saying why it cannot be explained. */
export function runToExplain(store: RunStore, runId: number, which: WhichWeights = 'final'): RunToExplain {
  const run = store.getRun(runId);
  if (!run.hasWeights) {
    throw new ExplainInputError(
      `run ${runId} is ${run.status}: only a finished run has weights to explain examples with`,
    );
  }
  const weights: RunWeights = store.getWeights(runId);
  if (which === 'initial') {
    if (!weights.initialTheta) {
      throw new ExplainInputError(
        `run ${runId} finished before initial weights Θ₀ were kept; only its final Θ is known`,
      );
    }
    return { run, sizes: weights.sizes, theta: weights.initialTheta, which, hasInitialWeights: true };
  }
  return { run, sizes: weights.sizes, theta: weights.theta, which, hasInitialWeights: !!weights.initialTheta };
}

/** The spec of a run's examples: one tested on handwriting split nothing off its data for testing (as train.ts). */
export function exampleSpec(dataset: DatasetSpec): DatasetSpec {
  return dataset.testSource === 'handwriting' ? { ...dataset, testSize: 0 } : dataset;
}

/** Keeps the most recently loaded split, since most runs share one dataset and loading MNIST takes a moment. */
export class SplitCache {
  private key = '';
  private split: DataSplit | null = null;

  /**
   * `vet` checks the files a dataset names before every load, cached or not (the API holds them to its
   * allowed folders: an imported run may name any path), returning the spec to load or throwing.
   */
  constructor(private readonly vet: (dataset: DatasetSpec) => DatasetSpec = (d) => d) {}

  /**
   * Loads `dataset`'s split with `load` (off the calling thread, in the API) unless it is the one held,
   * so that the next `get` of it answers at once.
   */
  async prefetch(dataset: DatasetSpec, load: (dataset: DatasetSpec) => Promise<DataSplit>): Promise<void> {
    dataset = this.vet(dataset);
    const key = JSON.stringify(dataset);
    if (this.split !== null && key === this.key) return;
    this.split = null;
    const split = await load(dataset);
    this.split = split;
    this.key = key;
  }

  /** The train / validation / test split of `dataset`, loaded once while asked for again and again. */
  get(dataset: DatasetSpec): DataSplit {
    dataset = this.vet(dataset);
    const key = JSON.stringify(dataset);
    if (this.split === null || key !== this.key) {
      this.split = null; // let the old split go before the new one is built
      this.split = loadDataSplit(dataset);
      this.key = key;
    }
    return this.split;
  }
}

/** The input values and label of `source` for `target`'s network, or an ExplainInputError naming what does not fit. */
export function resolveExample(
  store: RunStore,
  target: RunToExplain,
  source: ExampleSource,
  splits: SplitCache,
): ResolvedExample {
  const { run, sizes } = target;
  const n = sizes[0];
  switch (source.kind) {
    case 'train':
    case 'test': {
      if (source.kind === 'test' && run.dataset.testSource === 'handwriting') {
        throw new ExplainInputError(
          `run ${run.id} was tested on your handwriting, not on a test set of its data: choose a saved drawing instead`,
        );
      }
      const split = splits.get(exampleSpec(run.dataset));
      const set = source.kind === 'train' ? split.train : split.test;
      checkIndex(source.index, set.m, `${source.kind === 'train' ? 'training' : 'test'} example`, run.id);
      if (set.n !== n) throw new ExplainInputError(`run ${run.id}'s data has ${set.n} inputs, its network ${n}`);
      return {
        x: set.X.slice(source.index * n, (source.index + 1) * n),
        label: set.y[source.index],
        description: `${source.kind === 'train' ? 'training' : 'test'} example ${source.index} of run ${run.id}`,
      };
    }
    case 'drawing': {
      const sample = store.listHandwriting().find((s) => s.id === source.id);
      if (!sample) throw new ExplainInputError(`there is no saved drawing ${source.id}`);
      if (sample.width * sample.height !== n) {
        throw new ExplainInputError(
          `drawing ${source.id} is ${sample.width}×${sample.height} = ${sample.width * sample.height} pixels, ` +
            `but run ${run.id}'s network takes ${n} inputs`,
        );
      }
      return {
        x: Float64Array.from(sample.pixels, (b) => BYTE_TO_UNIT[b]),
        label: sample.label,
        description: `saved drawing ${source.id}`,
      };
    }
    case 'pixels': {
      if (source.pixels.length !== n) {
        throw new ExplainInputError(
          `the input has ${source.pixels.length} values, but run ${run.id}'s network takes ${n}`,
        );
      }
      const x = Float64Array.from(source.pixels);
      const bad = x.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) throw new ExplainInputError(`input value ${bad} is ${x[bad]}, not a finite number`);
      return { x, label: source.label ?? null, description: 'the drawing on the pad' };
    }
  }
}

function checkIndex(index: number, m: number, what: string, runId: number): void {
  if (!Number.isInteger(index) || index < 0 || index >= m) {
    throw new ExplainInputError(
      m === 0 ? `run ${runId} has no ${what}s` : `${what} ${index} is out of range: run ${runId} has ${m} (0…${m - 1})`,
    );
  }
}
