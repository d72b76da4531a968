/**
 * What every optimizer reports and returns. Each optimizer is a synchronous generator that yields
 * one IterationReport per iteration, so the same code runs in pure tests, in benchmarks and in the
 * training worker (where `minimize` yields to the event loop between iterations to hear a cancel).
 */

export type OptimizerName = 'cg' | 'lbfgs' | 'sgd';

/** One finished iteration: a line search for cg, an accepted step for lbfgs, an epoch for sgd. */
export interface IterationReport {
  /** Counts from 1. */
  iteration: number;
  /** J(Θ) over all training examples after this iteration. */
  cost: number;
  /** Calls of `f.evaluate` so far, the initial one included. */
  evaluations: number;
  /** The current Θ. A live buffer the optimizer keeps changing: copy it if you keep it. */
  theta: Float64Array;
  /**
   * ∇J at Θ over all training examples, as the optimizer last evaluated it there (cg, lbfgs; sgd's
   * mini-batch gradients are not it). Live like `theta`. Lets a caller that needs ∇J at Θ (the
   * training health) skip evaluating it again: the same f at the same Θ gives the same bits.
   */
  gradient?: Float64Array;
}

export interface OptimizerSettings {
  optimizer: OptimizerName;
  /** Iterations for cg and lbfgs; epochs for sgd. */
  iterations: number;
  /** sgd only: examples per mini-batch (1 = online learning). */
  batchSize: number;
  /** sgd only: α in v ← μv − α∇J. */
  learningRate: number;
  /** sgd only: μ in v ← μv − α∇J, in [0, 1). */
  momentum: number;
  /** sgd only: seed of the per-epoch shuffle. */
  seed: number;
}

export type StopReason = 'iterations' | 'converged' | 'cancelled';

export interface OptimizeResult {
  /** The final Θ (a fresh array). */
  theta: Float64Array;
  /** costHistory[i] is J after iteration i+1; the initial cost J(Θ₀) is not in it. */
  costHistory: number[];
  /** Calls of `f.evaluate`, the initial one included. */
  evaluations: number;
  /**
   * 'iterations': the budget was used up. 'converged': ∇J ≈ 0, or no step along steepest descent
   * lowers J any more (fmincg's rule: two failed line searches in a row). 'cancelled': the signal aborted.
   */
  stoppedBy: StopReason;
}

/** What a generator returns when it stops on its own. */
export interface OptimizerStop {
  stoppedBy: 'iterations' | 'converged';
  /** The final Θ (the optimizer's own buffer; the driver copies it). */
  theta: Float64Array;
  evaluations: number;
}

/** A running optimizer: call next() to perform one iteration. */
export type OptimizerRun = Generator<IterationReport, OptimizerStop, void>;

/** Options of `minimize`. */
export interface MinimizeOptions {
  /** Aborting it stops the run after the iteration in progress. */
  signal?: AbortSignal;
  /** Called after every iteration; `theta` is live, copy it to keep it. */
  onIteration?: (report: IterationReport) => void;
}

/**
 * ‖∇J‖∞ at or below this counts as converged. Far below anything that matters for a network's
 * accuracy, yet above the rounding noise of a gradient summed over thousands of examples.
 */
export const GRADIENT_TOLERANCE = 1e-10;
