/**
 * A trained network as it leaves the lab: Θ per layer plus what a user needs to apply it to raw data
 * (the class names of the outputs, the feature names, the standardization fitted on the training split).
 * The ONNX model, predict.py and the `predict` command all read this one shape.
 */
import { rollThetas } from '../nn/shape';
import type { Standardization } from '../data/standardize';
import type { HiddenActivation } from '../nn/model';

export interface ExportedNetwork {
  /** Units per layer, input first, bias units not counted (e.g. [784, 25, 10]). */
  sizes: readonly number[];
  /** Θ(1)…Θ(L−1): Θ(l) has sizes[l] rows of 1 + sizes[l−1] columns, the bias weight in column 0. */
  thetas: readonly (readonly (readonly number[])[])[];
  /** Output k is the score of classNames[k]. */
  classNames: readonly string[];
  /** Names of the input columns, or null for images (pixels in row-major order). */
  featureNames: readonly string[] | null;
  standardization: Standardization | null;
  /** The hidden units' g (the outputs are sigmoid); absent for Ng's sigmoid, so its files stay as they were. */
  activation?: HiddenActivation;
}

/** A run's final Θ, unrolled, with its layer sizes (what the store keeps for a finished run). */
export interface TrainedWeights {
  sizes: number[];
  theta: Float64Array;
}

/** What a run may know about its data beyond Θ; digits runs know none of it. */
export interface RunDataDescription {
  classNames?: readonly string[] | null;
  featureNames?: readonly string[] | null;
  standardization?: Standardization | null;
  /** The run's hyperparameters: only the hidden activation matters to a forward pass. */
  hyperparameters?: { activation?: HiddenActivation };
}

/** The network of a finished run; outputs are named '0', '1', … when the run has no class names. */
export function networkOfRun(weights: TrainedWeights, data: RunDataDescription = {}): ExportedNetwork {
  const { sizes } = weights;
  const outputs = sizes[sizes.length - 1];
  const inputs = sizes[0];
  const classNames = data.classNames ?? Array.from({ length: outputs }, (_, k) => String(k));
  if (classNames.length !== outputs) {
    throw new Error(`the run has ${outputs} outputs but ${classNames.length} class names`);
  }
  const featureNames = data.featureNames ?? null;
  if (featureNames && featureNames.length !== inputs) {
    throw new Error(`the run has ${inputs} inputs but ${featureNames.length} feature names`);
  }
  const standardization = data.standardization ?? null;
  if (standardization && (standardization.mean.length !== inputs || standardization.sd.length !== inputs)) {
    throw new Error(`the run's standardization must have ${inputs} means and sds`);
  }
  const activation = data.hyperparameters?.activation;
  return {
    sizes,
    thetas: rollThetas(weights.theta, sizes),
    classNames,
    featureNames,
    standardization,
    ...(activation && activation !== 'sigmoid' ? { activation } : {}),
  };
}
