/** What the compute bench (compute-bench.ts) measures, as `--json` prints it and compute-format.ts shows it. */
import type { Implementation } from '../nn/cost';
import type { EvaluationTiming } from './measure';

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
