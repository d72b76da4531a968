/**
 * The gradient-checking lesson: "does my gradient have a bug?" Backprop's ∂J/∂Θ is compared with
 * central differences (J(θ + ε) − J(θ − ε)) / 2ε, parameter by parameter, on Ng's debug network or
 * on a network the learner chooses, optionally with a planted bug so they see what failure looks like.
 *
 * Pure computation (no I/O): the API or a worker calls it and the view draws the table.
 */
import { debugInitializeWeights, debugNetwork } from '../nn/debug-network';
import type { CostFunction, Examples } from '../nn/cost';
import { checkGradients } from '../nn/gradcheck';
import { createLoopCost } from '../nn/loop';
import { createBuggyCost, PLANTED_BUGS, type PlantedBug } from '../nn/planted-bugs';
import { seededRandom, shuffledIndices } from '../nn/random';
import { parameterCount, thetaLayout, unrollThetas, validateLayerSizes, type LayerSizes } from '../nn/shape';
import { syntheticExamples } from '../nn/synthetic';
import { createVectorizedCost } from '../nn/vectorized';

/** Ng's rule of thumb: a correct backprop agrees with central differences to a relative difference below 1e-9. */
export const GRADIENT_CHECK_THRESHOLD = 1e-9;

/** Ng's debug network (3-5-3, m = 5), or a chosen architecture with deterministic data. */
export type GradientCheckNetwork =
  | 'debug'
  | {
      readonly sizes: LayerSizes;
      /** 'synthetic' (default): m examples from syntheticExamples(m, s(1), s(L), seed); or the learner's own. */
      readonly examples?: 'synthetic' | Examples;
      /** Examples to make when synthetic; default 5, like checkNNGradients. */
      readonly m?: number;
    };

export interface GradientCheckLessonOptions {
  readonly network: GradientCheckNetwork;
  /** λ of the cost being checked (≥ 0). */
  readonly lambda: number;
  /** Check a cost with this planted bug instead of the correct one. */
  readonly bug?: PlantedBug;
  /**
   * How many parameters to check, picked at random (seeded): each costs two evaluations of J.
   * Default: all of them for the debug network (38), 20 for a chosen architecture.
   */
  readonly sample?: number;
  /** Seed of the synthetic data and of the parameter sample; default 1. */
  readonly seed?: number;
  /** Which correct implementation to check when there is no bug; default 'loop'. */
  readonly impl?: 'loop' | 'vectorized';
  /** The perturbation ε of central differences; default 1e-4 as in Ng's computeNumericalGradient. */
  readonly e?: number;
}

/** One checked parameter Θ(layer)[row][col]. */
export interface GradientCheckRow {
  /** Position in the unrolled θ. */
  readonly index: number;
  /** l of Θ(l), counted from 1 as in the lectures: Θ(1) maps the input layer to the first hidden layer. */
  readonly layer: number;
  /** Unit of layer l+1 this weight feeds, from 0. */
  readonly row: number;
  /** Column, from 0; column 0 multiplies the bias unit, column c ≥ 1 unit c−1 of layer l. */
  readonly col: number;
  readonly isBias: boolean;
  /** Central-difference estimate of ∂J/∂θ. */
  readonly numeric: number;
  /** Backprop's ∂J/∂θ. */
  readonly backprop: number;
  /** numeric − backprop. */
  readonly difference: number;
}

export interface GradientCheckLessonResult {
  readonly sizes: LayerSizes;
  /** Examples J is computed over. */
  readonly m: number;
  readonly lambda: number;
  readonly bug: PlantedBug | null;
  /** J(Θ) at the checked Θ. */
  readonly cost: number;
  /** All parameters of the network, of which rows.length were checked. */
  readonly parameterCount: number;
  /** ‖numeric − backprop‖ / ‖numeric + backprop‖ over the checked parameters. */
  readonly relativeDifference: number;
  readonly threshold: number;
  /** relativeDifference < threshold. */
  readonly passed: boolean;
  /** One per checked parameter, in the order of θ. */
  readonly rows: GradientCheckRow[];
}

/**
 * Runs the gradient check of the lesson. Θ is Ng's debugInitializeWeights for every layer (sin(1),
 * sin(2), … / 10, the same on every machine), so results are reproducible to the last digit.
 */
