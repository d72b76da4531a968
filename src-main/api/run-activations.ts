/**
 * A finished run's training set and the forward activations of every hidden unit on it, reloaded the
 * way the run's worker loaded them and kept for the next click: the first unit a user opens costs a
 * data load and m forward passes (both in a data-reading thread when `prefetch` is awaited first),
 * every other unit of the same run is read from here.
 */
import { performance } from 'node:perf_hooks';
import { loadDataSplit } from '../data/load';
import { DataError } from '../data/errors';
import type { Digits } from '../data/digits';
import { accuracy } from '../nn/predict';
import type { RunDetail, RunStore } from '../store/types';
import { modelOf, type DatasetSpec } from '../run/hyperparameters';
import type { HiddenActivations } from '../units/unit-stats';
import {
  activationsOf,
  loadActivationsInThread,
  type LoadActivations,
  type LoadedActivations,
} from './threads/activation-loader';
import { ApiError } from './errors';

/** One run's network, training set and activations, as the unit view reads them. */
export interface RunActivations {
  runId: number;
  sizes: number[];
  theta: Float64Array;
  train: Digits;
  activations: HiddenActivations;
  /** What filling this entry cost, in ms (data load, forward passes). */
  loadMs: number;
}

/** Bytes of cached runs kept before the least recently used is dropped (the newest always stays). */
export const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;

/**
 * The spec that reloads exactly the run's training rows: a separate test file or the user's
 * handwriting as test set take no rows from the data (train.ts splits with testSize 0 then), so they
 * are left out and need not exist any more.
 */
export function trainingSpec(dataset: DatasetSpec): DatasetSpec {
  if (!dataset.testFile && dataset.testSource !== 'handwriting') return dataset;
  const { testFile: _file, testLabels: _labels, testSource: _source, ...rest } = dataset;
  return { ...rest, testSize: 0 };
}

/** What `prefetch` left for the next load of run `key`: the data and activations, or the error; and its time in ms. */
interface Preloaded {
  key: string;
  loaded?: LoadedActivations;
  error?: unknown;
  ms: number;
}

/** Keeps the activations of the runs whose units were opened last, up to a byte budget. */
export class RunActivationCache {
  private readonly entries = new Map<string, { value: RunActivations; bytes: number }>();
  /** `vet` checks the files a run's dataset names before each load (the API: against its allowed folders). */
  constructor(
    private readonly store: RunStore,
    private readonly maxBytes = DEFAULT_CACHE_BYTES,
    private readonly vet: (dataset: DatasetSpec, what: string) => DatasetSpec = (d) => d,
    private readonly loadActivations: LoadActivations = loadActivationsInThread,
  ) {}

  /** A training set and its activations computed ahead by `prefetch` (or the error it met), taken by the next load of its run. */
  private preloaded: Preloaded | null = null;

  /**
   * Loads the run's training set and runs its network forward over it, off the calling thread, when
   * its activations are not held, so that the next `get` only checks and keeps them; the check of its
   * files happens here, at every load.
   */
  async prefetch(runId: number, channel: string): Promise<void> {
    const run = this.store.getRun(runId);
    const key = `${run.id}:${run.createdAt}:${run.finishedAt}`;
    if (this.entries.has(key)) return;
    const { sizes, theta } = checkBrowsable(this.store, run, channel, this.maxBytes);
    const spec = this.vet(trainingSpec(run.dataset), `${channel}: run ${run.id}'s dataset`);
    const began = performance.now();
    try {
      const loaded = await this.loadActivations(spec, {
        theta,
        sizes,
        trainSize: run.trainSize,
        model: modelOf(run.hyperparameters),
      });
      this.preloaded = { key, loaded, ms: performance.now() - began };
    } catch (error) {
      this.preloaded = { key, error, ms: 0 };
    }
  }

