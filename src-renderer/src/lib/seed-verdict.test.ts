/**
 * Which test the verdict makes and why: paired (scipy.stats.ttest_rel) when the groups' runs pair up
 * by seed and split with one setting changed, Welch's (ttest_ind, equal_var=False) otherwise. The
 * p-values in the expected sentences were printed by scipy 1.10.1 (/usr/bin/python3).
 */
import { describe, expect, it } from 'vitest';
import { OVERFIT_MEASURED } from '../../../src-main/api/table';
import { groupBySeed, groupLabels } from './seed-groups';
import { designOf, groupSide, groupVerdicts, seedPairing, verdict } from './seed-verdict';
import { runDetail } from './testing/run-detail';

// Three seeds of λ = 0 and of λ = 3 whose test accuracy rises a little on every seed:
// ttest_rel(a, b) = (t −6.4236405483757295, p 0.02338785101878192);
// ttest_ind(a, b, equal_var=False) = (t −1.4536875686232562, p 0.22647543702544196).
const a = [0.871, 0.865, 0.878];
const b = [0.88, 0.872, 0.89];
const runs = [
  ...a.map((test, k) => runDetail(k + 1, { lambda: 0, seed: k + 1, train: 1, test })),
  ...b.map((test, k) => runDetail(k + 4, { lambda: 3, seed: k + 1, train: 1, test })),
];

describe('designOf: do two groups pair up by seed?', () => {
  const groups = groupBySeed(runs);
  const sides = (g = groups) => [groupSide(g[0], 'testAccuracy', 'λ = 0'), groupSide(g[1], 'testAccuracy', 'λ = 3')];
  it('same seeds, same split, only λ changed: paired', () => {
    const [sa, sb] = sides();
    expect(designOf(groups[0], groups[1], sa, sb)).toEqual({
      paired: true,
      why: "each seed's λ = 3 run started from the same seed of Θ₀ and the same data split as its λ = 0 run, with only λ changed",
    });
  });
  it('Welch, with the reason, when the seeds, the split or more than one setting differ', () => {
    const shifted = groupBySeed([
      ...runs.slice(0, 3),
      ...b.map((test, k) => runDetail(k + 4, { lambda: 3, seed: k + 2, train: 1, test })),
    ]);
    const [sa, sb] = sides(shifted);
    expect(designOf(shifted[0], shifted[1], sa, sb)).toEqual({
      paired: false,
      why: 'their seeds of Θ₀ do not pair up (λ = 0: 1, 2, 3; λ = 3: 2, 3, 4)',
    });
    const split = groupBySeed([
      ...runs.slice(0, 3),
      ...runs.slice(3).map((r) => ({ ...r, dataset: { ...r.dataset, dataSeed: 2 } })),
    ]);
    expect(designOf(split[0], split[1], ...(sides(split) as [never, never])).why).toBe(
      'the two groups trained on different data or a different split',
    );
    const two = groupBySeed([
      ...runs.slice(0, 3),
      ...b.map((test, k) =>
        runDetail(k + 4, { lambda: 3, seed: k + 1, train: 1, test, hyperparameters: { iterations: 400 } }),
      ),
    ]);
    expect(designOf(two[0], two[1], ...(sides(two) as [never, never])).why).toBe(
      '2 settings (λ, Iterations) changed between the groups, not one',
    );
  });
});

describe('groupVerdicts: the sentence Compare and the overfit lesson both show', () => {
  it('paired groups: the paired t-test, named with why (p 0.023 where Welch would say 0.23)', () => {
    const groups = groupBySeed(runs);
    const [v] = groupVerdicts('testAccuracy', groups, groupLabels(groups));
    expect(v.test).toBe('paired');
    expect(v.real).toBe(true);
    expect(v.text).toBe(
      'Test accuracy 87.1 ± 0.7 % (λ = 0, 3 seeds) vs 88.1 ± 0.9 % (λ = 3, 3 seeds): the difference, +0.9 points ' +
        '(95 % CI +0.3 to +1.6), is larger than the seed-to-seed spread (paired t = 6.42, df = 2, p = 0.023). ' +
        "Paired t-test on the 3 per-seed differences, because each seed's λ = 3 run started from the same seed of " +
        'Θ₀ and the same data split as its λ = 0 run, with only λ changed.',
    );
  });
  it('unpaired groups: Welch', () => {
    const groups = groupBySeed([
      ...runs.slice(0, 3),
      ...b.map((test, k) => runDetail(k + 4, { lambda: 3, seed: k + 7, train: 1, test })),
    ]);
    const [v] = groupVerdicts('testAccuracy', groups, groupLabels(groups));
    expect(v.test).toBe('welch');
    expect(v.real).toBe(false);
    expect(v.text).toBe(
      'Test accuracy 87.1 ± 0.7 % (λ = 0, 3 seeds) vs 88.1 ± 0.9 % (λ = 3, 3 seeds): the difference, +0.9 points ' +
        "(95 % CI −0.9 to +2.8), could be seed noise (Welch's t = 1.45, df = 3.6, p = 0.23; p ≥ 0.05). Welch's " +
        't-test, because their seeds of Θ₀ do not pair up (λ = 0: 1, 2, 3; λ = 3: 7, 8, 9).',
    );
  });
  it('the overfit lesson’s five measured seeds, paired: t = 13.7, p = 1.6 × 10⁻⁴ (ttest_rel)', () => {
    const seeds = OVERFIT_MEASURED.map((s) => s.seed);
    const v = verdict(
      'Test accuracy',
      true,
      { label: 'λ = 0', values: OVERFIT_MEASURED.map((s) => s.unregularized.test), seeds },
      { label: 'λ = 1', values: OVERFIT_MEASURED.map((s) => s.regularized.test), seeds },
      seedPairing('λ = 0', 'λ = 1', 'λ'),
    );
    expect(v.text).toBe(
      'Test accuracy 76.5 ± 1.5 % (λ = 0, 5 seeds) vs 83.8 ± 0.6 % (λ = 1, 5 seeds): the difference, +7.3 points ' +
        '(95 % CI +5.8 to +8.8), is larger than the seed-to-seed spread (paired t = 13.7, df = 4, p = 1.6 × 10⁻⁴). ' +
        "Paired t-test on the 5 per-seed differences, because each seed's λ = 1 run started from the same seed of " +
        'Θ₀ and the same data split as its λ = 0 run, with only λ changed.',
    );
  });
});
