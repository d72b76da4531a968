/**
 * The fast cost against the loop implementation (nn/loop.ts, Ng's formulas one example at a time) on
 * 500 real MNIST digits and the full 784-25-10 network, for every cost and hidden activation: the
 * two share no code beyond model.ts, so agreement to 1e-12 checks the kernel's quadratic δ(L), tanh
 * and ReLU on real, sparse inputs. Likewise the fast judge and predictions against judge.ts and
 * predict.ts.
 */
import { describe, expect, it } from 'vitest';
import { createFastCost } from './index';
import { createFastJudge } from './judge';
import { predictFast } from './predict';
import { createJudge } from '../judge';
import { predict } from '../predict';
import { firstMismatch, makeTheta, mnistExamples } from './test-data';
import { createLoopCost } from '../loop';
import { ACTIVATIONS, COSTS } from '../model';

describe('fast against loop on 500 MNIST digits, 784-25-10, λ = 1', () => {
  const sizes = [784, 25, 10];
  const digits = mnistExamples(500);
  const theta = makeTheta(sizes, 0.12, 23);
  for (const cost of COSTS) {
    for (const activation of ACTIVATIONS) {
      it(`agrees to 1e-12: ${cost}, ${activation} hidden units`, () => {
        const model = { cost, activation };
        const expectedGrad = new Float64Array(theta.length);
        const expectedJ = createLoopCost(sizes, digits, 1, model).evaluate(theta, expectedGrad);
        for (const kernel of ['wasm', 'js'] as const) {
          const fast = createFastCost(sizes, digits, 1, { ...model, kernel, threads: 2 });
          const grad = new Float64Array(theta.length);
          const J = fast.evaluate(theta, grad);
          fast.dispose();
          expect(Math.abs(J - expectedJ) / expectedJ).toBeLessThan(1e-12);
          expect(firstMismatch(grad, expectedGrad, 1e-12)).toBe(-1);
        }
      });
    }
  }
});

describe('the fast judge and predictions of every model on 500 MNIST digits', () => {
  const sizes = [784, 25, 10];
  const digits = mnistExamples(500);
  // Large enough weights that the activations disagree on some digits' classes.
  const theta = makeTheta(sizes, 0.3, 29);
  for (const cost of COSTS) {
    for (const activation of ACTIVATIONS) {
      it(`gives judge.ts's J_cv and accuracy and predict.ts's classes: ${cost}, ${activation} hidden units`, () => {
        const model = { cost, activation };
        const expected = createJudge(sizes, digits, model)(theta);
        const expectedClasses = Array.from(predict(theta, sizes, digits.X, digits.m, model));
        const fast = createFastJudge(sizes, digits, model);
        try {
          const got = fast.judge(theta);
          expect(Math.abs(got.cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
          expect(got.accuracy).toBe(expected.accuracy);
          expect(Array.from(fast.predict(theta))).toEqual(expectedClasses);
        } finally {
          fast.dispose();
        }
        expect(Array.from(predictFast(theta, sizes, digits, activation))).toEqual(expectedClasses);
      });
    }
  }
  it('sees three different sets of classes from the three activations (so the check above has teeth)', () => {
    const classes = ACTIVATIONS.map((activation) => Array.from(predictFast(theta, sizes, digits, activation)).join(''));
    expect(new Set(classes).size).toBe(3);
  });
});
