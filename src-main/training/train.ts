/**
 * One training run from start to end, in this process: load the data, build J(Θ) with the chosen
 * implementation, initialize Θ, minimize, and judge the result. The worker process runs it, for the
 * app and the CLI alike (both through the supervisor).
 *
 * Hidden-unit images are taken at the start (iteration 0), at ~evenly spaced iterations and at the
 * end, so a learner can watch the units turn from noise into stroke detectors. Each snapshot also
 * judges Θ on the validation set (J_cv without λ, and accuracy), so that the point where J_cv turns
 * up while the training J keeps falling, overfitting, can be drawn.
 */
import { performance } from 'node:perf_hooks';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { minimize } from '../nn/optimize/minimize';
import { accuracy, confusionMatrix } from '../nn/predict';
import type { Examples } from '../nn/cost';
import { predictFast } from '../nn/fast/predict';
import { createFastJudge, type FastJudge } from '../nn/fast/judge';
import type { FastCostFunction } from '../nn/fast';
import { unrollThetas } from '../nn/shape';
import { DIGIT_CLASS_NAMES, loadDataSplit, type LoadedSplit } from '../data/load';
import { applyStandardization } from '../data/standardize';
import { hiddenUnitImages } from '../units/hidden-units';
import { modelOf, type DatasetSpec, type Hyperparameters } from '../run/hyperparameters';
import { handwritingDigits, misclassifiedDigits, type HandwritingSet } from './test-set-extras';
import type { TrainStartInfo } from './protocol';
import type { ConfusionMatrix, MisclassifiedDigit, ProgressPoint, RunMetrics, SnapshotInput } from '../run/record';
import { tracePhase } from '../trace/phase-trace';
import { createHealthProbe, type HealthProbe } from './health-probe';

export type { TrainStartInfo };

/** Output units of a digits run: one per digit 0–9 (other data has one per class). */
export const DIGIT_CLASSES = 10;
/** Snapshots after the start one, the last at the end of training. */
export const DEFAULT_SNAPSHOTS = 20;

export interface TrainRequest {
  hyperparameters: Hyperparameters;
  dataset: DatasetSpec;
  /** Θ(1), Θ(2), … as arrays of rows (bias in column 0); required for init 'file', refused otherwise. */
  initialThetas?: number[][][];
  /** The test set when dataset.testSource is 'handwriting' (required then, refused otherwise). */
  handwriting?: HandwritingSet;
}

/** Known once the data is loaded: the network's shape and the split's sizes. */
export interface TrainProgress extends ProgressPoint {
  /** Evaluations of J and ∇J by the optimizer so far. */
  evaluations: number;
}

export interface TrainHooks {
  /** Aborting stops training after the iteration in progress; train() then resolves 'cancelled'. */
  signal?: AbortSignal;
  onStart?(info: TrainStartInfo): void;
  /** J(Θ) after each iteration; iteration 0 is J at the initial Θ. */
  onProgress?(point: TrainProgress): void;
  onSnapshot?(snapshot: SnapshotInput): void;
  /** How many snapshots to take after the one at iteration 0, the last at the end; default 20. */
  snapshots?: number;
}

/**
 * Where the run's time went, in ms. trainMs is the optimizer's time (metrics.durationMs) and includes
 * the snapshots taken during training; snapshotMs counts all snapshots, the first and last included.
 */
export interface TrainTiming {
  loadMs: number;
  trainMs: number;
  snapshotMs: number;
  /** The part of snapshotMs spent measuring training health (a gradient on the training set and the sample's backprop). */
  healthMs: number;
  evaluateMs: number;
}

interface TrainOutcomeCommon {
  /** Final Θ (or Θ when cancelled), unrolled. */
  theta: Float64Array;
  /** Θ₀, the weights training started from. */
  initialTheta: Float64Array;
  sizes: number[];
  /** Every point reported, iteration 0 first. */
  costHistory: ProgressPoint[];
  timing: TrainTiming;
}

