import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { DEFAULT_DATASET } from '../run/hyperparameters';
import { feedForward } from '../nn/forward';
import { initialTheta } from '../nn/init';
import { unrollThetas } from '../nn/shape';
import { EXTREME_EXAMPLES, HISTOGRAM_BINS, hiddenActivations, hiddenUnitStats } from './unit-stats';

const LN3 = Math.log(3);

/**
 * 2-2-2: unit 1 computes g(ln3·x₁), so x₁ = 1, −1, 0, 2 give a = 3/4, 1/4, 1/2, 9/10; unit 2 has
 * bias 50 and no weights, so a = g(50) = 1 for every example (saturated, all tied).
 */
const tiny = {
  sizes: [2, 2, 2],
  theta: unrollThetas(
    [
      [
        [0, LN3, 0],
        [50, 0, 0],
      ],
      [
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ],
    ],
    [2, 2, 2],
  ),
  examples: { X: Float64Array.from([1, 0, -1, 7, 0, 0, 2, -3]), y: [1, 0, 1, 0], m: 4, n: 2 },
};

describe('hiddenUnitStats on a hand-checked 2-2-2 network', () => {
  const acts = hiddenActivations(tiny.theta, tiny.sizes, tiny.examples);

  it('ranks, bins and averages the activations 3/4, 1/4, 1/2, 9/10 of unit 1', () => {
    const s = hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 1);
    expect(s.top.map((e) => e.index)).toEqual([3, 0, 2, 1]);
    expect(s.bottom.map((e) => e.index)).toEqual([1, 2, 0, 3]);
    expect(s.top.map((e) => e.label)).toEqual([0, 1, 1, 0]);
    const expected = [0.9, 0.75, 0.5, 0.25];
    s.top.forEach((e, i) => expect(e.activation).toBeCloseTo(expected[i], 15));
    const bins = new Array(HISTOGRAM_BINS).fill(0);
    // Bins are 0.02 wide. g(ln 3) is 0.7499999999999999 in doubles, so 37.49…: bin 37; and
    // g(2 ln 3) = 0.8999999999999999 is just below the edge 0.90: bin 44, not 45.
    bins[12] = bins[25] = bins[37] = bins[44] = 1;
    expect(s.histogram).toEqual(bins);
    expect(s.mean).toBeCloseTo(0.6, 15);
    expect(s.min).toBeCloseTo(0.25, 15);
    expect(s.max).toBeCloseTo(0.9, 15);
    // a(1 − a) is 0.1875, 0.1875, 0.25, 0.09: all above 0.02.
    expect(s.saturated).toEqual({ count: 0, fraction: 0, off: 0, on: 0 });
  });

  it("reads the unit's incoming row of Θ(1) and its outgoing column of Θ(2)", () => {
    const s = hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 1);
    expect(s.bias).toBe(0);
    expect(s.incoming).toEqual([LN3, 0]);
    expect(s.outgoing).toEqual([0.2, 0.5]);
    expect(s.outgoingTo).toBe('classes');
    const t = hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 2);
    expect(t.bias).toBe(50);
    expect(t.outgoing).toEqual([0.3, 0.6]);
  });

  it('counts an all-saturated unit as saturated on every example and breaks ties by example index', () => {
    const s = hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 2);
    expect(s.saturated).toEqual({ count: 4, fraction: 1, off: 0, on: 4 });
    expect(s.top.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(s.bottom.map((e) => e.index)).toEqual([0, 1, 2, 3]);
    expect(s.top.every((e) => e.activation === 1)).toBe(true);
    expect(s.histogram[HISTOGRAM_BINS - 1]).toBe(4);
    expect(s.mean).toBe(1);
  });

  it('describes a unit from a single example, which is both its top and its bottom', () => {
    const one = { X: Float64Array.from([-1, 0]), y: [7], m: 1, n: 2 };
    const s = hiddenUnitStats(tiny.theta, hiddenActivations(tiny.theta, tiny.sizes, one), one.y, 2, 1);
    expect(s.top).toEqual(s.bottom);
    expect(s.top).toHaveLength(1);
    expect(s.top[0].index).toBe(0);
    expect(s.top[0].label).toBe(7);
    expect(s.top[0].activation).toBeCloseTo(0.25, 15);
    expect(s.mean).toBe(s.top[0].activation);
  });

  it('counts a unit stuck near 0 as saturated off (a(1 − a) < 0.02)', () => {
    const theta = unrollThetas(
      [
        [
          [-5, 0, 0],
          [-3, 0, 0],
        ],
        [
          [0, 0, 0],
          [0, 0, 0],
        ],
      ],
      [2, 2, 2],
    );
    const a = hiddenActivations(theta, tiny.sizes, tiny.examples);
    // g(−5) = 0.00669…: a(1 − a) = 0.0066 < 0.02; g(−3) = 0.0474…: a(1 − a) = 0.0452, not saturated.
    expect(hiddenUnitStats(theta, a, tiny.examples.y, 2, 1).saturated).toEqual({
      count: 4,
      fraction: 1,
      off: 4,
      on: 0,
    });
    expect(hiddenUnitStats(theta, a, tiny.examples.y, 2, 2).saturated.count).toBe(0);
  });

  /** Unit 1 computes g(w·x₁) over x₁ = 1, −1, 0, 2; unit 2 is held at z = 50 by its bias. */
  const scaled = (w: number) =>
    unrollThetas(
      [
        [
          [0, w, 0],
          [50, 0, 0],
        ],
        [
          [0, 0, 0],
          [0, 0, 0],
        ],
      ],
      [2, 2, 2],
    );

  it('tanh: saturated where 1 − a² < 0.02 (2 % of its largest slope 1), binned over [−1, 1]', () => {
    const theta = scaled(3);
    const s = hiddenUnitStats(
      theta,
      hiddenActivations(theta, tiny.sizes, tiny.examples, { cost: 'cross-entropy', activation: 'tanh' }),
      tiny.examples.y,
      2,
      1,
    );
    // z = 3, −3, 0, 6: 1 − tanh(3)² = 0.00987 and 1 − tanh(6)² = 0.0000246 are saturated; tanh(0) = 0 is not.
    expect(s.saturated).toEqual({ count: 3, fraction: 0.75, off: 1, on: 2 });
    expect([s.activation, s.histogramRange]).toEqual(['tanh', [-1, 1]]);
    // Bins 0.04 wide from −1: tanh(−3) = −0.99505 in bin 0, 0 in bin 25, tanh(3) and tanh(6) in bin 49.
    expect([s.histogram[0], s.histogram[25], s.histogram[49]]).toEqual([1, 1, 2]);
    expect(s.histogram.reduce((a, b) => a + b, 0)).toBe(4);
    // The sigmoid at the same z saturates at z = 6 only: σ(3)(1 − σ(3)) = 0.0452, σ(6)(1 − σ(6)) = 0.00247.
    const sigmoid = hiddenUnitStats(theta, hiddenActivations(theta, tiny.sizes, tiny.examples), tiny.examples.y, 2, 1);
    expect(sigmoid.saturated).toEqual({ count: 1, fraction: 0.25, off: 0, on: 1 });
  });

  it('ReLU: dead where z ≤ 0 (a = 0, g′ = 0), binned over [0, largest a]', () => {
    const theta = scaled(2);
    const acts = hiddenActivations(theta, tiny.sizes, tiny.examples, { cost: 'quadratic', activation: 'relu' });
    const s = hiddenUnitStats(theta, acts, tiny.examples.y, 2, 1);
    // z = 2, −2, 0, 4: a = 2, 0, 0, 4; the examples at z = −2 and z = 0 pass no blame.
    expect(s.saturated).toEqual({ count: 2, fraction: 0.5, off: 2, on: 0 });
    expect([s.activation, s.histogramRange, s.min, s.max, s.mean]).toEqual(['relu', [0, 4], 0, 4, 1.5]);
    // Bins 0.08 wide: 0 in bin 0 (twice), 2 in bin 25, 4 (the closed end) in bin 49.
    expect([s.histogram[0], s.histogram[25], s.histogram[49]]).toEqual([2, 1, 1]);
    // Unit 2 at z = 50 is alive on every example, however large a is.
    const held = hiddenUnitStats(theta, acts, tiny.examples.y, 2, 2);
    expect([held.saturated.count, held.histogramRange, held.histogram[49]]).toEqual([0, [0, 50], 4]);
  });

  it('refuses the input and output layers and units out of range, naming the range', () => {
    expect(() => hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 1, 1)).toThrow(/layer .*2…2, got 1/);
    expect(() => hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 3, 1)).toThrow(/2…2, got 3/);
    expect(() => hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 0)).toThrow(/unit must be 1…2 .*got 0/);
    expect(() => hiddenUnitStats(tiny.theta, acts, tiny.examples.y, 2, 3)).toThrow(/got 3/);
    expect(() => hiddenUnitStats(tiny.theta, acts, [1], 2, 1)).toThrow(/1 labels for 4 examples/);
    expect(() => hiddenActivations(tiny.theta, [2, 2], tiny.examples)).toThrow();
    expect(() => hiddenActivations(tiny.theta, tiny.sizes, { ...tiny.examples, n: 3 })).toThrow(/3 features/);
  });
});

