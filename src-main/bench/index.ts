/**
 * `npm run bench` / `backprop-lab bench`: how fast each cost+gradient implementation is on the
 * course's 784-25-10 network, what that means for training, and how much memory a default run needs.
 * Never used by tests for timing; the numbers belong to the machine.
 *
 * Exports: runBench(options) → Promise<BenchReport>, formatBench(report) → text (see format.ts).
 * `--json` output is the BenchReport itself; `implementations.loop|vectorized|fast` hold medianMs and minMs.
 *
 * Call runBench in a fresh process (the CLI does): its first phase measures the peak resident memory
 * of a default training run, which anything loaded earlier would inflate.
 */
import { createFastCost, defaultThreads } from '../nn/fast';
import { createLoopCost } from '../nn/loop';
import { createVectorizedCost } from '../nn/vectorized';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import type { OptimizerSettings } from '../nn/optimize/types';
import { parameterCount } from '../nn/shape';
import type { CostFunction, Examples, Implementation } from '../nn/cost';
import { DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import { augmentedMnist, defaultTrainingDigits } from './mnist-examples';
import { denseFlops, disagreement, peakRssMb, timeEvaluations, type EvaluationTiming } from './measure';

export { formatBench } from './format';

/** One implementation's speed on the 5,000-example evaluation. */
export interface ImplementationResult extends EvaluationTiming {
  readonly threads: number;
  /** Dense GFLOP/s at the median time (see BenchReport.flopsPerEvaluation). */
  readonly gflops: number;
}

/** A way of running the fast kernel, timed like the implementations, to show what each idea buys. */
export interface FastVariantResult extends EvaluationTiming {
  readonly name: string;
}

/** A timed optimizer run. */
export interface TrainingResult {
  readonly examples: number;
  readonly optimizer: string;
  readonly iterations: number;
  readonly evaluations: number;
  /** Wall time of the optimizer alone (data loading and cost-function setup excluded). */
  readonly trainingMs: number;
  /** Building the cost function (CSR, blocks, threads) before the first evaluation. */
  readonly setupMs: number;
  readonly finalCost: number;
  readonly note: string;
}

export interface BenchReport {
  readonly machine: { readonly cpus: number; readonly node: string; readonly threadsForFast: number };
  readonly network: string;
  readonly examples: number;
  readonly lambda: number;
  /** Dense FLOP of one evaluation: 4·m·W (2·m·W forward multiply-adds + 2·m·W for Δ), W = weights incl. bias. */
  readonly flopsPerEvaluation: number;
  readonly implementations: Readonly<Record<Implementation, ImplementationResult>>;
  readonly fastVariants: readonly FastVariantResult[];
  /** fast against loop and vectorized at Θ₀: |ΔJ|/|J| and max|Δ∇J| / max|∇J|. */
  readonly agreement: Readonly<Record<'loop' | 'vectorized', { readonly cost: number; readonly gradient: number }>>;
  readonly lbfgs: TrainingResult;
  readonly large: TrainingResult | null;
  /** Peak RSS (MB) of this process after a default run: load the split, build `fast`, cg 50 iterations. */
  readonly defaultRunPeakRssMb: number;
  /** Peak RSS (MB) of the whole bench (the 60,000-example run holds 376 MB of inputs as doubles). */
  readonly peakRssMb: number;
}

export interface BenchOptions {
  /** The caller prints JSON: progress lines are then not written to stderr. */
  readonly json: boolean;
  /** Timed evaluations of fast and its variants (default 50, at least 20). */
  readonly evaluations?: number;
  /** Timed evaluations of loop and vectorized (default 20). */
  readonly slowEvaluations?: number;
  /** Run the 60,000-example training (default true; it needs about 1 GB and tens of seconds). */
  readonly large?: boolean;
  /** Called with a line as each phase finishes (default: stderr unless json). */
  readonly onProgress?: (line: string) => void;
}

const SIZES = [784, 25, 10];
const LAMBDA = 1;

function lbfgsSettings(iterations: number): OptimizerSettings {
  const { batchSize, learningRate, momentum, seed } = DEFAULT_HYPERPARAMETERS;
  return { optimizer: 'lbfgs', iterations, batchSize, learningRate, momentum, seed };
}

function startTheta(): Float64Array {
  return initialTheta(SIZES, {
    init: 'uniform',
    epsilon: DEFAULT_HYPERPARAMETERS.epsilon,
    seed: DEFAULT_HYPERPARAMETERS.seed,
  });
}

function train(
  f: CostFunction,
  settings: OptimizerSettings,
  setupMs: number,
  examples: number,
  note: string,
): TrainingResult {
  const start = performance.now();
  const result = minimizeSync(f, startTheta(), settings);
  const trainingMs = performance.now() - start;
  return {
    examples,
    optimizer: settings.optimizer,
    iterations: result.costHistory.length,
    evaluations: result.evaluations,
    trainingMs,
    setupMs,
    finalCost: result.costHistory[result.costHistory.length - 1],
    note,
  };
}

function timedSetup<T>(build: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = build();
  return { value, ms: performance.now() - start };
}

/** Runs every measurement and returns the report (see BenchReport); takes about a minute. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const evaluations = options.evaluations ?? 50;
  const slowEvaluations = options.slowEvaluations ?? 20;
  if (evaluations < 20 || slowEvaluations < 1)
    throw new Error(
      `bench: evaluations must be ≥ 20 (got ${evaluations}) and slowEvaluations ≥ 1 (got ${slowEvaluations})`,
    );
  const progress =
    options.onProgress ?? ((line: string) => (options.json ? undefined : process.stderr.write(`${line}\n`)));
  const threads = defaultThreads();

  // 1. Memory of a default run, first, before anything else is loaded.
  const digits = defaultTrainingDigits();
  {
    const { hiddenLayers, lambda, optimizer, iterations } = DEFAULT_HYPERPARAMETERS;
    const fast = createFastCost([digits.n, ...hiddenLayers, 10], digits, lambda);
    try {
      const { batchSize, learningRate, momentum, seed } = DEFAULT_HYPERPARAMETERS;
      minimizeSync(fast, startTheta(), { optimizer, iterations, batchSize, learningRate, momentum, seed });
    } finally {
      fast.dispose();
    }
  }
  const defaultRunPeakRssMb = peakRssMb();
  progress(`default run (cg 50 iterations, fast, 5,000 examples): peak RSS ${defaultRunPeakRssMb.toFixed(0)} MB`);
  await Promise.resolve();

  // 2. One evaluation on 5,000 examples, each implementation.
  const examples: Examples = digits;
  const theta = startTheta();
  const flops = denseFlops(examples.m, parameterCount(SIZES));
  const timeImplementation = (
    f: CostFunction,
    warmup: number,
    count: number,
    usedThreads: number,
  ): ImplementationResult => {
    const timing = timeEvaluations(f, theta, warmup, count);
    return { ...timing, threads: usedThreads, gflops: flops / (timing.medianMs * 1e6) };
  };
  const fast = createFastCost(SIZES, examples, LAMBDA);
  const loop = createLoopCost(SIZES, examples, LAMBDA);
  const vectorized = createVectorizedCost(SIZES, examples, LAMBDA);
  const agreement = { loop: disagreement(fast, loop, theta), vectorized: disagreement(fast, vectorized, theta) };
  const fastResult = timeImplementation(fast, 10, evaluations, fast.threads);
  progress(
    `fast: median ${fastResult.medianMs.toFixed(2)} ms, min ${fastResult.minMs.toFixed(2)} ms (${threads} threads)`,
  );
  const loopResult = timeImplementation(loop, 2, slowEvaluations, 1);
  progress(`loop: median ${loopResult.medianMs.toFixed(1)} ms, min ${loopResult.minMs.toFixed(1)} ms`);
  const vectorizedResult = timeImplementation(vectorized, 1, slowEvaluations, 1);
  progress(
    `vectorized: median ${vectorizedResult.medianMs.toFixed(1)} ms, min ${vectorizedResult.minMs.toFixed(1)} ms`,
  );
  await Promise.resolve();

  // 3. What each idea inside fast buys: plain JS, WebAssembly per example, blocked Δ(1), threads.
  const allRows = Uint32Array.from({ length: examples.m }, (_, i) => i);
  const variants: { name: string; make: () => ReturnType<typeof createFastCost>; rows?: Uint32Array; count: number }[] =
    [
      {
        name: 'JavaScript kernel, sparse inputs, 1 thread',
        make: () => createFastCost(SIZES, examples, LAMBDA, { kernel: 'js' }),
        count: 20,
      },
      {
        name: 'WebAssembly SIMD, Δ(1) per example, 1 thread',
        make: () => createFastCost(SIZES, examples, LAMBDA, { kernel: 'wasm', threads: 1 }),
        rows: allRows,
        count: evaluations,
      },
      {
        name: 'WebAssembly SIMD, Δ(1) by blocks of 64, 1 thread',
        make: () => createFastCost(SIZES, examples, LAMBDA, { kernel: 'wasm', threads: 1 }),
        count: evaluations,
      },
      {
        name: `WebAssembly SIMD, Δ(1) per example, ${threads} threads`,
        make: () => createFastCost(SIZES, examples, LAMBDA),
        rows: allRows,
        count: evaluations,
      },
      {
        name: `WebAssembly SIMD, Δ(1) by blocks of 64, ${threads} threads (= fast)`,
        make: () => createFastCost(SIZES, examples, LAMBDA),
        count: evaluations,
      },
    ];
  const fastVariants: FastVariantResult[] = [];
  for (const variant of variants) {
    const f = variant.make();
    try {
      fastVariants.push({ name: variant.name, ...timeEvaluations(f, theta, 5, variant.count, variant.rows) });
    } finally {
      f.dispose();
    }
    const last = fastVariants[fastVariants.length - 1];
    progress(`  ${variant.name}: median ${last.medianMs.toFixed(2)} ms, min ${last.minMs.toFixed(2)} ms`);
  }
  await Promise.resolve();

  // 4. Training: 100 L-BFGS iterations on the 5,000 examples.
  const lbfgs = train(fast, lbfgsSettings(100), 0, examples.m, 'fast, default threads');
  progress(
    `L-BFGS 100 iterations on 5,000: ${(lbfgs.trainingMs / 1000).toFixed(2)} s, ${lbfgs.evaluations} evaluations`,
  );
  fast.dispose();
  await Promise.resolve();

  // 5. Larger data: 60,000 examples (the 10,000 bundled digits and shifted copies).
  let large: TrainingResult | null = null;
  if (options.large ?? true) {
    const data = augmentedMnist(60_000);
    const { value: big, ms } = timedSetup(() => createFastCost(SIZES, data, LAMBDA));
    try {
      large = train(
        big,
        lbfgsSettings(100),
        ms,
        data.m,
        '10,000 bundled digits + 50,000 copies shifted by one pixel (right, down, left, up, right-down)',
      );
    } finally {
      big.dispose();
    }
    progress(
      `L-BFGS 100 iterations on 60,000: ${(large.trainingMs / 1000).toFixed(2)} s, ${large.evaluations} evaluations`,
    );
  }

  return {
    machine: { cpus: threads, node: process.version, threadsForFast: threads },
    network: SIZES.join('-'),
    examples: examples.m,
    lambda: LAMBDA,
    flopsPerEvaluation: flops,
    implementations: { loop: loopResult, vectorized: vectorizedResult, fast: fastResult },
    fastVariants,
    agreement,
    lbfgs,
    large,
    defaultRunPeakRssMb,
    peakRssMb: peakRssMb(),
  };
}
