/**
 * A run's training set and the forward activations a(2)…a(L−1) of every example, computed off the
 * API's thread: the hidden-unit view's first click on a run costs a data load and m forward passes
 * (60,000 digits through a wide network take seconds), and meanwhile every other request must still
 * be answered. Both happen in the API's long-lived data thread (data-thread.ts, as explain's
 * splits do) and the arrays are handed back; without a built thread (tests, the CLI) they are
 * computed in the calling thread.
 */
import type { Digits } from '../../data/digits';
import { loadDataSplit } from '../../data/load';
import type { DatasetSpec } from '../../run/hyperparameters';
import type { ModelChoice } from '../../nn/model';
import { hiddenActivations, type HiddenActivations } from '../../units/unit-stats';

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
