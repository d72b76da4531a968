import { describe, expect, it } from 'vitest';
import { parseHyperparameters } from '../run/hyperparameters';
import { biasGradients, costTrouble, firstSnapshot, saturatedOf, TRAP_IDS, TRAPS } from './traps';

const layer = (l: number, biasGradientNorm: number, saturatedFraction = 0) => ({
  layer: l,
  biasGradientNorm,
  saturatedFraction,
});

describe('trap plans', () => {
  it('each run differs from its trap’s first run in the setting the trap is about, and parses', () => {
    for (const id of TRAP_IDS) {
      for (const run of TRAPS[id].runs) expect(() => parseHyperparameters(run.hyperparameters)).not.toThrow();
    }
    expect(TRAPS.vanishing.runs.map((r) => r.hyperparameters.hiddenLayers)).toEqual([
      [30, 30, 30],
      [30, 30, 30],
      [30, 30, 30],
      [30, 30, 30],
    ]);
    expect(parseHyperparameters(TRAPS.vanishing.runs[2].hyperparameters).epsilon).toBe('per-layer');
    expect(parseHyperparameters(TRAPS.vanishing.runs[3].hyperparameters).epsilon).toBe('he');
    expect(TRAPS.saturation.runs.map((r) => r.hyperparameters.epsilon)).toEqual([0.12, 2, 5]);
    expect(TRAPS['learning-rate'].runs.map((r) => r.hyperparameters.optimizer)).toEqual(['sgd', 'sgd', 'sgd']);
  });
});

describe('bias-gradient read-out', () => {
  it("takes the hidden layers in order and divides the first's norm by the last's", () => {
    // Nielsen's three hidden layers: 0.012 / 0.283 = 0.042402826855…
    const read = biasGradients([layer(4, 0.283), layer(2, 0.012), layer(5, 1.5), layer(3, 0.06)]);
    expect(read.hidden).toEqual([
      { layer: 2, norm: 0.012 },
      { layer: 3, norm: 0.06 },
      { layer: 4, norm: 0.283 },
    ]);
    expect(read.ratio).toBeCloseTo(0.0424028269, 9);
  });

  it('has no ratio with one hidden layer or a last norm of 0, and refuses a lone layer', () => {
    expect(biasGradients([layer(2, 0.5), layer(3, 1)]).ratio).toBeNull();
    expect(biasGradients([layer(2, 0.5), layer(3, 0), layer(4, 1)]).ratio).toBeNull();
    expect(() => biasGradients([layer(2, 1)])).toThrow('need a hidden and an output layer, got 1 layer(s)');
  });

  it('reads the earliest snapshot and one layer’s saturated fraction', () => {
    expect(firstSnapshot([{ iteration: 5 }, { iteration: 0 }, { iteration: 10 }])).toEqual({ iteration: 0 });
    expect(firstSnapshot([])).toBeNull();
    expect(saturatedOf([layer(2, 1, 0.66), layer(3, 1, 0.1)])).toBe(0.66);
    expect(saturatedOf([layer(2, 1, 0.66), layer(3, 1, 0.1)], 3)).toBe(0.1);
    expect(saturatedOf([layer(2, 1, 0.66)], 4)).toBeNull();
  });
});

describe('oscillation detector', () => {
  it('a falling curve is healthy', () => {
    expect(costTrouble([7, 3, 2, 1.5, 1.2])).toEqual({
      kind: 'none',
      rises: 0,
      steps: 4,
      start: 7,
      final: 1.2,
      largestRise: 0,
    });
  });

  it('counts the rises among the last window steps only', () => {
    // Steps: +1 (outside the window of 4), −2, +3, −1, +0.5 → rises 2 of 4, the largest 3.
    const t = costTrouble([1, 2, 0, 3, 2, 2.5], { window: 4, rises: 2 });
    expect(t).toEqual({ kind: 'oscillating', rises: 2, steps: 4, start: 1, final: 2.5, largestRise: 3 });
    expect(costTrouble([1, 2, 0, 3, 2, 2.5], { window: 4, rises: 3 }).kind).toBe('above-start');
  });

  it('with the stated rule (3 rises in the last 10 steps)', () => {
    const zigzag = [6.9, 4, 5, 3.5, 4.5, 3, 4, 3.2, 3.1, 3, 2.9];
    expect(costTrouble(zigzag)).toMatchObject({ kind: 'oscillating', rises: 3, steps: 10, largestRise: 1 });
    expect(costTrouble([6.9, 4, 5, 3.5, 3.4, 3, 2.9])).toMatchObject({ kind: 'none', rises: 1 });
  });

  it('a point that is not finite is divergence, a single point a curve without steps', () => {
    expect(costTrouble([6.9, 20, Infinity]).kind).toBe('diverged');
    expect(costTrouble([6.9, NaN]).kind).toBe('diverged');
    expect(costTrouble([6.9])).toEqual({ kind: 'none', rises: 0, steps: 0, start: 6.9, final: 6.9, largestRise: 0 });
  });

  it('refuses an empty curve and a rule that is not whole numbers ≥ 1', () => {
    expect(() => costTrouble([])).toThrow('costTrouble: the cost curve has no points');
    expect(() => costTrouble([1, 2], { window: 0, rises: 1 })).toThrow(
      'costTrouble: window and rises must be whole numbers ≥ 1, got 0 and 1',
    );
  });
});
