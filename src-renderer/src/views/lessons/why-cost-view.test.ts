import { describe, expect, it } from 'vitest';
import { compareCosts, epochPoints, largestDeltaDifference, mostWrongUnit, outputUnitRows } from './why-cost-view';

describe('why this cost: the output units of one example', () => {
  // Three output units, target class 2: a = (0.1, 0.7, 0.02), y = (0, 0, 1).
  const view = { a: [[0.5], [0.1, 0.7, 0.02]], delta: [[0.1, 0.7, -0.98]], label: 2 };

  it('splits δ(L) into ∂J/∂a · g′(z) for both costs', () => {
    const rows = outputUnitRows(view);
    expect(rows.map((r) => r.y)).toEqual([0, 0, 1]);
    // Cross-entropy: δ = a − y.
    expect(rows.map((r) => r.crossEntropy.delta)).toEqual([0.1, 0.7, 0.02 - 1]);
    // Quadratic: (a − y)·a(1 − a), numpy: [0.009, 0.147, -0.019208].
    const quadratic = rows.map((r) => r.quadratic.delta);
    [0.009, 0.147, -0.019208].forEach((v, k) => expect(quadratic[k]).toBeCloseTo(v, 15));
    expect(rows[1].crossEntropy.costSlope).toBeCloseTo(0.7 / 0.21, 14);
    expect(rows[1].crossEntropy.activationSlope).toBeCloseTo(0.21, 15);
  });

  it('finds the most wrong unit and how closely the lab’s δ is a − y', () => {
    const rows = outputUnitRows(view);
    expect(mostWrongUnit(rows)?.unit).toBe(2); // |0.02 − 1| = 0.98
    expect(mostWrongUnit([])).toBeNull();
    expect(largestDeltaDifference(rows)).toBeCloseTo(0, 15);
    expect(largestDeltaDifference(outputUnitRows({ ...view, delta: [[0.1, 0.75, -0.98]] }))).toBeCloseTo(0.05, 15);
    // Against the quadratic δ (0.009, 0.147, −0.019208) the cross-entropy's δ is off by 0.98 − 0.019208.
    expect(largestDeltaDifference(rows, 'quadratic')).toBeCloseTo(0.960792, 15);
  });
});

describe("why this cost: Nielsen's neuron under both costs", () => {
  it('from w = b = 2: the quadratic plateau, cross-entropy at once, first steps a factor σ′(z) apart', () => {
    const c = compareCosts({ w: 2, b: 2, rate: 0.15, epochs: 300 }, 150);
    expect(c.z).toBe(4);
    // numpy: σ(4)·(1 − σ(4)) = 0.017662706213291107; first steps −0.15·a·σ′ and −0.15·a.
    expect(c.slope).toBeCloseTo(0.017662706213291107, 15);
    expect(c.quadratic.firstStep).toBeCloseTo(-0.002601753160626017, 15);
    expect(c.crossEntropy.firstStep).toBeCloseTo(-0.14730206850568625, 15);
    expect(c.quadratic.plateau).toEqual({ epochs: 152, ended: true });
    expect(c.crossEntropy.plateau).toEqual({ epochs: 5, ended: true });
    expect(c.quadratic.fastest.epoch).toBe(215);
    expect(c.crossEntropy.fastest.epoch).toBe(1);
    // numpy (single-neuron.test.ts): outputs after 150 and 300 epochs.
    expect(c.readAt).toBe(150);
    expect(c.quadratic.outputAt).toBeCloseTo(0.933417472557329, 13);
    expect(c.quadratic.movedAt).toBeCloseTo(0.933417472557329 - 0.9820137900379085, 13);
    expect(c.crossEntropy.outputAt).toBeCloseTo(0.02568537837575269, 13);
    expect(c.quadratic.outputEnd).toBeCloseTo(0.2028484242677765, 13);
    expect(c.crossEntropy.outputEnd).toBeCloseTo(0.012008741510817504, 13);
  });

  it('reads at an epoch within the training and refuses bad settings by name', () => {
    expect(compareCosts({ w: 0.6, b: 0.9, rate: 0.15, epochs: 300 }, 1000).readAt).toBe(300);
    expect(() => compareCosts({ w: 0.6, b: 0.9, rate: -1, epochs: 300 }, 10)).toThrow('the learning rate η');
  });
});

describe('why this cost: chart points', () => {
  it('keeps every epoch of a short curve and thins a long one, ending on the last epoch', () => {
    expect(epochPoints([3, 2, 1])).toEqual([
      { x: 0, y: 3 },
      { x: 1, y: 2 },
      { x: 2, y: 1 },
    ]);
    const long = Array.from({ length: 2501 }, (_, e) => e);
    const points = epochPoints(long, 1000);
    expect(points.slice(0, 3).map((p) => p.x)).toEqual([0, 3, 6]);
    expect(points.at(-1)).toEqual({ x: 2500, y: 2500 });
    expect(points).toHaveLength(835);
  });
});
