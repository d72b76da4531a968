/**
 * Every expected value below was printed by scipy 1.10.1 (/usr/bin/python3), e.g.
 *   from scipy import stats; r = stats.ttest_ind(a, b, equal_var=False); print(repr(r.statistic), repr(r.pvalue))
 *   stats.t.sf(t, df) * 2;  scipy.special.betainc(a, b, x);  scipy.special.gammaln(x)
 * and the Welch–Satterthwaite df by its formula in numpy; sample sd is np.std(x, ddof=1). Quantiles and
 * confidence intervals come from mpmath at 50 digits, since scipy's t.ppf is good to only ~1e-9 there.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  lnGamma,
  pairedTest,
  regularizedIncompleteBeta,
  studentTQuantile,
  studentTTwoSided,
  summarize,
  welchTest,
} from './stats';

/** |actual − expected| within `digits` significant digits of expected. */
function close(actual: number, expected: number, digits = 10): void {
  const tolerance = Math.abs(expected) * 10 ** -digits;
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

function welch(a: number[], b: number[]) {
  const r = welchTest(a, b);
  if (r.kind !== 'test') throw new Error(`expected a test, got ${r.kind}`);
  return r;
}

describe('summarize', () => {
  it('equal values: their value as the mean and an sd of exactly 0 (not floating-point dust)', () => {
    expect(summarize([0.8, 0.8, 0.8])).toEqual({ n: 3, mean: 0.8, sd: 0, min: 0.8, max: 0.8 });
    expect(welchTest([0.8, 0.8, 0.8], [0.8, 0.8]).kind).toBe('no-spread');
  });
  it('gives mean, sample sd (n − 1), min and max', () => {
    const s = summarize([0.871, 0.865, 0.878, 0.869, 0.874]);
    expect(s.n).toBe(5);
    close(s.mean, 0.8713999999999998, 14);
    close(s.sd!, 0.0049295030175465, 12);
    expect([s.min, s.max]).toEqual([0.865, 0.878]);
  });
  it('leaves the sd of a single value undefined rather than 0', () => {
    expect(summarize([0.9])).toEqual({ n: 1, mean: 0.9, sd: null, min: 0.9, max: 0.9 });
  });
  it('refuses no values and values that are not numbers, naming which', () => {
    expect(() => summarize([])).toThrow(/no values/);
    expect(() => summarize([1, NaN])).toThrow(/value 1 is NaN/);
  });
});

describe('welchTest against scipy.stats.ttest_ind(a, b, equal_var=False)', () => {
  it('λ = 0 vs λ = 3-like accuracies, 5 seeds each: t = −8.2195, p = 5.634e-5', () => {
    const r = welch([0.871, 0.865, 0.878, 0.869, 0.874], [0.894, 0.899, 0.89, 0.896, 0.891]);
    close(r.t, -8.219540532222476, 10);
    close(r.df, 7.396226415094339, 10);
    close(r.p, 5.634285177112075e-5, 9);
    close(r.difference, 0.0226000000000003, 9);
    // difference ± t₀.₉₇₅(df) · se, computed in mpmath at 50 digits
    close(r.ci95[0], 0.016168303502170456, 9);
    close(r.ci95[1], 0.029031696497829544, 9);
  });
  it('unequal sizes and spreads (10 vs 20 values)', () => {
    const r = welch(
      [19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0],
      [
        28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4,
        23.9, 13.3,
      ],
    );
    close(r.t, -2.225512039969852, 10);
    close(r.df, 24.524634944257343, 10);
    close(r.p, 0.035484530830010325, 9);
  });
  it('a difference smaller than the noise: p = 0.553', () => {
    const r = welch([1, 2, 3], [1.5, 2.5, 3.7, 2.2]);
    close(r.t, -0.6440369615271305, 10);
    close(r.df, 4.206387089091366, 10);
    close(r.p, 0.5529951379255242, 9);
    close(r.ci95[0], -1.5337042876354459, 10);
    close(r.ci95[1], 2.4837042876354456, 10);
  });
  it('a tiny p in the 1e-10 range keeps its digits', () => {
    const r = welch(
      [0.8, 0.81, 0.79, 0.805, 0.795, 0.8, 0.812, 0.788, 0.802, 0.798],
      [0.84, 0.85, 0.835, 0.845, 0.842, 0.838, 0.851, 0.832, 0.841, 0.839],
    );
    close(r.t, -13.25228436315825, 10);
    close(r.df, 16.94687060837906, 10);
    close(r.p, 2.2652001363414203e-10, 8);
  });
  it('a p of 3e-13 still to 7 digits', () => {
    const r = welch([10.0, 10.1, 9.9, 10.05, 9.95, 10.02], [12.0, 12.1, 11.9, 12.05, 11.95, 12.01]);
    close(r.t, -48.74628190949546, 9);
    close(r.df, 9.999754121201859, 9);
    close(r.p, 3.188381670941592e-13, 7);
  });
  it('identical groups: t = 0, p = 1', () => {
    const a = [0.871, 0.865, 0.878, 0.869, 0.874];
    const r = welch(a, [...a]);
    expect(r.t).toBe(0);
    expect(r.p).toBe(1);
    expect(r.difference).toBe(0);
  });
  it('one group without spread: df falls to the other group’s n − 1', () => {
    const r = welch([5, 5, 5], [4, 6, 5.5]);
    close(r.t, -0.2773500981126151, 10);
    close(r.df, 2, 12);
    close(r.p, 0.8075499102701245, 9);
  });
  it('no spread in either group: no test (scipy gives NaN), the difference still reported', () => {
    const r = welchTest([0.9, 0.9, 0.9], [0.95, 0.95]);
    expect(r.kind).toBe('no-spread');
    close(r.difference, 0.05, 12);
  });
  it('one run in a group: no test, since its seed-to-seed spread is unknown', () => {
    const r = welchTest([0.9], [0.95, 0.96, 0.94]);
    expect(r.kind).toBe('too-few');
    expect(r.a.sd).toBeNull();
    close(r.difference, 0.05, 12);
    expect(welchTest([0.95, 0.96], [0.9]).kind).toBe('too-few');
  });
});

describe('Student t two-sided tail against 2·scipy.stats.t.sf(|t|, df)', () => {
  const cases: [t: number, df: number, p: number][] = [
    [2.0, 3.0, 0.1393259685588431],
    [1.0, 1.0, 0.49999999999999956],
    [0.5, 10.5, 0.6273873045888351],
    [10.0, 4.0, 0.0005620036227159911],
    [30.0, 8.0, 1.6535256751789715e-9],
    [3.0, 100.0, 0.0034079153433294513],
    [0.001, 2.5, 0.9992763827207849],
    [50.0, 30.0, 1.8715417659222844e-30],
    [12.0, 8.0, 2.14386674768877e-6],
    [9.0, 12.5, 8.120179823488708e-7],
  ];
  it.each(cases)('t = %s, df = %s', (t, df, p) => {
    close(studentTTwoSided(t, df), p, 9);
    close(studentTTwoSided(-t, df), p, 9);
  });
  it('is 1 at t = 0 and 0 at t = ∞', () => {
    expect(studentTTwoSided(0, 5)).toBe(1);
    expect(studentTTwoSided(Infinity, 5)).toBe(0);
    expect(() => studentTTwoSided(1, 0)).toThrow(/df > 0/);
  });
});

describe('Student t quantile t₀.₉₇₅(df)', () => {
  // mpmath at 50 digits (findroot of betainc(df/2, 1/2, 0, df/(df+t²)) = 0.05): scipy's t.ppf is itself off by
  // up to 1e-9 relative for fractional df (10.276801295708555 at df = 1.1, whose tail is 0.04999999995).
  const cases: [df: number, t: number][] = [
    [1, 12.706204736174705],
    [1.1, 10.27680128628121],
    [2, 4.302652729749464],
    [4.206387089091366, 2.723536433716319],
    [7.396226415094339, 2.3391854006576405],
    [30, 2.042272456301238],
    [1000, 1.9623390808264085],
  ];
  it.each(cases)('df = %s', (df, t) => close(studentTQuantile(0.975, df), t, 12));
  it('is 0 at the median and refuses q outside [0.5, 1)', () => {
    expect(studentTQuantile(0.5, 3)).toBeLessThan(1e-15);
    expect(() => studentTQuantile(1, 3)).toThrow(/q must be in/);
  });
});

describe('the functions underneath, against scipy.special', () => {
  it('regularized incomplete beta I_x(a, b) = betainc(a, b, x)', () => {
    close(regularizedIncompleteBeta(0.5, 0.5, 0.3), 0.3690101195655454, 11);
    close(regularizedIncompleteBeta(2, 3, 0.4), 0.5247999999999999, 11);
    close(regularizedIncompleteBeta(5.25, 0.5, 0.9), 0.30427238219353314, 11);
    close(regularizedIncompleteBeta(10, 10, 0.5), 0.5000000000000002, 11);
    close(regularizedIncompleteBeta(0.1, 20, 0.001), 0.7079970084234188, 11);
    close(regularizedIncompleteBeta(100, 50, 0.7), 0.8054481662277535, 10);
    expect(regularizedIncompleteBeta(2, 3, 0)).toBe(0);
    expect(regularizedIncompleteBeta(2, 3, 1)).toBe(1);
    expect(() => regularizedIncompleteBeta(2, 3, 1.5)).toThrow(/\[0, 1\]/);
  });
  it('ln Γ(x) = gammaln(x)', () => {
    close(lnGamma(0.5), 0.5723649429247, 12);
    expect(Math.abs(lnGamma(1))).toBeLessThan(1e-15);
    close(lnGamma(2.5), 0.2846828704729192, 12);
    close(lnGamma(10), 12.801827480081469, 13);
    close(lnGamma(100.25), 360.28455963776423, 13);
    close(lnGamma(1e4), 82099.71749644238, 13);
  });
});

describe('pairedTest against scipy.stats.ttest_rel(a, b)', () => {
  function paired(a: number[], b: number[]) {
    const r = pairedTest(a, b);
    if (r.kind !== 'test') throw new Error(`expected a test, got ${r.kind}`);
    return r;
  }
  // The overfit lesson's measured test accuracies, λ = 0 against λ = 1, seeds 1–5.
  const lambda0 = [0.745, 0.778, 0.755, 0.767, 0.779];
  const lambda1 = [0.836, 0.843, 0.828, 0.842, 0.839];
  it('the overfit lesson’s five seeds: t = −13.748, df = 4, p = 1.622e-4', () => {
    const r = paired(lambda0, lambda1);
    close(r.t, -13.748090257729041, 10);
    expect(r.df).toBe(4);
    close(r.p, 0.00016218726487884357, 9);
    close(r.difference, 0.07279999999999995, 10);
    close(r.differences.sd!, 0.011840608092492558, 10);
    // difference ± t₀.₉₇₅(4) · sd/√5, t₀.₉₇₅(4) = 2.7764451051977987 (scipy.stats.t.ppf)
    close(r.ci95[0], 0.05809794321471176, 8);
    close(r.ci95[1], 0.08750205678528813, 8);
  });
  it('three seeds that all gain a little: paired p = 0.0234 where Welch gives 0.226', () => {
    const a = [0.871, 0.865, 0.878];
    const b = [0.88, 0.872, 0.89];
    const r = paired(a, b);
    close(r.t, -6.4236405483757295, 10);
    close(r.p, 0.02338785101878192, 9);
    close(r.ci95[0], 0.0030817238537224527, 8);
    close(r.ci95[1], 0.01558494281294423, 8);
    close(welch(a, b).p, 0.22647543702544196, 9);
  });
  it('one pair is too few; the same difference in every pair has no spread; unequal lengths are refused', () => {
    expect(pairedTest([0.8], [0.9]).kind).toBe('too-few');
    const same = pairedTest([0.5, 0.75], [0.625, 0.875]);
    expect(same.kind).toBe('no-spread');
    expect(same.difference).toBe(0.125);
    expect(() => pairedTest([1, 2], [1])).toThrow(/a has 2 values and b 1/);
  });
  // A live check, where /usr/bin/python3 has scipy; the literal values above are what it printed.
  const python = spawnSync('/usr/bin/python3', ['-c', 'import scipy'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!python)('agrees with a live scipy on both tests (skipped where /usr/bin/python3 has no scipy)', () => {
    const code =
      'import json,sys; from scipy import stats; a,b=json.load(sys.stdin); ' +
      'r=stats.ttest_rel(a,b); w=stats.ttest_ind(a,b,equal_var=False); ' +
      'print(json.dumps([r.statistic,r.pvalue,w.statistic,w.pvalue]))';
    const py = spawnSync('/usr/bin/python3', ['-c', code], {
      input: JSON.stringify([lambda0, lambda1]),
      encoding: 'utf8',
    });
    const [t, p, wt, wp] = JSON.parse(py.stdout) as number[];
    close(paired(lambda0, lambda1).t, t, 10);
    close(paired(lambda0, lambda1).p, p, 9);
    close(welch(lambda0, lambda1).t, wt, 10);
    close(welch(lambda0, lambda1).p, wp, 9);
  });
});
