import { describe, expect, it } from 'vitest';
import { checkGradientSum, explainExample, gradientStep, oneStep } from './backprop';
import { createLoopCost } from '../nn/loop';
import { feedForward } from '../nn/forward';
import { syntheticExamples } from '../nn/synthetic';
import { parameterCount, rollThetas, type LayerSizes } from '../nn/shape';
import { sigmoid } from '../nn/activation';
import type { Examples } from '../nn/cost';

// A 2-2-2 network worked by hand (and checked with NumPy 2.4, a literal transcription of ex4's steps):
// Θ(1) = [0.1 0.3 −0.5; −0.2 0.4 0.6], Θ(2) = [0.7 −0.3 0.2; −0.1 0.5 −0.4], x = [1, 0.5], y = class 1.
const tinyTheta = Float64Array.of(0.1, 0.3, -0.5, -0.2, 0.4, 0.6, 0.7, -0.3, 0.2, -0.1, 0.5, -0.4);
const tinyX = Float64Array.of(1, 0.5);

function expectClose(actual: ArrayLike<number>, expected: readonly number[], digits = 15): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

describe('explainExample on a 2-2-2 network worked by hand', () => {
  const e = explainExample(tinyTheta, [2, 2, 2], tinyX, 1);

  it('forward: z(2) = Θ(1)·[1; x], a(2) = g(z(2)), z(3), a(3) = h(x)', () => {
    expectClose(e.a[0], [1, 0.5]);
    expectClose(e.z[0], [0.15, 0.5]);
    expectClose(e.a[1], [0.5374298453437496, 0.6224593312018546]);
    expectClose(e.z[1], [0.663262912637246, -0.08026880980886705]);
    expectClose(e.a[2], [0.6599929751737496, 0.4799435651624627]);
    expect(e.predicted).toBe(0);
    expect(e.label).toBe(1);
  });

  it('errors: δ(3) = a(3) − y, δ(2) = (Θ(2)ᵀδ(3)) .* g′(z(2)) with both factors', () => {
    expectClose(e.delta[1], [0.6599929751737496, -0.5200564348375373]);
    expectClose(e.backpropagated[0], [-0.4580261099708935, 0.34002116896976486]);
    expectClose(e.slope[0], [
      0.5374298453437496 * (1 - 0.5374298453437496),
      0.6224593312018546 * (1 - 0.6224593312018546),
    ]);
    expectClose(e.delta[0], [-0.11386483597114319, 0.07990623693502034]);
  });

  it('gradient δ(l+1)·[1; a(l)]ᵀ and the unregularized cost', () => {
    const [g1, g2] = rollThetas(e.grad, [2, 2, 2]);
    expectClose(g1[0], [-0.11386483597114319, -0.11386483597114319, -0.056932417985571596]);
    expectClose(g1[1], [0.07990623693502034, 0.07990623693502034, 0.03995311846751017]);
    expectClose(g2[0], [0.6599929751737496, 0.3546999225755894, 0.4108187859245744]);
    expectClose(g2[1], [-0.5200564348375373, -0.27949384934475946, -0.32371398061619433]);
    expect(e.cost).toBeCloseTo(1.8128757549022934, 14);
  });

  it('one step with α = 1 moves a(3) toward y and lowers the cost to the hand-computed values', () => {
    const step = oneStep(tinyTheta, [2, 2, 2], tinyX, 1);
    expectClose(step.after.a[2], [0.38341670571767195, 0.6992420518561316]);
    expect(step.after.cost).toBeCloseTo(0.841320170813586, 14);
    expect(step.before.cost).toBe(e.cost);
    expect(step.theta[0]).toBeCloseTo(0.1 + 0.11386483597114319, 15);
  });

  it('"what if the label were 0": δ(3) and everything below change, the forward pass does not', () => {
    const other = explainExample(tinyTheta, [2, 2, 2], tinyX, 0);
    expect(other.a[2]).toEqual(e.a[2]);
    expectClose(other.delta[1], [0.6599929751737496 - 1, 0.4799435651624627]);
    expect(other.cost).toBeCloseTo(-Math.log(0.6599929751737496) - Math.log(1 - 0.4799435651624627), 14);
  });
});