  /** The run's activations, loading its data on first use; `channel` starts every error message. */
  get(runId: number, channel: string): { value: RunActivations; cached: boolean } {
    const run = this.store.getRun(runId);
    const key = `${run.id}:${run.createdAt}:${run.finishedAt}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return { value: hit.value, cached: true };
    }
    const ready = this.preloaded?.key === key ? this.preloaded : null;
    this.preloaded = null;
    const value = load(this.store, run, channel, this.maxBytes, this.vet, ready);
    const bytes = value.train.X.byteLength + value.activations.layers.reduce((s, l) => s + l.byteLength, 0);
    this.entries.set(key, { value, bytes });
    let total = [...this.entries.values()].reduce((s, e) => s + e.bytes, 0);
    for (const [k, e] of this.entries) {
      if (total <= this.maxBytes || k === key) break;
      this.entries.delete(k);
      total -= e.bytes;
    }
    return { value, cached: false };
  }

  /** Runs held now, least recently used first (for tests and diagnostics). */
  runIds(): number[] {
    return [...this.entries.values()].map((e) => e.value.runId);
  }
}

function load(
  store: RunStore,
  run: RunDetail,
  channel: string,
  maxBytes: number,
  vet: (dataset: DatasetSpec, what: string) => DatasetSpec,
  ready: Preloaded | null,
): RunActivations {
  const { sizes, theta } = checkBrowsable(store, run, channel, maxBytes);
  const start = performance.now();
  let train: Digits;
  let activations: HiddenActivations | null;
  try {
    if (ready?.error !== undefined) throw ready.error;
    ({ train, activations } =
      ready?.loaded ??
      activationsOf(loadDataSplit(vet(trainingSpec(run.dataset), `${channel}: run ${run.id}'s dataset`)).train, {
        theta,
        sizes,
        trainSize: run.trainSize,
        model: modelOf(run.hyperparameters),
      }));
  } catch (e) {
    const what = e instanceof DataError ? e.message : (e as Error).message;
    throw new ApiError({
      code: 'unusable-file',
      message: `${channel}: run ${run.id}'s training data cannot be reloaded (${what})`,
    });
  }
  if (activations === null || train.n !== sizes[0] || train.m !== run.trainSize) {
    throw new ApiError({
      code: 'unusable-file',
      message:
        `${channel}: run ${run.id}'s training data no longer fits it: reloaded ${train.m} examples of ${train.n} features, ` +
        `the run trained on ${run.trainSize} of ${sizes[0]}`,
    });
  }
  const now = accuracy(activations.predicted, train.y);
  const then = run.metrics?.trainAccuracy;
  if (then !== undefined && now !== then) {
    throw new ApiError({
      code: 'unusable-file',
      message:
        `${channel}: run ${run.id}'s training data has changed since it trained: the network gets ${pct(now)} of the ` +
        `reloaded examples right, ${pct(then)} when it finished`,
    });
  }
  const loadMs = (ready?.ms ?? 0) + performance.now() - start;
  return { runId: run.id, sizes: [...sizes], theta, train, activations, loadMs };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(2)}%`;
}

/** The run's network, or an ApiError when it has none to browse or is too large for the unit view (before any data is read). */
function checkBrowsable(store: RunStore, run: RunDetail, channel: string, maxBytes: number) {
  if (run.status !== 'finished' || !run.hasWeights) {
    throw new ApiError({
      code: 'invalid-state',
      message: `${channel}: run ${run.id} is ${run.status}; only a finished run has final weights whose units can be opened`,
    });
  }
  const { sizes, theta } = store.getWeights(run.id);
  if (sizes.length < 3) {
    throw new ApiError({
      code: 'invalid-state',
      message: `${channel}: run ${run.id} (${sizes.join('-')}) has no hidden layer`,
    });
  }
  // The examples and every hidden activation stay in memory while units are browsed: refuse a run
  // too large for that before reading a byte of its data, rather than exhaust the process.
  const hidden = sizes.slice(1, -1).reduce((a, b) => a + b, 0);
  const bytes = run.trainSize * (sizes[0] + hidden) * 8;
  if (bytes > maxBytes) {
    throw new ApiError({
      code: 'invalid-state',
      message:
        `${channel}: run ${run.id}'s ${run.trainSize.toLocaleString('en-US')} training examples and ${hidden} hidden units ` +
        `need ${Math.ceil(bytes / 2 ** 20)} MB to browse, more than the ${Math.round(maxBytes / 2 ** 20)} MB the unit view may hold`,
    });
  }
  return { sizes, theta };
}
