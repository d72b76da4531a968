/**
 * "Why not train with the numerical gradient?" answered with a stopwatch: backprop's ∂J/∂Θ for all
 * parameters of a 784-25-10 network against central differences (J(θ + ε) − J(θ − ε)) / 2ε for every
 * one of its 19,885 parameters, 2·19,885 evaluations of J, on the same Θ and examples.
 *
 * Each numerical evaluation runs only the forward pass (J needs no gradient), which is the cheapest a
 * numerical gradient can be. The work is done in slices that yield to the event loop, so the process
 * serving the app stays responsive, reports progress and stops when asked.
 */
import { createJudge } from '../nn/judge';
import { initialTheta } from '../nn/init';
import { parameterCount, type LayerSizes } from '../nn/shape';
import { syntheticExamples } from '../nn/synthetic';
import { createVectorizedCost } from '../nn/vectorized';

/** The lesson's network: a 28×28 digit in, 25 hidden units, 10 outputs (ex4's). */
export const TIMING_SIZES: LayerSizes = [784, 25, 10];
/** The perturbation of central differences, Ng's 1e-4. */
const EPSILON = 1e-4;
/** Work between two yields to the event loop, in ms. */
const SLICE_MS = 30;

export interface GradientTimingOptions {
  /** Examples J is computed over (synthetic 28×28 inputs); the ratio of the two times hardly depends on it. */
  readonly m: number;
  /** The network; default TIMING_SIZES. */
  readonly sizes?: LayerSizes;
  readonly seed?: number;
  readonly signal?: AbortSignal;
  /** Called after each slice with the parameters done so far. */
  readonly onProgress?: (done: number, total: number, elapsedMs: number) => void;
}

export interface GradientTimingResult {
  readonly sizes: LayerSizes;
  readonly m: number;
  readonly parameters: number;
  /** Evaluations of J the numerical gradient took: 2 per parameter. */
  readonly evaluations: number;
  /** One backprop evaluation of J and the whole gradient (median of 5), ms. */
  readonly backpropMs: number;
  /** The whole numerical gradient, ms. */
  readonly numericMs: number;
  /** numericMs / backpropMs. */
  readonly ratio: number;
  /** Ng's ‖numeric − backprop‖ / ‖numeric + backprop‖ over all parameters. */
  readonly relativeDifference: number;
  /** max over parameters of |numeric − backprop|, divided by the largest |backprop|. */
  readonly maxRelativeDifference: number;
}

/** Thrown when the signal stops the measurement before the numerical gradient is complete. */
export class TimingCancelled extends Error {
  constructor() {
    super('the gradient timing was cancelled');
  }
}

/**
 * Times backprop's gradient and the numerical gradient of every parameter of the network on m
 * synthetic examples at a random Θ (λ = 0), and measures how closely they agree.
 */
export async function timeGradients(options: GradientTimingOptions): Promise<GradientTimingResult> {
  const { m, sizes = TIMING_SIZES, seed = 1, signal, onProgress } = options;
  if (!Number.isInteger(m) || m < 1) throw new Error(`m must be a whole number ≥ 1, got ${m}`);
  const examples = syntheticExamples(m, sizes[0], sizes[sizes.length - 1], seed);
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed });
  const P = parameterCount(sizes);

  const backprop = new Float64Array(P);
  const f = createVectorizedCost(sizes, examples, 0);
  f.evaluate(theta, backprop); // warm-up: the first call also builds the workspace
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const t = performance.now();
    f.evaluate(theta, backprop);
    times.push(performance.now() - t);
  }
  f.dispose();
  times.sort((a, b) => a - b);
  const backpropMs = times[2];

  const J = createJudge(sizes, examples);
  const numeric = new Float64Array(P);
  const start = performance.now();
  let sliceStart = start;
  for (let i = 0; i < P; i++) {
    const saved = theta[i];
    theta[i] = saved + EPSILON;
    const plus = J(theta).cost;
    theta[i] = saved - EPSILON;
    const minus = J(theta).cost;
    theta[i] = saved;
    numeric[i] = (plus - minus) / (2 * EPSILON);
    if (performance.now() - sliceStart >= SLICE_MS) {
      onProgress?.(i + 1, P, performance.now() - start);
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (signal?.aborted) throw new TimingCancelled();
      sliceStart = performance.now();
    }
  }
  const numericMs = performance.now() - start;
  onProgress?.(P, P, numericMs);

  let diff2 = 0;
  let sum2 = 0;
  let maxDiff = 0;
  let maxGrad = 0;
  for (let i = 0; i < P; i++) {
    const d = numeric[i] - backprop[i];
    diff2 += d * d;
    sum2 += (numeric[i] + backprop[i]) ** 2;
    maxDiff = Math.max(maxDiff, Math.abs(d));
    maxGrad = Math.max(maxGrad, Math.abs(backprop[i]));
  }
  return {
    sizes,
    m,
    parameters: P,
    evaluations: 2 * P,
    backpropMs,
    numericMs,
    ratio: numericMs / backpropMs,
    relativeDifference: Math.sqrt(diff2) / Math.sqrt(sum2),
    maxRelativeDifference: maxGrad > 0 ? maxDiff / maxGrad : 0,
  };
}
