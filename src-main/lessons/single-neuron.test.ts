import { describe, expect, it } from 'vitest';
import {
  NEURON_SETUP,
  NEURON_STARTS,
  PLATEAU_TOLERANCE,
  deltaFactors,
  fastestFall,
  neuronCost,
  neuronCostSlope,
  plateau,
  sigmoid,
  trainNeuron,
  validateNeuronSettings,
  type NeuronCurve,
} from './single-neuron';
import type { CostName } from '../nn/model';

const EPOCHS_PINNED = [0, 1, 10, 50, 100, 150, 200, 250, 300];

/**
 * Computed independently with python3 and numpy 2.4.6, not with this module:
 *   w, b = start; for e in range(301): a = 1/(1+np.exp(-(w*1.0+b))); record a and
 *   (a-0)**2/2 (quadratic) or -np.log(1-a) (cross-entropy); d = (a-0)*a*(1-a) (quadratic) or (a-0);
 *   w -= 0.15*d*1.0; b -= 0.15*d
 * then the output and the cost at epochs 0, 1, 10, 50, 100, 150, 200, 250, 300, w and b after epoch 300,
 * the plateau as np.argmax(np.abs(o - o[0]) >= 0.05) and the fastest fall as np.argmax(C[:-1] - C[1:]) + 1.
 */
const NUMPY: Record<
  string,
  { output: number[]; cost: number[]; w: number; b: number; plateau: number; fastest: number }
> = {
  '0.6/0.9 quadratic': {
    output: [
      0.8175744761936437, 0.8120549687507373, 0.7517928487669856, 0.3870104444197765, 0.21099625384384169,
      0.15273988563341825, 0.12374742131804588, 0.10605578302487086, 0.09395569486364724,
    ],
    cost: [
      0.3342140120616554, 0.3297166361363805, 0.2825962437285898, 0.07488854204499645, 0.02225970956806744,
      0.011664736331654844, 0.007656712141432978, 0.005623914556509243, 0.004413836298655395,
    ],
    w: -1.2831324334215497,
    b: -0.9831324334215481,
    plateau: 8,
    fastest: 20,
  },
  '0.6/0.9 cross-entropy': {
    output: [
      0.8175744761936437, 0.7781171682627714, 0.40752278113657664, 0.07921463725832537, 0.03712553453679391,
      0.02406516132774678, 0.017765298571552676, 0.014067187096687634, 0.011638208968903722,
    ],
    cost: [
      1.7014132779827524, 1.505605821404808, 0.5234428558876961, 0.08252831794138994, 0.03783223345577314,
      0.024359458453314924, 0.01792499569316496, 0.014167067772901248, 0.01170646300958047,
    ],
    w: -2.370877627079573,
    b: -2.0708776270795703,
    plateau: 2,
    fastest: 1,
  },
  '2/2 quadratic': {
    output: [
      0.9820137900379085, 0.9819216511431202, 0.9810492511957554, 0.9759333969488284, 0.9641308469979145,
      0.933417472557329, 0.7887362969954184, 0.3572118293840026, 0.2028484242677765,
    ],
    cost: [
      0.48217554191230866, 0.48208506449181576, 0.48122881663587613, 0.4762229976400397, 0.46477414506645803,
      0.435634089037656, 0.3110524730990224, 0.06380014552593288, 0.020573741613959928,
    ],
    w: -0.684292910952007,
    b: -0.684292910952007,
    plateau: 152,
    fastest: 215,
  },
  '2/2 cross-entropy': {
    output: [
      0.9820137900379085, 0.9759996979907221, 0.7751041952887352, 0.09850392651381705, 0.04107222765599009,
      0.02568537837575269, 0.01863830268860559, 0.01461091455042494, 0.012008741510817504,
    ],
    cost: [
      4.01814992791781, 3.7296888649934514, 1.4921180742092421, 0.10369959188215729, 0.04193952253046222,
      0.026021007351279997, 0.0188141847089258, 0.014718705197494178, 0.012081428956423924,
    ],
    w: -2.2050195031002833,
    b: -2.2050195031002833,
    plateau: 5,
    fastest: 1,
  },
};

function train(start: { w: number; b: number }, cost: CostName): NeuronCurve {
  return trainNeuron(cost, { ...start, rate: NEURON_SETUP.rate, epochs: NEURON_SETUP.epochs });
}

