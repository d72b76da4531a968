import { describe, expect, test } from 'vitest';
import { healthSampleRows, networkHealth, percentiles, type LayerHealth } from './health';
import { createVectorizedCost } from './vectorized';
import { NG_MODEL, type HiddenActivation } from './model';
import { parameterCount } from './shape';

// A 3-4-3-2 network on 5 examples, λ = 1: θᵢ = 0.5·sin(i+1), the previous step's Θ = θ − 0.01·cos(i),
// xₜⱼ = cos(3t + j), yₜ = t mod 2. Every literal below is from an independent numpy computation of the
// same network (matrix forward pass, D(L) = H − Y, D(l) = D(l+1)·Θ(l)(:, 2:end) .* a(1 − a), the
// regularized gradient D(l+1)ᵀ·[1 A(l)]/m + λ/m·Θ, np.linalg.norm, np.percentile with its default
// linear interpolation at TensorBoard's percentiles).
const sizes = [3, 4, 3, 2];
const m = 5;
const P = parameterCount(sizes);
const theta = Float64Array.from({ length: P }, (_, i) => 0.5 * Math.sin(i + 1));
const previous = Float64Array.from({ length: P }, (_, i) => 0.5 * Math.sin(i + 1) - 0.01 * Math.cos(i));
const X = Float64Array.from({ length: m * 3 }, (_, k) => Math.cos(3 * Math.floor(k / 3) + (k % 3)));
const y = Uint8Array.from({ length: m }, (_, t) => t % 2);
const sample = { X, y, m, n: 3 };
const rows = healthSampleRows(m);

function health(scale = 1, activation: HiddenActivation = 'sigmoid', withPrevious = true): LayerHealth[] {
  const t = theta.map((v) => v * scale);
  const grad = new Float64Array(P);
  const f = createVectorizedCost(sizes, sample, 1);
  f.evaluate(t, grad);
  f.dispose();
  return networkHealth({
    theta: t,
    grad,
    previousTheta: withPrevious ? previous : null,
    sizes,
    sample,
    rows,
    model: { ...NG_MODEL, activation },
  });
}

describe('networkHealth', () => {
  test('norms, update ratios and percentile bands match numpy on a 3-4-3-2 network', () => {
    const h = health();
    expect(h.map((l) => l.layer)).toEqual([2, 3, 4]);
    const close = (got: number[], want: number[]) => got.forEach((g, i) => expect(g).toBeCloseTo(want[i], 12));
    close(
      h.map((l) => l.gradientNorm),
      [0.25275361861849144, 0.25106529942708117, 0.19008872787889428],
    );
    close(
      h.map((l) => l.biasGradientNorm),
      [0.0023580370611551603, 0.002982387752175789, 0.030314173762908972],
    );
    close(
      h.map((l) => l.updateRatio!),
      [0.019984129545169947, 0.01963971685707989, 0.02012609179976297],
    );
    expect(h.map((l) => l.saturatedFraction)).toEqual([0, 0, 0]);
    close(
      h[0].weights,
      [
        -0.49999510327535174, -0.4106479381647561, -0.2990657084735046, -0.2193607149374835, -0.03457387253476467,
        0.3271753186123855, 0.46482844665011835, 0.49484475517457027, 0.4953036778474352,
      ],
    );
    close(
      h[1].activations,
      [
        0.4303636954878793, 0.432269442965665, 0.43806316779674137, 0.4405825727582655, 0.442692583884896,
        0.4873945615788701, 0.5190423871773581, 0.5250850363324194, 0.5253045740953842,
      ],
    );
    close(
      h[0].deltas,
      [
        -0.01747775287620791, -0.017190668033274313, -0.017026868030866445, -0.010368046200941797,
        -0.005861192226472997, 0.008427747283870702, 0.018583363618825163, 0.021287777623296835, 0.023464594586586056,
      ],
    );
    close(
      h[2].deltas,
      [
        -0.5840068999729326, -0.5838927267328236, -0.49552800322735624, -0.37754328655503555, 0.021736698557635215,
        0.4207769865341607, 0.5377937017508726, 0.6254547000560713, 0.6255061019745846,
      ],
    );
  });

  test('at the start there is no last step, so no update ratio', () => {
    expect(health(1, 'sigmoid', false).map((l) => l.updateRatio)).toEqual([null, null, null]);
  });

  // Θ six times as large (numpy as above, hidden units g and g′ per activation, the output sigmoid).
  test('saturation per activation: sigmoid and tanh by g′ < 2 % of its maximum, ReLU by units dead on every example', () => {
    const sat = (a: HiddenActivation) => health(6, a).map((l) => l.saturatedFraction);
    expect(sat('sigmoid')).toEqual([0.25, 0, 0]);
    expect(sat('tanh')).toEqual([0.65, 0.6, 0]);
    expect(sat('relu')).toEqual([0.25, 1 / 3, 0.4]);
    expect(health(6, 'sigmoid')[0].deltas[4]).toBeCloseTo(-0.0015883167613129896, 14);
    expect(health(6, 'tanh')[1].deltas[4]).toBeCloseTo(-0.00015956309855787181, 14);
    expect(health(6, 'relu')[1].activations[7]).toBeCloseTo(9.202878182321877, 12);
  });

  test('the sample is evenly spaced rows, all of them when m is small', () => {
    expect([...healthSampleRows(5)]).toEqual([0, 1, 2, 3, 4]);
    expect([...healthSampleRows(10, 4)]).toEqual([0, 2, 5, 7]);
    expect(() => healthSampleRows(-1)).toThrow('m must be a whole number ≥ 0, got -1');
  });

  test('percentiles interpolate between order statistics', () => {
    // Four gaps between the five sorted values: percentile p sits at 4·p/100, e.g. 6.68 → 0.2672.
    const want = [0, 0.2672, 0.6348, 1.234, 2, 2.766, 3.3652, 3.7328, 4];
    percentiles(Float64Array.of(4, 0, 2, 1, 3)).forEach((v, i) => expect(v).toBeCloseTo(want[i], 14));
  });
});
