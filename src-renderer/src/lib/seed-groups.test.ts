import { describe, expect, it } from 'vitest';
import {
  curveEnds,
  curveEndsNote,
  decimalsFor,
  formatMeanSd,
  groupBySeed,
  groupCostSeries,
  groupLabels,
  groupSummary,
  meanBand,
  seedList,
  summaryCell,
} from './seed-groups';
import { formatP, verdict } from './seed-verdict';
import { OVERFIT_MEASURED, OVERFIT_SETTINGS } from '../../../src-main/api/table';
import { runDetail } from './testing/run-detail';

// λ = 0 and λ = 3, three seeds each, interleaved as a run browser might list them.
const runs = [
  runDetail(1, { lambda: 0, seed: 2, train: 1, test: 0.871 }),
  runDetail(2, { lambda: 3, seed: 1, train: 0.99, test: 0.894 }),
  runDetail(3, { lambda: 0, seed: 1, train: 1, test: 0.865 }),
  runDetail(4, { lambda: 3, seed: 2, train: 0.98, test: 0.899 }),
  runDetail(5, { lambda: 0, seed: 3, train: 1, test: 0.878 }),
  runDetail(6, { lambda: 3, seed: 3, train: 0.985, test: 0.89 }),
];

describe('groupBySeed', () => {
  it('puts runs that differ only in seed together, groups in first-seen order, runs by seed', () => {
    const groups = groupBySeed(runs);
    expect(groups.map((g) => g.runs.map((r) => r.id))).toEqual([
      [3, 1, 5],
      [2, 4, 6],
    ]);
    expect(groupLabels(groups)).toEqual(['λ = 0', 'λ = 3']);
    expect(groups.map(seedList)).toEqual(['1–3', '1–3']);
  });
  it('keeps runs apart when any other setting differs: data split seed, iterations, hidden units', () => {
    const base = runDetail(1, { seed: 1 });
    const others = [
      runDetail(2, { seed: 2 }),
      { ...runDetail(3, { seed: 3 }), dataset: { ...base.dataset, dataSeed: 99 } },
      runDetail(4, { seed: 4, hyperparameters: { iterations: 400 } }),
      runDetail(5, { seed: 5, hyperparameters: { hiddenLayers: [50] } }),
    ];
    expect(groupBySeed([base, ...others]).map((g) => g.runs.map((r) => r.id))).toEqual([[1, 2], [3], [4], [5]]);
  });
  it('names groups told apart by nothing shown by their first run, and lists scattered seeds', () => {
    const groups = groupBySeed([
      runDetail(1, { seed: 7, name: 'Seeds · seed 7' }),
      runDetail(2, { seed: 9, name: 'Seeds · seed 9' }),
    ]);
    expect(groupLabels(groups)).toEqual(['Seeds (group 1)']);
    expect(seedList(groups[0])).toBe('7, 9');
  });
});

describe('cost curves of a group', () => {
  it('mean, min, max and n at every iteration any run reached', () => {
    const band = meanBand([
      [
        { x: 1, y: 3 },
        { x: 2, y: 2 },
        { x: 3, y: 1.5 },
      ],
      [
        { x: 1, y: 4 },
        { x: 2, y: 1 },
      ],
    ]);
    // As far as any run went: past the second run's end the band is the first run alone (n = 1).
    expect(band).toEqual([
      { x: 1, mean: 3.5, min: 3, max: 4, n: 2 },
      { x: 2, mean: 1.5, min: 1, max: 2, n: 2 },
      { x: 3, mean: 1.5, min: 1.5, max: 1.5, n: 1 },
    ]);
    expect(meanBand([])).toEqual([]);
  });
  it('draws a band (min, max filled to min) and the mean for a group, a plain curve for a single run', () => {
    const groups = groupBySeed(runs.slice(0, 3));
    const histories = [1, 2, 3].map((runId) => ({
      runId,
      iteration: [0, 10],
      cost: [runId, runId / 10],
      elapsedMs: [0, 1],
    }));
    const [band, single] = groups.map((g) => groupCostSeries(g, histories, 'x', '#3b5bdb'));
    expect(band.map((s) => [s.id, !!s.band, !!s.fillToPrevious])).toEqual([
      ['group-3-min', true, false],
      ['group-3-max', true, true],
      ['group-3-mean', false, false],
    ]);
    expect(band[2].points).toEqual([
      { x: 0, y: 2 },
      { x: 10, y: 0.2 },
    ]);
    expect(band[2].label).toBe('x · mean of 2 seeds');
    expect(band[2].counts).toEqual([2, 2]);
    expect(band[0].points[0].y).toBe(1);
    expect(band[1].points[0].y).toBe(3);
    expect(single).toEqual([
      {
        id: 2,
        label: 'x',
        color: '#3b5bdb',
        points: [
          { x: 0, y: 2 },
          { x: 10, y: 0.2 },
        ],
      },
    ]);
  });
});

