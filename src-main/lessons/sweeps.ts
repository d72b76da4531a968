/**
 * The sweeps behind the lessons, as pure plans and pure read-outs:
 *   - validation curve: the same network trained at λ = 0, 0.001, … 10, to pick λ on the validation set;
 *   - learning curve: the same network trained on more and more examples (m), to tell high bias
 *     (both errors high and close) from high variance (training error far below validation error);
 *   - seeds: the same network from n different random initial Θ, to see how much the result depends
 *     on where gradient descent starts (local minima of a non-convex J);
 *   - symmetry (zero vs random Θ₀), implementations (loop, vectorized, fast) and overfit (λ = 0 vs a
 *     chosen λ): pairs or triples that differ in exactly one setting.
 *
 * A plan is a list of run requests (hyperparameters + dataset) derived from a base; the app starts
 * them like any other run. The read side turns the finished runs' metrics back into curve points.
 *
 * Errors are 1 − accuracy (the fraction misclassified). Ng's ex5 plots the unregularized cost
 * J_train(θ) (λ = 0 in the cost) and J_cv instead; a finished run here stores accuracies on the
 * training and validation sets but no unregularized J, so classification error is what we have. It
 * tells the same story: the training error falls as λ shrinks, the validation error has a minimum.
 */
import { IMPLEMENTATIONS } from '../nn/cost';
import { parseDatasetSpec, parseHyperparameters, type DatasetSpec, type Hyperparameters } from '../run/hyperparameters';
import { OVERFIT_SETTINGS } from './overfit-settings';
import { summarize } from './stats';

/** ex5's λ values for the validation curve. */
export const VALIDATION_CURVE_LAMBDAS: readonly number[] = [0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10];

/** Training-set sizes for a learning curve on the bundled digits (5,000 is the default training set). */
export const LEARNING_CURVE_SIZES: readonly number[] = [50, 100, 200, 500, 1000, 2000, 5000];

/** What every run of a sweep shares. */
export interface SweepBase {
  readonly hyperparameters: Hyperparameters;
  readonly dataset: DatasetSpec;
}

/**
 * One run to start: name, full hyperparameters and dataset, and the value being swept. Names say
 * which lesson made the run and what sets it apart ("Overfitting lesson · regularized λ = 1",
 * "Learning curve · m = 500"), so a lesson run reads for what it is in Runs and Compare.
 */
export interface PlannedRun {
  readonly name: string;
  readonly hyperparameters: Hyperparameters;
  readonly dataset: DatasetSpec;
  /** λ, training-set size m, or seed, whichever the sweep varies. */
  readonly x: number;
}

/**
 * One run per λ (default: ex5's ten values 0 … 10) and seed, everything else as in `base`. The values
 * are kept in the order given and must be distinct. With `seedsPerPoint` = s > 1 each λ is trained
 * from s initial Θ (seeds base, base + 1, …, the same s for every λ), so each point is a mean with a spread.
 */
export function validationCurvePlan(
  base: SweepBase,
  lambdas: readonly number[] = VALIDATION_CURVE_LAMBDAS,
  seedsPerPoint = 1,
): PlannedRun[] {
  checkValues(lambdas, 'λ values', (v) => Number.isFinite(v) && v >= 0, 'a finite number ≥ 0');
  const seeds = seedsOf(base, seedsPerPoint);
  return lambdas.flatMap((lambda) =>
    seeds.map((seed) =>
      planned(
        `Validation curve · λ = ${lambda}${seeds.length > 1 ? ` · seed ${seed}` : ''}`,
        { ...base.hyperparameters, lambda, seed },
        base.dataset,
        lambda,
      ),
    ),
  );
}

/**
 * One run per training-set size m (default LEARNING_CURVE_SIZES) and seed, everything else as in `base`.
 * The training sets are nested: each is the first m examples of the same shuffle (the same data seed),
 * as ex5 trains on X(1:i, :); the split takes validation and test from the other end of that shuffle,
 * so every point is measured on the same validation examples, as ex5 measures on one fixed Xval.
 * `seedsPerPoint` as for the validation curve: only Θ₀ changes between a point's runs, never the data.
 */
export function learningCurvePlan(
  base: SweepBase,
  sizes: readonly number[] = LEARNING_CURVE_SIZES,
  seedsPerPoint = 1,
): PlannedRun[] {
  checkValues(sizes, 'training-set sizes', (v) => Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');
  const seeds = seedsOf(base, seedsPerPoint);
  return sizes.flatMap((trainSize) =>
    seeds.map((seed) =>
      planned(
        `Learning curve · m = ${trainSize}${seeds.length > 1 ? ` · seed ${seed}` : ''}`,
        { ...base.hyperparameters, seed },
        { ...base.dataset, trainSize },
        trainSize,
      ),
    ),
  );
}

/** The seeds base, base + 1, …, base + n − 1 of a sweep's points; throws naming n when they do not fit. */
function seedsOf(base: SweepBase, n: number): number[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`seeds per point must be a whole number ≥ 1, got ${n}`);
  const first = base.hyperparameters.seed;
  if (first + n - 1 > 2 ** 32 - 1) throw new Error(`seeds ${first}…${first + n - 1} go past the largest seed 2³²−1`);
  return Array.from({ length: n }, (_, k) => first + k);
}