/** How train() ended: a finished run is judged; a cancelled one is not (judging would delay stopping). */
export type TrainOutcome = TrainOutcomeCommon &
  (
    | {
        status: 'finished';
        metrics: RunMetrics;
        /** Test set confusion[actual][predicted]. All zeros when there is no test set. */
        confusion: ConfusionMatrix;
        /** The first test digits classified wrongly (up to 100, test-set order). */
        misclassified: MisclassifiedDigit[];
      }
    | { status: 'cancelled'; metrics: null; confusion: null; misclassified: null }
  );

/** Trains the network the request describes, reporting progress and images through `hooks`. */
export async function train(request: TrainRequest, hooks: TrainHooks = {}): Promise<TrainOutcome> {
  const hp = request.hyperparameters;
  const snapshots = hooks.snapshots ?? DEFAULT_SNAPSHOTS;
  if (!Number.isInteger(snapshots) || snapshots < 1)
    throw new Error(`snapshots must be a whole number ≥ 1, got ${snapshots}`);
  if (hp.init === 'file' && !request.initialThetas) throw new Error("init is 'file' but no initial weights were given");
  if (hp.init !== 'file' && request.initialThetas)
    throw new Error(`initial weights were given but init is '${hp.init}', not 'file'`);

  const loadStart = performance.now();
  const data = loadSplit(request);
  const { train: trainSet, validation, test } = data;
  const { width, height } = trainSet;
  if (trainSet.n !== width * height) {
    throw new Error(`training images are ${width}×${height} pixels but have ${trainSet.n} features each`);
  }
  const { classNames, featureNames, standardization } = data.info;
  const K = classNames.length;
  const sizes = [trainSet.n, ...hp.hiddenLayers, K];
  const theta0 = startingTheta(request, sizes);
  const loadMs = performance.now() - loadStart;
  tracePhase('worker.data', loadMs);
  hooks.onStart?.({
    sizes,
    width,
    height,
    trainSize: trainSet.m,
    validationSize: validation.m,
    testSize: test.m,
    data: { classNames, featureNames, standardization },
  });

  const timing: TrainTiming = { loadMs, trainMs: 0, snapshotMs: 0, healthMs: 0, evaluateMs: 0 };
  let snapshotIndex = 0;
  let lastSnapshotIteration = -1;
  // The validation set in the kernel's layout, built once, after J(Θ₀) is out: judged at every
  // snapshot, predicted at the end.
  let validationJudge: FastJudge | null = null;
  const model = modelOf(hp);
  const validationJudgeOf = () => (validationJudge ??= createFastJudge(sizes, validation, model));
  // The kernel's forward pass computes every hidden activation (the output stays sigmoid).
  const predictOn = (theta: Float64Array, set: Examples) => predictFast(theta, sizes, set, model.activation);
  // Θ at the iteration before the latest, for the health's ‖ΔΘ‖/‖Θ‖ of the last step.
  const stepFrom = new Float64Array(theta0.length);
  const latest = Float64Array.from(theta0);
  let health: HealthProbe | null = null;
  /** `gradient`: ∇J at Θ when the optimizer has it (the health then needs no evaluation of its own). */
  const snapshot = (theta: Float64Array, iteration: number, gradient?: Float64Array) => {
    const t = performance.now();
    const images = hiddenUnitImages(theta, sizes, width, height);
    const judged = validation.m > 0 ? validationJudgeOf().judge(theta) : undefined;
    const healthStart = performance.now();
    const layers = health?.measure(theta, iteration === 0 ? null : stepFrom, gradient) ?? null;
    timing.healthMs += performance.now() - healthStart;
    hooks.onSnapshot?.({
      index: snapshotIndex++,
      iteration,
      gridPng: images.grid.png,
      unitPngs: images.units.map((u) => u.png),
      validationCost: judged?.cost ?? null,
      validationAccuracy: judged?.accuracy ?? null,
      theta: Float32Array.from(theta),
      health: layers,
    });
    lastSnapshotIteration = iteration;
    timing.snapshotMs += performance.now() - t;
  };

  const layoutStart = performance.now();
  const f = createCostFunction(hp.impl, sizes, trainSet, hp.lambda, model);
  health = createHealthProbe(f, sizes, trainSet, model);
  tracePhase('worker.layout', performance.now() - layoutStart);
  try {
    const costHistory: ProgressPoint[] = [];
    let trainStart = performance.now();
    // A point's elapsedMs leaves out the snapshots (images, J_cv) taken so far: it is the optimizer's
    // time, so that implementations compare on J and ∇J alone.
    let snapshotMsAtStart = 0;
    const report = (iteration: number, cost: number, evaluations: number) => {
      if (!Number.isFinite(cost)) throw new Error(nonFiniteCost(cost, iteration, hp));
      const optimizerMs = performance.now() - trainStart - (timing.snapshotMs - snapshotMsAtStart);
      const point = { iteration, cost, elapsedMs: iteration === 0 ? 0 : Math.max(0, optimizerMs) };
      costHistory.push(point);
      hooks.onProgress?.({ ...point, evaluations });
    };
    // J(Θ₀) starts the curve where the learner's network starts (≈ 10·ln 2 for a random init).
    const gradient0 = new Float64Array(theta0.length);
    report(0, f.evaluate(theta0, gradient0), 0);
    tracePhase('worker.cost0');
    snapshot(theta0, 0, gradient0);
    tracePhase('worker.snapshot0', timing.snapshotMs);
    // The clock (elapsedMs, durationMs) measures the optimizer only, from the point at 0 ms.
    trainStart = performance.now();
    snapshotMsAtStart = timing.snapshotMs;

    const N = hp.iterations;
    let k = 1; // next regular snapshot is the k-th of `snapshots`, at iteration ⌈k·N/snapshots⌉
    const result = hooks.signal?.aborted
      ? { theta: theta0, evaluations: 0, stoppedBy: 'cancelled' as const }
      : await minimize(
          f,
          theta0,
          { ...hp },
          {
            signal: hooks.signal,
            onIteration: ({ iteration, cost, evaluations, theta, gradient }) => {
              report(iteration, cost, evaluations);
              stepFrom.set(latest);
              latest.set(theta);
              if (iteration === 1) tracePhase('worker.iteration1');
              if (k < snapshots && iteration < N && iteration >= Math.ceil((k * N) / snapshots)) {
                snapshot(theta, iteration, gradient);
                while (k < snapshots && Math.ceil((k * N) / snapshots) <= iteration) k++;
              }
            },
          },
        );
    timing.trainMs = performance.now() - trainStart;
    tracePhase('worker.optimizer', timing.trainMs);
    const last = costHistory[costHistory.length - 1];
    if (result.stoppedBy === 'cancelled') {
      return {
        status: 'cancelled',
        theta: result.theta,
        initialTheta: theta0,
        sizes,
        costHistory,
        metrics: null,
        confusion: null,
        misclassified: null,
        timing,
      };
    }
    if (lastSnapshotIteration !== last.iteration) snapshot(result.theta, last.iteration);
    tracePhase('worker.snapshots', timing.snapshotMs);

    const evaluateStart = performance.now();
    // The fast cost function already holds the training set in the kernel's layout.
    const ownPredict = (f as Partial<FastCostFunction>).predict;
    const trainPredictions = ownPredict ? ownPredict(result.theta) : predictOn(result.theta, trainSet);
    const testPredictions = predictOn(result.theta, test);
    const metrics: RunMetrics = {
      trainAccuracy: accuracy(trainPredictions, trainSet.y),
      validationAccuracy: validation.m > 0 ? accuracy(validationJudgeOf().predict(result.theta), validation.y) : null,
      testAccuracy: test.m > 0 ? accuracy(testPredictions, test.y) : null,
      finalCost: last.cost,
      durationMs: timing.trainMs,
      costEvaluations: result.evaluations,
    };
    const confusion = confusionMatrix(testPredictions, test.y, K);
    const misclassified = misclassifiedDigits(test, testPredictions);
    timing.evaluateMs = performance.now() - evaluateStart;
    tracePhase('worker.predictions', timing.evaluateMs);
    return {
      status: 'finished',
      theta: result.theta,
      initialTheta: theta0,
      sizes,
      costHistory,
      metrics,
      confusion,
      misclassified,
      timing,
    };
  } finally {
    f.dispose();
    (validationJudge as FastJudge | null)?.dispose();
  }
}