describe('where a group’s curves end', () => {
  // λ = 0 over seeds 1–3, 400 iterations planned: seed 3 converged at 188, seeds 1 and 2 ran to 400.
  const group = groupBySeed(
    [1, 2, 3].map((seed) => runDetail(seed, { lambda: 0, seed, train: 1, hyperparameters: { iterations: 400 } })),
  )[0];
  const curve = (runId: number, last: number) => ({
    runId,
    iteration: [0, 100, last],
    cost: [6, 1, 0.5],
    elapsedMs: [0, 1, 2],
  });
  const histories = [curve(1, 400), curve(2, 400), curve(3, 188)];
  it('the band reaches the longest run, over fewer seeds after one stopped', () => {
    const [min, max, mean] = groupCostSeries(group, histories, 'λ = 0', '#3b5bdb');
    expect(mean.points.map((p) => p.x)).toEqual([0, 100, 188, 400]);
    expect(mean.counts).toEqual([3, 3, 1, 2]);
    expect(max.points[3]).toEqual({ x: 400, y: 0.5 });
    expect(min.points.length).toBe(4);
  });
  it('says which seed stopped where and why', () => {
    expect(curveEnds(group, histories)).toEqual([{ seed: 3, lastIteration: 188, why: 'converged' }]);
    expect(curveEndsNote('λ = 0', group, histories)).toBe(
      'λ = 0: seed 3 converged at iteration 188, so after it the mean and band are over 2 of 3 seeds.',
    );
    expect(curveEndsNote('λ = 0', group, [curve(1, 400), curve(2, 400), curve(3, 400)])).toBeNull();
  });
});

describe('metrics of a group', () => {
  it('mean ± sd (n − 1) with n, decimals from the spread', () => {
    const [zero, three] = groupBySeed(runs);
    const a = groupSummary(zero, 'testAccuracy')!;
    const b = groupSummary(three, 'testAccuracy')!;
    // sd of 0.865, 0.871, 0.878 = 0.006506407098647709 (numpy ddof=1)
    expect(a.sd).toBeCloseTo(0.006506407098647709, 15);
    const d = decimalsFor([a.sd, b.sd], 1, 100);
    expect(d).toBe(1);
    expect(summaryCell(a, true, d)).toBe('87.1 ± 0.7 % (n = 3)');
    expect(summaryCell(groupSummary(zero, 'validationAccuracy'), true, d)).toBe('—');
    expect(formatMeanSd({ n: 2, mean: 0.3456789, sd: 0.0123, min: 0, max: 1 }, false, decimalsFor([0.0123], 1))).toBe(
      '0.346 ± 0.012',
    );
    expect([0.6, 0.04, 1.4, 0.012, 1.96, 0].map((s) => decimalsFor([s], 1))).toEqual([1, 2, 1, 3, 1, 1]);
    expect(summaryCell({ n: 1, mean: 0.9, sd: null, min: 0.9, max: 0.9 }, true, 2)).toBe('90.00 %');
  });
});

