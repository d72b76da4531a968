/**
 * Cost functions with a deliberately planted bug, for the gradient-checking lesson: the learner
 * runs the check on each and sees the relative difference jump from ~1e-11 to 1e-3 or worse, which
 * is exactly what a real mistake in their own backprop would look like.
 *
 * Each bug is one of the classic ex4 mistakes. The cost J is always computed correctly; only the
 * gradient is wrong, because that is what gradient checking catches (the numeric gradient comes
 * from J, the analytic one from backprop). Two bugs are wrappers around the correct loop cost
 * (loop.ts), changing its gradient after the fact. The third, the missing g′(z), sits inside the
 * per-example loop, so it runs loop.ts's own loop with the hidden δ step swapped (createLoopCostWith).
 */
import type { CostFunction, Examples } from './cost';
import { createLoopCost, createLoopCostWith } from './loop';
import { thetaLayout, type LayerSizes } from './shape';

export type PlantedBug = 'no-sigmoid-gradient' | 'regularize-bias' | 'forget-divide-by-m';

export interface PlantedBugInfo {
  readonly id: PlantedBug;
  readonly title: string;
  /** What the code does wrong and when the check can see it, in plain words. */
  readonly description: string;
  /** True if the bug is invisible at λ = 0, so the lesson should pick λ > 0 for it. */
  readonly needsLambda: boolean;
}

export const PLANTED_BUGS: readonly PlantedBugInfo[] = [
  {
    id: 'no-sigmoid-gradient',
    title: 'Hidden δ forgets g′(z)',
    description:
      'Backpropagating the error into a hidden layer, the code computes δ(l) = Θ(l)ᵀ·δ(l+1) but forgets to ' +
      "multiply by g′(z(l)) = a(l)·(1 − a(l)), the slope of the sigmoid. The output layer's δ = a − y is still " +
      'right, so the gradient of the last Θ matches and every Θ before it is off. A network without hidden ' +
      'layers has no hidden δ and would not show this bug.',
    needsLambda: false,
  },
  {
    id: 'regularize-bias',
    title: 'Bias weights regularized in the gradient',
    description:
      'The gradient adds (λ/m)·Θ to every column, the bias column 0 included, while the cost J leaves the ' +
      'bias weights out of its λ/(2m)·ΣΘ² penalty, as it should. The gradient no longer belongs to the ' +
      'cost, and the check notices. With λ = 0 the added term is zero and the bug stays hidden: check with λ > 0, e.g. λ = 3.',
    needsLambda: true,
  },
  {
    id: 'forget-divide-by-m',
    title: 'Gradient not divided by m',
    description:
      'The cost J averages over the m examples, but the code returns the summed Δ (and λ·Θ) without dividing ' +
      'by m, so every partial derivative is m times too large. The direction is right, the size is wrong, ' +
      "and the relative difference is (m − 1)/(m + 1): 2/3 for Ng's 5 debug examples. With a single " +
      'example (m = 1) the bug is invisible.',
    needsLambda: false,
  },
];

/**
 * A cost function with `bug` planted in its gradient (J itself stays right). Same contract as
 * createLoopCost(sizes, examples, λ): evaluate(θ, grad, rows?) writes the (wrong) ∂J/∂Θ and returns J.
 */
export function createBuggyCost(bug: PlantedBug, sizes: LayerSizes, examples: Examples, lambda: number): CostFunction {
  switch (bug) {
    case 'no-sigmoid-gradient':
      return createCostWithoutSigmoidGradient(sizes, examples, lambda);
    case 'regularize-bias':
      return regularizeBiasToo(createLoopCost(sizes, examples, lambda));
    case 'forget-divide-by-m':
      return forgetDivideByM(createLoopCost(sizes, examples, lambda));
    default:
      throw new Error(`unknown planted bug '${String(bug)}': expected ${PLANTED_BUGS.map((b) => b.id).join(', ')}`);
  }
}

/** Adds the (λ/m)·Θ the correct gradient leaves out of the bias column. */
function regularizeBiasToo(correct: CostFunction): CostFunction {
  const layout = thetaLayout(correct.sizes);
  return {
    ...correct,
    evaluate(theta, grad, rows) {
      const J = correct.evaluate(theta, grad, rows);
      const decay = correct.lambda / (rows?.length ?? correct.m);
      for (const { rows: units, cols, offset } of layout) {
        for (let r = 0; r < units; r++) grad[offset + r * cols] += decay * theta[offset + r * cols];
      }
      return J;
    },
  };
}

/** Undoes the division by m: returns Δ + λ·Θ instead of Δ/m + (λ/m)·Θ. */
function forgetDivideByM(correct: CostFunction): CostFunction {
  return {
    ...correct,
    evaluate(theta, grad, rows) {
      const J = correct.evaluate(theta, grad, rows);
      const m = rows?.length ?? correct.m;
      for (let i = 0; i < grad.length; i++) grad[i] *= m;
      return J;
    },
  };
}

/** loop.ts's backprop with δ(l) = Θ(l)ᵀ·δ(l+1) in every hidden layer: THE BUG is the missing g′(z) = a(l)·(1 − a(l)). */
function createCostWithoutSigmoidGradient(sizes: LayerSizes, examples: Examples, lambda: number): CostFunction {
  return createLoopCostWith(sizes, examples, lambda, { hiddenDelta: (backpropagated) => backpropagated, name: 'cost' });
}