describe('hiddenUnitStats with two hidden layers', () => {
  const sizes = [3, 4, 2, 3];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 2, seed: 5 });
  const X = Float64Array.from({ length: 5 * 3 }, (_, i) => ((i * 7) % 11) / 10);
  const examples = { X, y: [0, 1, 2, 0, 1], m: 5, n: 3 };
  const acts = hiddenActivations(theta, sizes, examples);

  it('keeps a(2) and a(3) exactly as the forward pass computes them', () => {
    for (let i = 0; i < 5; i++) {
      const a = feedForward(theta, sizes, X.subarray(i * 3, i * 3 + 3));
      expect(Array.from(acts.layers[0].subarray(i * 4, i * 4 + 4))).toEqual(Array.from(a[1]));
      expect(Array.from(acts.layers[1].subarray(i * 2, i * 2 + 2))).toEqual(Array.from(a[2]));
    }
  });

  it('sends layer 2 units to the next hidden layer and layer 3 units to the classes', () => {
    const first = hiddenUnitStats(theta, acts, examples.y, 2, 4);
    expect(first.incoming).toHaveLength(3);
    expect(first.outgoing).toEqual([theta[16 + 4], theta[16 + 5 + 4]]); // Θ(2) starts after Θ(1)'s 4×4
    expect(first.outgoingTo).toBe('units');
    const deep = hiddenUnitStats(theta, acts, examples.y, 3, 2);
    expect(deep.incoming).toEqual(Array.from(theta.subarray(16 + 5 + 1, 16 + 10)));
    expect(deep.outgoing).toHaveLength(3);
    expect(deep.outgoingTo).toBe('classes');
    expect(deep.top[0].activation).toBe(Math.max(...Array.from({ length: 5 }, (_, i) => acts.layers[1][i * 2 + 1])));
  });
});

