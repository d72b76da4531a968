/**
 * Gets this process's WebAssembly kernel to full speed before a run needs it. V8 first runs a module's
 * functions as quickly compiled baseline code and recompiles the hot ones optimized only after they
 * have run a while; left to the run, that made J(Θ₀) several times slower than every later
 * evaluation. A training process waiting for its run spends the wait here instead.
 */
import { createFastCost } from './index';
import { predictFast } from './predict';
import { makeExamples, makeTheta } from './test-data';

const SIZES = [784, 26, 10];

/**
 * Evaluates J and ∇J, the predictions (of the cost function and of predictFast) and the hidden layer of a small made-up data set a few times,
 * in both input layouts, in this thread. Takes some tens of ms; returns how many evaluations ran.
 */
export function warmUpKernel(evaluations = 12): number {
  let count = 0;
  for (const [kind, layout] of [
    ['sparse', 'sparse'],
    ['dense', 'dense'],
  ] as const) {
    const examples = makeExamples(SIZES, 192, kind, 5);
    const f = createFastCost(SIZES, examples, 1, { threads: 1, layout });
    try {
      const theta = makeTheta(SIZES, 0.12, 5);
      const grad = new Float64Array(theta.length);
      const rows = Uint32Array.from({ length: 64 }, (_, i) => i * 3);
      for (let i = 0; i < evaluations; i++, count++) f.evaluate(theta, grad, i % 4 === 3 ? rows : undefined);
      f.predict?.(theta);
      f.lastHidden?.(theta);
      // Also makes this process's prediction memory (predict.ts), which the run's final predictions reuse.
      if (kind === 'sparse') predictFast(theta, SIZES, examples);
    } finally {
      f.dispose();
    }
  }
  return count;
}