/**
 * The run's data. With testSource 'handwriting' the test set is the user's samples and nothing is split
 * off the data for testing (as with a separate testFile); testSize must say how many samples there are.
 */
function loadSplit(request: TrainRequest): LoadedSplit {
  const { dataset, handwriting } = request;
  if (dataset.testSource !== 'handwriting') {
    if (handwriting) throw new Error("handwriting samples were given but dataset.testSource is not 'handwriting'");
    return loadDataSplit(dataset);
  }
  if (!handwriting) throw new Error("dataset.testSource is 'handwriting' but no handwriting samples were given");
  if (dataset.testFile)
    throw new Error("dataset: testFile and testSource 'handwriting' both name a test set; choose one");
  const test = handwritingDigits(handwriting);
  if (dataset.testSize !== test.m) {
    throw new Error(
      `dataset.testSize is ${dataset.testSize} but ${test.m} handwriting samples were given; they must agree`,
    );
  }
  const split = loadDataSplit({ ...dataset, testSize: 0 });
  const { width, height } = split.train;
  if (split.info.classNames.join() !== DIGIT_CLASS_NAMES.join()) {
    throw new Error(
      `handwriting samples are digits 0–9 but this data's classes are ${split.info.classNames.slice(0, 5).join(', ')}…`,
    );
  }
  if (test.width !== width || test.height !== height) {
    throw new Error(
      `the handwriting samples are ${test.width}×${test.height} pixels but the training images are ${width}×${height}`,
    );
  }
  // Drawn digits are ink in [0, 1]; a standardized run reads them through the same z-scores.
  const s = split.info.standardization;
  return { ...split, test: s ? applyStandardization(test, s) : test };
}