describe('hiddenUnitStats on real digits', () => {
  const train = loadDataSplit({ ...DEFAULT_DATASET, trainSize: 1000, validationSize: 0, testSize: 0 }).train;
  const sizes = [784, 25, 10];
  const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
  const acts = hiddenActivations(theta, sizes, train);

  it('lists the 9 most and 9 least active digits, bins all 1,000 and counts saturation as the forward pass sees it', () => {
    for (const unit of [1, 7, 25]) {
      const s = hiddenUnitStats(theta, acts, train.y, 2, unit);
      expect(s.top).toHaveLength(EXTREME_EXAMPLES);
      expect(s.bottom).toHaveLength(EXTREME_EXAMPLES);
      expect(s.histogram.reduce((p, c) => p + c, 0)).toBe(1000);
      const all: number[] = [];
      let saturated = 0;
      for (let i = 0; i < train.m; i++) {
        const a = feedForward(theta, sizes, train.X.subarray(i * 784, (i + 1) * 784))[1][unit - 1];
        all.push(a);
        if (a * (1 - a) < 0.02) saturated++;
      }
      const sorted = [...all].sort((p, q) => q - p);
      expect(s.top.map((e) => e.activation)).toEqual(sorted.slice(0, 9));
      expect(s.bottom.map((e) => e.activation)).toEqual(sorted.slice(-9).reverse());
      s.top.forEach((e) => expect(e.label).toBe(train.y[e.index]));
      expect(s.saturated.count).toBe(saturated);
      expect(s.incoming).toEqual(Array.from(theta.subarray((unit - 1) * 785 + 1, unit * 785)));
    }
  });
});

describe('hiddenActivations predictions', () => {
  it('picks the class predict picks for every example', async () => {
    const { predict } = await import('../nn/predict');
    const sizes = [3, 4, 2, 3];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 3, seed: 9 });
    const X = Float64Array.from({ length: 40 * 3 }, (_, i) => ((i * 13) % 17) / 8 - 1);
    const acts = hiddenActivations(theta, sizes, { X, y: new Array(40).fill(0), m: 40, n: 3 });
    expect(Array.from(acts.predicted)).toEqual(Array.from(predict(theta, sizes, X, 40)));
  });
});