export function gradientCheckLesson(options: GradientCheckLessonOptions): GradientCheckLessonResult {
  const { network, lambda, bug, impl, seed = 1, e = 1e-4 } = options;
  if (bug !== undefined && !PLANTED_BUGS.some((b) => b.id === bug)) {
    throw new Error(
      `gradient check: unknown planted bug '${String(bug)}': expected ${PLANTED_BUGS.map((b) => b.id).join(', ')}`,
    );
  }
  if (bug !== undefined && impl !== undefined) {
    throw new Error(
      'gradient check: a planted bug lives in the loop implementation; leave impl out when choosing a bug',
    );
  }
  if (impl !== undefined && impl !== 'loop' && impl !== 'vectorized') {
    throw new Error(`gradient check: impl must be 'loop' or 'vectorized', got '${String(impl)}'`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 32 - 1) {
    throw new Error(`gradient check: seed must be a whole number in 0…2³²−1, got ${seed}`);
  }

  const { sizes, theta, examples } = network === 'debug' ? debugNetwork() : chosenNetwork(network, seed);
  const count = parameterCount(sizes);
  const sample = options.sample ?? (network === 'debug' ? count : 20);
  if (!Number.isInteger(sample) || sample < 1)
    throw new Error(`gradient check: sample must be a whole number ≥ 1, got ${sample}`);
  const indices = sampleIndices(count, sample, seed);

  const f: CostFunction =
    bug !== undefined
      ? createBuggyCost(bug, sizes, examples, lambda)
      : impl === 'vectorized'
        ? createVectorizedCost(sizes, examples, lambda)
        : createLoopCost(sizes, examples, lambda);
  try {
    const check = checkGradients(f, theta, { indices, e });
    const position = parameterPositions(sizes);
    const rows = Array.from(indices, (index, k): GradientCheckRow => {
      const numeric = check.numeric[k];
      const backprop = check.analytic[k];
      return { index, ...position(index), numeric, backprop, difference: numeric - backprop };
    });
    return {
      sizes,
      m: examples.m,
      lambda,
      bug: bug ?? null,
      cost: check.cost,
      parameterCount: count,
      relativeDifference: check.relativeDifference,
      threshold: GRADIENT_CHECK_THRESHOLD,
      passed: check.relativeDifference < GRADIENT_CHECK_THRESHOLD,
      rows,
    };
  } finally {
    f.dispose();
  }
}

/** Θ from debugInitializeWeights for each layer, and the examples asked for. */
function chosenNetwork(
  network: Exclude<GradientCheckNetwork, 'debug'>,
  seed: number,
): { sizes: LayerSizes; theta: Float64Array; examples: Examples } {
  const sizes = network.sizes;
  try {
    validateLayerSizes(sizes);
  } catch (err) {
    throw new Error(`gradient check: ${(err as Error).message}`, { cause: err });
  }
  const K = sizes[sizes.length - 1];
  let examples: Examples;
  if (network.examples === undefined || network.examples === 'synthetic') {
    const m = network.m ?? 5;
    if (!Number.isInteger(m) || m < 1) throw new Error(`gradient check: m must be a whole number ≥ 1, got ${m}`);
    examples = syntheticExamples(m, sizes[0], K, seed);
  } else {
    examples = network.examples;
  }
  const theta = unrollThetas(
    sizes.slice(1).map((units, l) => debugInitializeWeights(units, sizes[l])),
    sizes,
  );
  return { sizes, theta, examples };
}

/** `sample` distinct parameter indices chosen by `seed`, ascending; all of them if sample ≥ count. */
function sampleIndices(count: number, sample: number, seed: number): Uint32Array {
  if (sample >= count) return Uint32Array.from({ length: count }, (_, i) => i);
  return shuffledIndices(count, seededRandom(seed)).slice(0, sample).sort();
}

/** Maps an unrolled index to Θ(layer)[row][col]. */
function parameterPositions(
  sizes: LayerSizes,
): (index: number) => Pick<GradientCheckRow, 'layer' | 'row' | 'col' | 'isBias'> {
  const layout = thetaLayout(sizes);
  return (index) => {
    const l = layout.findIndex(({ rows, cols, offset }) => index < offset + rows * cols);
    const { cols, offset } = layout[l];
    const row = Math.floor((index - offset) / cols);
    const col = (index - offset) % cols;
    return { layer: l + 1, row, col, isBias: col === 0 };
  };
}