/** Θ₀ from the hyperparameters, or the user's matrices checked against the network's shape. */
function startingTheta(request: TrainRequest, sizes: number[]): Float64Array {
  const hp = request.hyperparameters;
  if (hp.init !== 'file') return initialTheta(sizes, { init: hp.init, epsilon: hp.epsilon, seed: hp.seed });
  try {
    return unrollThetas(request.initialThetas!, sizes);
  } catch (e) {
    throw new Error(`initial weights do not fit the network ${sizes.join('-')}: ${(e as Error).message}`, {
      cause: e,
    });
  }
}

/**
 * Why J is not a number one can train on. At iteration 0 it is the start: weights so large that every
 * sigmoid saturates to exactly 0 or 1 in floating point, so a wrong prediction costs −log(0) = ∞.
 */
function nonFiniteCost(cost: number, iteration: number, hp: Hyperparameters): string {
  const what = Number.isNaN(cost) ? 'not a number' : 'infinite';
  if (iteration === 0) {
    const start =
      hp.init === 'file'
        ? 'the initial weights of the file are'
        : `uniform initial weights in [−ε, ε] with ε = ${hp.epsilon} are`;
    return (
      `J(Θ₀) is ${what}: ${start} so large that the sigmoid saturates to exactly 0 or 1 and the cost takes log(0); ` +
      "start from smaller weights (ε = 0.12, the course's choice, per-layer, or he for ReLU)"
    );
  }
  return (
    `J(Θ) became ${what} at iteration ${iteration}: the optimizer diverged` +
    (hp.optimizer === 'sgd' ? `; try a smaller learning rate than ${hp.learningRate}` : '')
  );
}
