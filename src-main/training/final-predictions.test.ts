import { describe, expect, it } from 'vitest';
import { loadBundledDigits } from '../data/mnist';
import { subset } from '../data/subset';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import { predict } from '../nn/predict';
import { createFastCost } from '../nn/fast';
import { CHUNK_EXAMPLES, predictFast } from '../nn/fast/predict';
import { makeExamples, makeTheta } from '../nn/fast/test-data';

// A run's final predictions use the fast kernel's forward pass (nn/fast/predict.ts), which must choose
// the same class as the reference predict.ts for every example: the run's accuracies and confusion
// matrix are computed with it.
describe('predictFast', () => {
  const digits = loadBundledDigits();
  const rows = Array.from({ length: 2000 }, (_, i) => (i * 4999) % digits.m);
  const some = subset(digits, rows);
  const sizes = [784, 25, 10];

  it('gives the classes predict.ts gives, for a trained Θ on real digits', () => {
    const f = createFastCost(sizes, some, 1);
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const { theta } = minimizeSync(f, theta0, {
      optimizer: 'cg',
      iterations: 15,
      batchSize: 1,
      learningRate: 1,
      momentum: 0,
      seed: 1,
    });
    const expected = predict(theta, sizes, some.X, some.m);
    // Trained for real: most of the 2,000 are right, and not every prediction is one class.
    const right = expected.filter((p, i) => p === some.y[i]).length;
    expect(right).toBeGreaterThan(1400);
    expect(Array.from(predictFast(theta, sizes, some))).toEqual(Array.from(expected));
    // The cost function's own examples, already in the kernel's layout, give the same.
    expect(Array.from(f.predict!(theta))).toEqual(Array.from(expected));
    f.dispose();
  });

  it('agrees on a deeper network with random Θ, and on dense inputs that take the reference path', () => {
    const deep = [784, 16, 12, 10];
    const theta = makeTheta(deep, 0.3);
    expect(Array.from(predictFast(theta, deep, some))).toEqual(Array.from(predict(theta, deep, some.X, some.m)));
    const dense = makeExamples([30, 5, 4], 300, 'dense');
    const small = makeTheta([30, 5, 4], 1);
    const classes = predictFast(small, [30, 5, 4], dense);
    expect(Array.from(classes)).toEqual(Array.from(predict(small, [30, 5, 4], dense.X, dense.m)));
    expect(new Set(classes).size).toBeGreaterThan(1);
  });

  it('reuses its one memory across calls of other sizes and networks, and still gives predict.ts’s classes', () => {
    // Larger, then smaller with another network (stale inputs and header left behind), then larger again
    // (the memory grows): each call must read only what it wrote.
    const few = subset(digits, rows.slice(0, 150));
    const calls: [number[], typeof some][] = [
      [sizes, some],
      [[784, 16, 12, 10], few],
      [[784, 40, 10], digits],
      [sizes, few],
    ];
    for (const [net, examples] of calls) {
      const theta = makeTheta(net, 2);
      const expected = predict(theta, net, examples.X, examples.m);
      expect(new Set(expected).size).toBeGreaterThan(1);
      expect(Array.from(predictFast(theta, net, examples))).toEqual(Array.from(expected));
    }
  });

  it('gives predict.ts’s classes at the edges of its chunks of CHUNK_EXAMPLES inputs (1, a chunk, a chunk and one)', () => {
    const theta = makeTheta(sizes, 2);
    for (const count of [1, CHUNK_EXAMPLES - 1, CHUNK_EXAMPLES, CHUNK_EXAMPLES + 1, 3 * CHUNK_EXAMPLES]) {
      const examples = subset(digits, rows.slice(0, count));
      expect(Array.from(predictFast(theta, sizes, examples))).toEqual(
        Array.from(predict(theta, sizes, examples.X, examples.m)),
      );
    }
    expect(CHUNK_EXAMPLES).toBe(64);
  });

  it('returns nothing for no examples and refuses a Θ of the wrong length', () => {
    expect(
      predictFast(makeTheta(sizes), sizes, { X: new Float64Array(0), y: new Uint8Array(0), m: 0, n: 784 }),
    ).toHaveLength(0);
    expect(() => predictFast(new Float64Array(5), sizes, some)).toThrow(
      'θ must hold 19885 parameters for layers 784-25-10, got 5',
    );
  });
});