describe('verdict (Welch’s t, two-sided, 5 %)', () => {
  it('calls a difference larger than the spread real, with t, df and p from scipy', () => {
    // scipy.stats.ttest_ind(a, b, equal_var=False): t = −8.219540532222476, p = 5.634285177112075e-05, df 7.396
    const v = verdict(
      'Test accuracy',
      true,
      { label: 'λ = 0', values: [0.871, 0.865, 0.878, 0.869, 0.874] },
      { label: 'λ = 3', values: [0.894, 0.899, 0.89, 0.896, 0.891] },
    );
    expect(v.real).toBe(true);
    expect(v.text).toBe(
      'Test accuracy 87.1 ± 0.5 % (λ = 0, 5 seeds) vs 89.4 ± 0.4 % (λ = 3, 5 seeds): the difference, +2.3 points (95 % CI +1.6 to +2.9), ' +
        "is larger than the seed-to-seed spread (Welch's t = 8.22, df = 7.4, p = 5.6 × 10⁻⁵).",
    );
  });
  it('says "could be seed noise" when p ≥ 0.05', () => {
    // scipy: t = −0.6440369615271305, p = 0.5529951379255242, df 4.206
    const v = verdict(
      'Final J(Θ)',
      false,
      { label: 'A', values: [1, 2, 3] },
      { label: 'B', values: [1.5, 2.5, 3.7, 2.2] },
    );
    expect(v.real).toBe(false);
    expect(v.text).toBe(
      'Final J(Θ) 2.0 ± 1.0 (A, 3 seeds) vs 2.5 ± 0.9 (B, 4 seeds): the difference, +0.5 (95 % CI −1.5 to +2.5), could be seed noise ' +
        "(Welch's t = 0.64, df = 4.2, p = 0.55; p ≥ 0.05).",
    );
  });
  it('asks for more seeds when a group has one run, and needs no test when no seed changes anything', () => {
    const one = verdict(
      'Test accuracy',
      true,
      { label: 'λ = 0', values: [0.9] },
      { label: 'λ = 3', values: [0.93, 0.95] },
    );
    expect(one.real).toBeNull();
    expect(one.text).toBe(
      'Test accuracy 90.0 % (λ = 0, 1 seed) vs 94.0 ± 1.4 % (λ = 3, 2 seeds): λ = 0 has a single run, so its ' +
        'seed-to-seed spread is unknown and no test can tell whether the difference, +4.0 points, is real. ' +
        'Train it with more seeds (at least 2, better 5).',
    );
    const both = verdict('Test accuracy', true, { label: 'A', values: [0.9] }, { label: 'B', values: [0.91] });
    expect(both.text).toBe(
      'Test accuracy 90.00 % (A, 1 seed) vs 91.00 % (B, 1 seed): A and B each have a single run, so their ' +
        'seed-to-seed spread is unknown and no test can tell whether the difference, +1.00 points, is real. ' +
        'Train them with more seeds (at least 2, better 5).',
    );
    const flat = verdict('Test accuracy', true, { label: 'a', values: [0.9, 0.9] }, { label: 'b', values: [0.9, 0.9] });
    expect(flat.text).toMatch(/every seed gave exactly the same value in both groups; there is no difference\.$/);
    const apart = verdict(
      'Test accuracy',
      true,
      { label: 'a', values: [0.9, 0.9] },
      { label: 'b', values: [0.8, 0.8] },
    );
    expect(apart.text).toMatch(/the difference, −10\.00 points, does not come from the seed \(no test needed\)\.$/);
  });
  it("judges the overfitting lesson's measured seeds: λ = 1 beats λ = 0 by far more than the seed noise", () => {
    // scipy.stats.ttest_ind(λ=0 tests, λ=1 tests, equal_var=False): t = −10.224154406763088, p = 0.00010920588119830213
    const v = verdict(
      'Test accuracy',
      true,
      { label: 'λ = 0', values: OVERFIT_MEASURED.map((s) => s.unregularized.test) },
      { label: 'λ = 1', values: OVERFIT_MEASURED.map((s) => s.regularized.test) },
    );
    expect(OVERFIT_SETTINGS.lambda).toBe(1);
    expect(v.p).toBeCloseTo(0.00010920588119830213, 12);
    expect(v.text).toBe(
      'Test accuracy 76.5 ± 1.5 % (λ = 0, 5 seeds) vs 83.8 ± 0.6 % (λ = 1, 5 seeds): the difference, +7.3 points (95 % CI +5.5 to +9.1), ' +
        "is larger than the seed-to-seed spread (Welch's t = 10.2, df = 5.3, p = 1.1 × 10⁻⁴).",
    );
  });
  it('writes p for people', () => {
    expect(formatP(0.5529951379255242)).toBe('p = 0.55');
    expect(formatP(0.035484530830010325)).toBe('p = 0.035');
    expect(formatP(0.0012)).toBe('p = 0.0012');
    expect(formatP(2.2652001363414203e-10)).toBe('p = 2.3 × 10⁻¹⁰');
    expect(formatP(1)).toBe('p = 1.0');
    expect(formatP(1e-20)).toBe('p < 10⁻¹⁵');
  });
});