/**
 * n runs that differ only in the seed of the initial Θ: base seed, seed + 1, …, seed + n − 1 (the
 * same seeds the API's `count` uses, so either way gives the same runs).
 */
export function seedsPlan(base: SweepBase, n: number): PlannedRun[] {
  if (!Number.isInteger(n) || n < 1) throw new Error(`seeds plan: n must be a whole number ≥ 1, got ${n}`);
  const first = base.hyperparameters.seed;
  if (first + n - 1 > 2 ** 32 - 1) {
    throw new Error(`seeds plan: seeds ${first}…${first + n - 1} go past the largest seed 2³²−1`);
  }
  return Array.from({ length: n }, (_, k) =>
    planned(`Seeds · seed ${first + k}`, { ...base.hyperparameters, seed: first + k }, base.dataset, first + k),
  );
}

/**
 * The symmetry lesson's pair: the same network from all-zero Θ (x = 0) and from a random uniform Θ
 * (x = 1), everything else as in `base`, so the only difference is whether symmetry was broken.
 */
export function symmetryPlan(base: SweepBase): PlannedRun[] {
  return [
    planned('Symmetry lesson · all-zero Θ₀', { ...base.hyperparameters, init: 'zeros' }, base.dataset, 0),
    planned('Symmetry lesson · random Θ₀', { ...base.hyperparameters, init: 'uniform' }, base.dataset, 1),
  ];
}

/** The implementations in the order of the lesson (x = 0, 1, 2): all of them, the loop of the lectures first. */
export const SWEPT_IMPLEMENTATIONS = IMPLEMENTATIONS;

/**
 * The same run (same seed, same data) with the loop, vectorized and fast implementation of J and ∂J/∂Θ:
 * the cost curves should coincide while the time per iteration differs.
 */
export function implementationsPlan(base: SweepBase): PlannedRun[] {
  return SWEPT_IMPLEMENTATIONS.map((impl, x) =>
    planned(`Loop vs vectorized · ${impl}`, { ...base.hyperparameters, impl }, base.dataset, x),
  );
}

/** Defaults of the overfitting lesson (measured in overfit-settings.ts): few examples, a wide Θ₀, λ = 1. */
export const OVERFIT_TRAIN_SIZE = OVERFIT_SETTINGS.trainSize;
export const OVERFIT_ITERATIONS = OVERFIT_SETTINGS.iterations;
export const OVERFIT_LAMBDA = OVERFIT_SETTINGS.lambda;

/**
 * The overfitting pair: λ = 0 (x = 0) against the chosen λ > 0 (x = λ), everything else as in `base`.
 * With `seedsPerPoint` = s > 1, s runs of each (seeds base, base + 1, …): all λ = 0 runs first, so
 * Compare shows two groups of seeds and whether the gap is larger than the seed-to-seed spread.
 */
export function overfitPlan(base: SweepBase, lambda: number = OVERFIT_LAMBDA, seedsPerPoint = 1): PlannedRun[] {
  if (typeof lambda !== 'number' || !(lambda > 0) || !Number.isFinite(lambda)) {
    throw new Error(`overfit plan: λ must be a finite number > 0 to compare with λ = 0, got ${lambda}`);
  }
  const seeds = seedsOf(base, seedsPerPoint);
  const suffix = (seed: number) => (seeds.length > 1 ? ` · seed ${seed}` : '');
  const what = (l: number) => (l === 0 ? 'no regularization λ = 0' : `regularized λ = ${l}`);
  return [0, lambda].flatMap((l) =>
    seeds.map((seed) =>
      planned(
        `Overfitting lesson · ${what(l)}${suffix(seed)}`,
        { ...base.hyperparameters, lambda: l, seed },
        base.dataset,
        l,
      ),
    ),
  );
}

function planned(name: string, hyperparameters: Hyperparameters, dataset: DatasetSpec, x: number): PlannedRun {
  // the same checks the API applies, so a plan never contains a run that would be refused
  return { name, hyperparameters: parseHyperparameters(hyperparameters), dataset: parseDatasetSpec(dataset), x };
}

