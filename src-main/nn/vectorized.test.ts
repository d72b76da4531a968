import { describe, expect, it } from 'vitest';
import { createLoopCost } from './loop';
import { createVectorizedCost } from './vectorized';
import { debugNetwork } from './debug-network';
import { initialTheta } from './init';
import { syntheticExamples } from './synthetic';
import { parameterCount, type LayerSizes } from './shape';
import type { Examples } from './cost';

/** Largest |a − b| / max(|a|, |b|) over all components (0 where both are exactly equal). */
function worstRelativeGap(a: Float64Array, b: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue;
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i])));
  }
  return worst;
}

interface Case {
  name: string;
  sizes: LayerSizes;
  examples: Examples;
  rows?: Uint32Array;
}

const debug = debugNetwork();
const cases: Case[] = [
  { name: "Ng's debug network 3-5-3, m = 5", sizes: debug.sizes, examples: debug.examples },
  { name: '1 example, 4-3-2', sizes: [4, 3, 2], examples: syntheticExamples(1, 4, 2, 3) },
  { name: 'odd sizes 13-7-11, m = 9', sizes: [13, 7, 11], examples: syntheticExamples(9, 13, 11, 5) },
  { name: 'two hidden layers 6-5-4-3, m = 17', sizes: [6, 5, 4, 3], examples: syntheticExamples(17, 6, 3, 8) },
  { name: 'no hidden layer 7-4, m = 10', sizes: [7, 4], examples: syntheticExamples(10, 7, 4, 9) },
  {
    name: 'rows subset (with a repeat) of 30 examples, 9-6-5-4',
    sizes: [9, 6, 5, 4],
    examples: syntheticExamples(30, 9, 4, 10),
    rows: Uint32Array.of(29, 0, 13, 13, 4, 21),
  },
];

describe('vectorized agrees with loop to 1e-9 relative (cost and every gradient component)', () => {
  for (const { name, sizes, examples, rows } of cases) {
    for (const lambda of [0, 1.5]) {
      it(`${name}, λ = ${lambda}`, () => {
        const theta = initialTheta(sizes, { init: 'uniform', epsilon: 1, seed: 42 });
        const loopGrad = new Float64Array(parameterCount(sizes));
        const vecGrad = new Float64Array(parameterCount(sizes));
        const loopJ = createLoopCost(sizes, examples, lambda).evaluate(theta, loopGrad, rows);
        const vecJ = createVectorizedCost(sizes, examples, lambda).evaluate(theta, vecGrad, rows);
        expect(Math.abs(loopJ - vecJ) / loopJ).toBeLessThan(1e-9);
        expect(loopGrad.every((g) => Number.isFinite(g))).toBe(true);
        expect(worstRelativeGap(loopGrad, vecGrad)).toBeLessThan(1e-9);
      });
    }
  }
});