describe("Nielsen's single neuron", () => {
  it('is set up as in chapter 3: x = 1, y = 0, η = 0.15, 300 epochs, from (0.6, 0.9) and (2, 2)', () => {
    expect(NEURON_SETUP).toEqual({ input: 1, target: 0, rate: 0.15, epochs: 300 });
    expect(NEURON_STARTS).toEqual([
      { w: 0.6, b: 0.9 },
      { w: 2, b: 2 },
    ]);
    expect(PLATEAU_TOLERANCE).toBe(0.05);
  });

  for (const start of NEURON_STARTS) {
    for (const cost of ['quadratic', 'cross-entropy'] as const) {
      const key = `${start.w}/${start.b} ${cost}`;
      it(`${key}: output, cost, w and b agree with numpy`, () => {
        const curve = train(start, cost);
        const want = NUMPY[key];
        expect(curve.output).toHaveLength(301);
        expect(curve.costs).toHaveLength(301);
        EPOCHS_PINNED.forEach((e, i) => {
          expect(curve.output[e]).toBeCloseTo(want.output[i], 13);
          expect(curve.costs[e]).toBeCloseTo(want.cost[i], 13);
        });
        expect(curve.w[300]).toBeCloseTo(want.w, 12);
        expect(curve.b[300]).toBeCloseTo(want.b, 12);
        expect(plateau(curve)).toEqual({ epochs: want.plateau, ended: true });
        expect(fastestFall(curve).epoch).toBe(want.fastest);
      });
    }
  }

  // The facts the issue quotes from Nielsen, as checks on the computed numbers.
  it('from w = 0.6, b = 0.9 the quadratic cost takes the output from 0.82 to about 0.09', () => {
    const q = train(NEURON_STARTS[0], 'quadratic');
    expect(q.output[0]).toBeCloseTo(0.82, 2);
    expect(q.output[300]).toBeCloseTo(0.09, 2);
  });

  it('from w = b = 2 the quadratic output starts at 0.98 and barely moves for about 150 epochs', () => {
    const q = train(NEURON_STARTS[1], 'quadratic');
    expect(q.output[0]).toBeCloseTo(0.98, 2);
    // Within 0.05 of its start for 152 epochs; after 150 epochs it has moved less than 0.05.
    const p = plateau(q);
    expect(p.epochs).toBeGreaterThanOrEqual(140);
    expect(p.epochs).toBeLessThanOrEqual(160);
    expect(q.output[0] - q.output[150]).toBeLessThan(PLATEAU_TOLERANCE);
    // And it learns fastest only long after, not at the start.
    expect(fastestFall(q).epoch).toBeGreaterThan(150);
  });

  it('cross-entropy from w = b = 2 has no plateau: it learns fastest in the first epoch', () => {
    const q = train(NEURON_STARTS[1], 'quadratic');
    const x = train(NEURON_STARTS[1], 'cross-entropy');
    expect(fastestFall(x).epoch).toBe(1);
    expect(plateau(x).epochs).toBeLessThan(plateau(q).epochs / 25);
    // The first step's gradient differs by exactly the factor σ′(z) the cross-entropy cancels.
    const a = x.output[0];
    expect(deltaFactors('quadratic', a, 0).delta / deltaFactors('cross-entropy', a, 0).delta).toBeCloseTo(
      a * (1 - a),
      15,
    );
  });

  it('a plateau that outlasts the epochs says so', () => {
    const q = trainNeuron('quadratic', { w: 2, b: 2, rate: 0.15, epochs: 100 });
    expect(plateau(q)).toEqual({ epochs: 100, ended: false });
  });
});

describe('δ(L) as its chain-rule factors', () => {
  it('cross-entropy: ∂C/∂a·g′(z) = a − y, the g′ cancels', () => {
    // a = 0.9, y = 0: ∂C/∂a = 0.9/(0.9·0.1) = 10, g′ = 0.09, δ = 0.9.
    const f = deltaFactors('cross-entropy', 0.9, 0);
    expect(f.costSlope).toBeCloseTo(10, 12);
    expect(f.activationSlope).toBeCloseTo(0.09, 15);
    expect(f.delta).toBe(0.9);
    expect(f.costSlope * f.activationSlope).toBeCloseTo(f.delta, 14);
  });

  it('quadratic: ∂C/∂a = a − y and g′ stays: δ = (a − y)·a(1 − a)', () => {
    const f = deltaFactors('quadratic', 0.9, 0);
    expect(f.costSlope).toBe(0.9);
    expect(f.delta).toBeCloseTo(0.081, 15);
    // Target 1 and output 0.25: (−0.75)·0.1875.
    expect(deltaFactors('quadratic', 0.25, 1).delta).toBeCloseTo(-0.140625, 15);
  });

  it('cross-entropy keeps δ = a − y where a(1 − a) rounds to 0', () => {
    const a = sigmoid(40); // exactly 1 in doubles
    expect(a).toBe(1);
    expect(deltaFactors('cross-entropy', a, 0).delta).toBe(1);
    expect(deltaFactors('quadratic', a, 0).delta).toBe(0);
  });

  it('each cost beside its slope: a central difference of C in a agrees', () => {
    for (const cost of ['quadratic', 'cross-entropy'] as const) {
      for (const [a, y] of [
        [0.3, 0],
        [0.7, 1],
      ]) {
        const h = 1e-6;
        const numeric = (neuronCost(cost, a + h, y) - neuronCost(cost, a - h, y)) / (2 * h);
        expect(numeric).toBeCloseTo(neuronCostSlope(cost, a, y), 8);
      }
    }
    expect(neuronCost('cross-entropy', 0.25, 1)).toBeCloseTo(Math.log(4), 15);
    expect(neuronCost('quadratic', 0.25, 1)).toBe(0.28125);
  });
});

describe('bad settings', () => {
  it.each([
    [{ w: Number.NaN, b: 0, rate: 0.15, epochs: 300 }, 'starting w must be a number from −1000 to 1000, got NaN'],
    [{ w: 0, b: 5000, rate: 0.15, epochs: 300 }, 'starting b must be a number from −1000 to 1000, got 5000'],
    [{ w: 0, b: 0, rate: 0, epochs: 300 }, 'the learning rate η must be greater than 0 and at most 1000, got 0'],
    [{ w: 0, b: 0, rate: 0.15, epochs: 2.5 }, 'epochs must be a whole number from 1 to 100000, got 2.5'],
  ])('%o is refused naming the setting', (settings, message) => {
    expect(() => validateNeuronSettings(settings)).toThrow(message);
    expect(() => trainNeuron('quadratic', settings)).toThrow(message);
  });
});