describe("explainExample equals loop.ts's own numbers", () => {
  const cases: [string, LayerSizes][] = [
    ['1 hidden layer', [6, 5, 3]],
    ['2 hidden layers', [6, 5, 4, 3]],
  ];
  describe.each(cases)('%s', (_name, sizes) => {
    const examples = syntheticExamples(9, 6, sizes[sizes.length - 1], 5);
    const theta = Float64Array.from({ length: parameterCount(sizes) }, (_, i) => Math.sin(3 * i + 1) * 0.8);

    it.each([0, 3, 8])(
      'example %i: the gradient and cost of the loop cost over that example alone (m = 1, λ = 0)',
      (t) => {
        const x = examples.X.subarray(t * 6, t * 6 + 6);
        const e = explainExample(theta, sizes, Float64Array.from(x), examples.y[t]);
        const grad = new Float64Array(theta.length);
        const J = createLoopCost(sizes, examples, 0).evaluate(theta, grad, Uint32Array.of(t));
        expect(e.grad).toEqual(grad);
        expect(e.cost).toBe(J);
        const forward = feedForward(theta, sizes, Float64Array.from(x));
        forward.forEach((a, l) => expect(e.a[l]).toEqual(a));
        // z is what g turns into a, and δ(L) = a(L) − y
        e.z.forEach((z, l) => z.forEach((v, j) => expect(sigmoid(v)).toBe(e.a[l + 1][j])));
        const h = e.a[sizes.length - 1];
        e.delta[e.delta.length - 1].forEach((d, k) => expect(d).toBe(h[k] - (k === examples.y[t] ? 1 : 0)));
        expect(e.delta.length).toBe(sizes.length - 1);
        expect(e.backpropagated.length).toBe(sizes.length - 2);
      },
    );

    it.each([0, 3])('the per-example gradients add up to the loop and vectorized gradient with λ = %i', (lambda) => {
      const check = checkGradientSum(theta, sizes, examples, lambda);
      expect(check.relativeDifference).toBeLessThan(1e-12);
      const loop = new Float64Array(theta.length);
      createLoopCost(sizes, examples, lambda).evaluate(theta, loop);
      for (let i = 0; i < loop.length; i++) {
        expect(Math.abs(check.summed[i] - loop[i])).toBeLessThanOrEqual(1e-12 * Math.abs(loop[i]) + 1e-300);
      }
      expect(check.maxAbsDifference).toBeLessThan(1e-15);
      expect(check.m).toBe(9);
    });
  });

  it('works for other input sizes and a network without hidden layers', () => {
    const examples: Examples = syntheticExamples(4, 3, 2, 9);
    const theta = Float64Array.from({ length: 8 }, (_, i) => i / 10 - 0.3);
    const e = explainExample(theta, [3, 2], examples.X.subarray(0, 3), examples.y[0]);
    expect(e.backpropagated).toEqual([]);
    expect(e.delta.length).toBe(1);
    expect(checkGradientSum(theta, [3, 2], examples, 1).relativeDifference).toBeLessThan(1e-12);
  });
});

describe('bad input is refused with a message naming it', () => {
  it('an input of the wrong size, a label out of range, a non-finite input, a bad learning rate', () => {
    expect(() => explainExample(tinyTheta, [2, 2, 2], Float64Array.of(1), 0)).toThrow(
      'the example has 1 inputs but the network expects 2',
    );
    expect(() => explainExample(tinyTheta, [2, 2, 2], tinyX, 2)).toThrow('label must be a class 0…1, got 2');
    expect(() => explainExample(tinyTheta, [2, 2, 2], Float64Array.of(1, NaN), 0)).toThrow(
      'input 1 of the example is NaN',
    );
    expect(() => gradientStep(tinyTheta, tinyTheta, 0)).toThrow('the learning rate must be a finite number > 0, got 0');
  });
});
