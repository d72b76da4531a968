import { describe, expect, it } from 'vitest';
import { loadDataSplit } from '../data/load';
import { initialTheta } from '../nn/init';
import { createVectorizedCost } from '../nn/vectorized';
import { HEALTH_PERCENTILES } from '../nn/health';
import { labPerTest, quickRun, SMALL_DATA, statusOf } from './testing/harness';

const labs = labPerTest();

describe('training health from a real training process', () => {
  it('is stored at every snapshot, per layer, with the gradient the optimizer follows', async () => {
    const lab = labs.open();
    const id = lab.supervisor.start(quickRun());
    await lab.waitFor(`run ${id} finished`, statusOf(id, 'finished'), 60_000);

    const run = lab.store.getRun(id);
    const [{ runId, health }] = lab.store.getHealth([id]);
    expect(runId).toBe(id);
    // Start, then 10 CG iterations ≤ 20 snapshots: one health entry per snapshot, at the same iterations.
    expect(health.map((h) => h.iteration)).toEqual(run.snapshots.map((s) => s.iteration));
    expect(health.map((h) => h.iteration)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const h of health) {
      expect(h.layers.map((l) => l.layer)).toEqual([2, 3]);
      for (const l of h.layers) {
        for (const bands of [l.weights, l.activations, l.deltas]) {
          expect(bands).toHaveLength(HEALTH_PERCENTILES.length);
          expect(bands.every((v, i) => i === 0 || v >= bands[i - 1])).toBe(true);
        }
        expect(l.saturatedFraction).toBeGreaterThanOrEqual(0);
        expect(l.saturatedFraction).toBeLessThanOrEqual(1);
      }
    }
    // No step before the start; every CG iteration afterwards moves Θ.
    expect(health[0].layers.map((l) => l.updateRatio)).toEqual([null, null]);
    expect(health.slice(1).every((h) => h.layers.every((l) => l.updateRatio! > 0))).toBe(true);
    // Θ₀ is uniform in [−0.12, 0.12]: the weight bands end inside it.
    expect(health[0].layers[0].weights[0]).toBeGreaterThanOrEqual(-0.12);
    expect(health[0].layers[0].weights[8]).toBeLessThanOrEqual(0.12);

    // The gradient norms at Θ₀, recomputed here with another implementation (vectorized; the run used
    // fast) on the same training set with λ = 1, excluding Θ's bias column / taking only it.
    const { train } = loadDataSplit(SMALL_DATA);
    const sizes = [train.n, 25, 10];
    const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const grad = new Float64Array(theta0.length);
    const f = createVectorizedCost(sizes, train, 1);
    f.evaluate(theta0, grad);
    f.dispose();
    const norms = (offset: number, rows: number, cols: number) => {
      let w = 0;
      let b = 0;
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) {
          const g = grad[offset + r * cols + c] ** 2;
          if (c === 0) b += g;
          else w += g;
        }
      return [Math.sqrt(w), Math.sqrt(b)];
    };
    const [w2, b2] = norms(0, 25, train.n + 1);
    const [w3, b3] = norms(25 * (train.n + 1), 10, 26);
    const [first, last] = health[0].layers;
    expect(first.gradientNorm).toBeCloseTo(w2, 10);
    expect(first.biasGradientNorm).toBeCloseTo(b2, 10);
    expect(last.gradientNorm).toBeCloseTo(w3, 10);
    expect(last.biasGradientNorm).toBeCloseTo(b3, 10);
  }, 90_000);
});