function checkValues(values: readonly number[], what: string, ok: (v: number) => boolean, expected: string): void {
  if (values.length === 0) throw new Error(`${what}: the list is empty; a sweep needs at least one value`);
  const seen = new Set<number>();
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !ok(v)) throw new Error(`${what}: value ${i} is ${v}, expected ${expected}`);
    if (seen.has(v)) throw new Error(`${what}: ${v} appears twice`);
    seen.add(v);
  });
}

// ── read side ───────────────────────────────────────────────────────────────────────────────────

/** The parts of a run (e.g. the store's RunSummary) a curve needs; metrics is null until it finished. */
export interface SweptRun {
  readonly lambda: number;
  readonly trainSize: number;
  readonly metrics: { readonly trainAccuracy: number; readonly validationAccuracy: number | null } | null;
}

/** One point of a validation or learning curve. */
export interface CurvePoint {
  /** λ or the training-set size m. */
  readonly x: number;
  /** 1 − training accuracy (fraction of training examples misclassified), averaged over `runs`. */
  readonly trainError: number;
  /** 1 − validation accuracy, averaged over the runs that have a validation set; null if none has. */
  readonly validationError: number | null;
  /** Finished runs behind this point. */
  readonly runs: number;
  /** Sample standard deviation (n − 1) of the training error over the point's runs (seeds); null for one run. */
  readonly trainErrorSd: number | null;
  /** The same for the validation error; null for fewer than two runs with a validation set. */
  readonly validationErrorSd: number | null;
}

/**
 * Curve points from finished runs, one per distinct λ (x = 'lambda') or training-set size
 * (x = 'trainSize'), ascending in x. Runs that have not finished (metrics null) are left out; runs
 * sharing an x (repeated seeds) are averaged, with their standard deviation for error bars.
 */
export function curvePoints(runs: readonly SweptRun[], x: 'lambda' | 'trainSize'): CurvePoint[] {
  const groups = new Map<number, { train: number[]; validation: number[] }>();
  for (const run of runs) {
    if (run.metrics === null) continue;
    const key = run[x];
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { train: [], validation: [] }));
    g.train.push(1 - run.metrics.trainAccuracy);
    if (run.metrics.validationAccuracy !== null) g.validation.push(1 - run.metrics.validationAccuracy);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a - b)
    .map(([value, g]) => {
      const train = summarize(g.train);
      const validation = g.validation.length ? summarize(g.validation) : null;
      return {
        x: value,
        trainError: train.mean,
        validationError: validation?.mean ?? null,
        runs: g.train.length,
        trainErrorSd: train.sd,
        validationErrorSd: validation?.sd ?? null,
      };
    });
}

/**
 * The point of a validation curve with the lowest validation error. On a tie (within 1e-12, i.e. the
 * same count of misclassified examples) the larger λ wins: the simpler, smoother model that does as
 * well. null when no point has a validation error.
 */
export function bestLambda(points: readonly CurvePoint[]): CurvePoint | null {
  let best: CurvePoint | null = null;
  for (const p of points) {
    if (p.validationError === null) continue;
    if (
      best === null ||
      p.validationError < best.validationError! - 1e-12 ||
      (Math.abs(p.validationError - best.validationError!) <= 1e-12 && p.x > best.x)
    ) {
      best = p;
    }
  }
  return best;
}

/** How much a number varies across runs (e.g. test accuracy over seeds). */
export interface Spread {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  /** Sample standard deviation (divides by n − 1, as Octave's std); 0 for a single value. */
  readonly standardDeviation: number;
  /** The middle value, or the mean of the two middle ones. */
  readonly median: number;
}

/**
 * min, max, mean, standard deviation and median of `values`. Of no values every statistic is NaN
 * (count 0): there is nothing to summarize, and NaN shows as "n/a" rather than a made-up 0.
 */
export function spread(values: readonly number[]): Spread {
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new Error(`spread: value ${i} is ${v}, not a finite number`);
  });
  const n = values.length;
  if (n === 0) return { count: 0, min: NaN, max: NaN, mean: NaN, standardDeviation: NaN, median: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const m = mean(values);
  let squares = 0;
  for (const v of values) squares += (v - m) ** 2;
  const half = Math.floor(n / 2);
  return {
    count: n,
    min: sorted[0],
    max: sorted[n - 1],
    mean: m,
    standardDeviation: n === 1 ? 0 : Math.sqrt(squares / (n - 1)),
    median: n % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2,
  };
}

function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/**
 * A sweep's name when the learner gives none, distinct from every sweep's in `taken`: the lesson's
 * title for the first ("Symmetry"), then numbered ("Symmetry 2", "Symmetry 3", …), so each click of a
 * lesson's button is a sweep one can tell apart in Runs and the pickers.
 */
export function distinctSweepName(title: string, taken: readonly string[]): string {
  const used = new Set(taken);
  if (!used.has(title)) return title;
  for (let k = 2; ; k++) if (!used.has(`${title} ${k}`)) return `${title} ${k}`;
}
