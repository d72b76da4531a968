import { describe, expect, it } from 'vitest';
import { TRAPS, type RunDetail } from '../../../../src-main/api/table';
import { seriesColor } from '../../lib/chart';
import { rateRow, saturationRow, trapCurves, vanishingRow } from './trap-view';

const snap = (iteration: number, layers: [number, number, number][]) => ({
  iteration,
  layers: layers.map(([layer, biasGradientNorm, saturatedFraction]) => ({
    layer,
    gradientNorm: 1,
    biasGradientNorm,
    updateRatio: null,
    saturatedFraction,
    weights: [],
    activations: [],
    deltas: [],
  })),
});

describe('trap read-outs of stored runs', () => {
  it('vanishing: the first snapshot’s hidden bias gradients and first / last', () => {
    const health = [
      snap(10, [
        [2, 0.5, 0],
        [3, 0.5, 0],
        [4, 1, 0],
      ]),
      snap(0, [
        [2, 0.001, 0],
        [3, 0.01, 0],
        [4, 0.1, 0],
        [5, 1.2, 0],
      ]),
    ];
    const row = vanishingRow({ health });
    expect(row?.iteration).toBe(0);
    expect(row?.hidden.map((h) => h.norm)).toEqual([0.001, 0.01, 0.1]);
    expect(row?.ratio).toBeCloseTo(0.01, 15);
    expect(vanishingRow({ health: [] })).toBeNull();
  });

  it('saturation: layer 2 at the first and last snapshot, J read at k', () => {
    const health = [
      snap(0, [
        [2, 1, 0.66],
        [3, 1, 0.2],
      ]),
      snap(20, [
        [2, 1, 0.8],
        [3, 1, 0.6],
      ]),
    ];
    const row = saturationRow({ health, history: { iteration: [0, 1, 2, 5, 6], cost: [16, 8, 7, 6, 5] } }, 5);
    expect(row).toMatchObject({ start: 0.66, end: 0.8, endIteration: 20 });
    expect(row.curve).toMatchObject({ start: 16, iteration: 5, cost: 6, remaining: 0.375, halvedAt: 1 });
  });

  it('learning rate: the curve read by the detector, a run stopped on Infinity diverged', () => {
    const history = { iteration: [0, 1, 2], cost: [6.9, 18.3, 141.8] };
    expect(rateRow({ run: { status: 'finished', failureReason: null }, history })?.kind).toBe('overshoot');
    const failed = {
      status: 'failed' as const,
      failureReason: 'sgd: the cost became Infinity in epoch 5, evaluation 55 (a smaller learningRate usually helps)',
    };
    expect(rateRow({ run: failed, history })).toMatchObject({ kind: 'diverged', peak: 141.8, start: 6.9 });
    expect(rateRow({ run: null, history: null })).toBeNull();
    expect(TRAPS['learning-rate'].runs.map((r) => r.hyperparameters.learningRate)).toEqual([0.5, 5, 20]);
  });
});

describe('trapCurves', () => {
  it('draws one curve per member that has a run, in the colour of its place in the set', () => {
    const [first, second, third] = TRAPS['learning-rate'].runs;
    const run = (id: number) => ({ id }) as RunDetail;
    const curves = trapCurves([
      { plan: first, run: run(7), history: { runId: 7, iteration: [0, 1], cost: [6.9, 3.2], elapsedMs: [0, 4] } },
      { plan: second, run: null, history: null },
      { plan: third, run: run(9), history: null },
    ]);
    expect(curves).toEqual([
      {
        id: 7,
        label: first.label,
        color: seriesColor(0),
        points: [
          { x: 0, y: 6.9 },
          { x: 1, y: 3.2 },
        ],
      },
      { id: 9, label: third.label, color: seriesColor(2), points: [] },
    ]);
    expect(seriesColor(2)).not.toBe(seriesColor(0));
  });
});
