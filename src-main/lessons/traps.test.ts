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
      riseSum: 0,
      fall: 5.8,
      start: 7,
      final: 1.2,
      peak: 3,
    });
  });

  it('sums the rises among the last window steps only, against the fall to the lowest J', () => {
    // Steps: −1 (outside the window of 4), −4, +1, −0.5, +0.25 → 2 rises adding to 1.25; fall 6 − 1 = 5.
    const t = costTrouble([6, 5, 1, 2, 1.5, 1.75], { window: 4, share: 0.25 });
    expect(t).toEqual({
      kind: 'oscillating',
      rises: 2,
      steps: 4,
      riseSum: 1.25,
      fall: 5,
      start: 6,
      final: 1.75,
      peak: 5,
    });
    // 1.25 < 0.3 · 5 = 1.5: the same wobble is small beside that fall.
    expect(costTrouble([6, 5, 1, 2, 1.5, 1.75], { window: 4, share: 0.3 }).kind).toBe('none');
  });

  it('with the stated rule (rises of the last 10 steps ≥ 10 % of the fall)', () => {
    // Default sgd on digits wobbles: rises 0.05 + 0.03 + 0.04 = 0.12 against a fall of 6.9 − 1.10 = 5.8.
    const wobble = [6.9, 2.3, 1.34, 1.27, 1.22, 1.16, 1.14, 1.1, 1.15, 1.12, 1.15, 1.11, 1.15, 1.1];
    expect(costTrouble(wobble)).toMatchObject({ kind: 'none', rises: 3, steps: 10 });
    expect(costTrouble(wobble).riseSum).toBeCloseTo(0.12, 12);
    // Stuck and swinging: rises 0.4 + 0.3 + 0.3 = 1.0 against a fall of 6.9 − 3.0 = 3.9 (≥ 0.39).
    const swing = [6.9, 4.4, 3.2, 3.6, 3.0, 3.3, 3.0, 3.3, 3.1, 3.1, 3.1];
    expect(costTrouble(swing)).toMatchObject({ kind: 'oscillating', rises: 3 });
    expect(costTrouble(swing).fall).toBeCloseTo(3.9, 12);
  });

  it('J above its start after it is an overshoot, a point not finite divergence', () => {
    expect(costTrouble([6.9, 19.5, 4.4, 3.2])).toMatchObject({ kind: 'overshoot', peak: 19.5, final: 3.2 });
    expect(costTrouble([6.9, 20, Infinity]).kind).toBe('diverged');
    expect(costTrouble([6.9, NaN])).toMatchObject({ kind: 'diverged', rises: 0, fall: 0 });
    expect(costTrouble([6.9])).toEqual({
      kind: 'none',
      rises: 0,
      steps: 0,
      riseSum: 0,
      fall: 0,
      start: 6.9,
      final: 6.9,
      peak: 6.9,
    });
  });

  it('refuses an empty curve and a rule that is not positive', () => {
    expect(() => costTrouble([])).toThrow('costTrouble: the cost curve has no points');
    expect(() => costTrouble([1, 2], { window: 0, share: 0.1 })).toThrow(
      'costTrouble: window must be a whole number ≥ 1 and share > 0, got 0 and 0.1',
    );
  });
});
