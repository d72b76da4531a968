/**
 * A run's training set and the forward activations a(2)…a(L−1) of every example, computed off the
 * API's thread: the hidden-unit view's first click on a run costs a data load and m forward passes
 * (60,000 digits through a wide network take seconds), and meanwhile every other request must still
 * be answered. Both happen in a data-reading thread (the built data-reader.js, as for explain's
 * splits) and the arrays are transferred back; without a built thread (tests, the CLI) they are
 * computed in the calling thread.
 */
import fs from 'node:fs';
import type { Digits } from '../../data/digits';
import { loadDataSplit } from '../../data/load';
import type { DatasetSpec } from '../../run/hyperparameters';
import type { ModelChoice } from '../../nn/model';
import { hiddenActivations, type HiddenActivations } from '../../units/unit-stats';
import { READER_TIMEOUT_MS } from './data-reader';
import { inReaderThread } from './split-loader';

/** The network whose activations are wanted, and the training set it was trained on (m rows of n features). */
export interface ActivationTarget {
  theta: Float64Array;
  sizes: number[];
  trainSize: number;
  /** The run's cost and hidden activation (Ng's when absent). */
  model?: ModelChoice;
}

/**
 * The reloaded training set and its activations; `activations` is null when the reloaded set no
 * longer has the run's n features or m rows (the caller says so; no forward pass is spent on it).
 */
export interface LoadedActivations {
  train: Digits;
  activations: HiddenActivations | null;
}

/** Loads the training rows of `spec` and runs the network of `target` forward over each of them. */
export type LoadActivations = (spec: DatasetSpec, target: ActivationTarget) => Promise<LoadedActivations>;

export interface ActivationsRequest {
  kind: 'activations';
  spec: DatasetSpec;
  target: ActivationTarget;
}

/** The activations of `target` over `train`, when the examples still fit the network. */
export function activationsOf(train: Digits, target: ActivationTarget): LoadedActivations {
  const fits = train.n === target.sizes[0] && train.m === target.trainSize;
  return { train, activations: fits ? hiddenActivations(target.theta, target.sizes, train, target.model) : null };
}

/** Loads and computes in the calling thread. */
export const loadActivationsInThread: LoadActivations = async (spec, target) =>
  activationsOf(loadDataSplit(spec).train, target);

/**
 * Loads and computes each request in a fresh thread running `threadFile` (the built data-reader.js),
 * stopped after `timeoutMs`. Falls back to the calling thread when the file is not built.
 */
export function threadActivationLoader(threadFile: string, timeoutMs = READER_TIMEOUT_MS): LoadActivations {
  if (!fs.existsSync(threadFile)) return loadActivationsInThread;
  return (spec, target) => {
    const request: ActivationsRequest = { kind: 'activations', spec, target };
    return inReaderThread<LoadedActivations>(threadFile, request, spec.file ?? 'the bundled digits', timeoutMs);
  };
}
