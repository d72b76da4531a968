/**
 * The plain answer to "is the difference between these two groups of runs real, or seed noise?":
 * one sentence with both groups' mean ± sd and seed counts, the difference with its 95 % confidence
 * interval, and the t-test that decides the wording (two-sided p, 5 % level), named with why it was
 * chosen: the paired test on the per-seed differences when the runs pair up (same seed of Θ₀, same
 * data split, one setting changed), Welch's unequal-variances test otherwise. Compare and the overfit
 * lesson both speak through `groupVerdict`, so they cannot disagree about the same runs.
 */
import { pairedTest, welchTest } from '../../../src-main/api/table';
import { hyperparameterRows } from './compare';
import { formatScientific } from './format';
import {
  decimalsFor,
  formatMeanSd,
  GROUP_METRICS,
  stableJson,
  type GroupMetricKey,
  type RunGroup,
} from './seed-groups';

/** The level below which a difference is called larger than the seed-to-seed spread. */
export const SIGNIFICANCE = 0.05;

/** One side of a comparison: a group's name and one metric's values over its seeds. */
export interface VerdictSide {
  readonly label: string;
  readonly values: readonly number[];
  /** The seed of Θ₀ of each value (same order); a paired test matches the sides by it. */
  readonly seeds?: readonly number[];
}

/** Which test the two sides call for, and why in words ("…, because …"). */
export interface Design {
  readonly paired: boolean;
  readonly why: string;
}

export interface Verdict {
  readonly text: string;
  /** true: larger than the spread (p < 0.05); false: could be noise; null: no test was possible. */
  readonly real: boolean | null;
  readonly p: number | null;
  /** The test that was made: 'paired' (ttest_rel), 'welch' (ttest_ind, unequal variances) or null for none. */
  readonly test: 'paired' | 'welch' | null;
}

/** A p-value for people: "p = 0.55", "p = 0.035", "p = 5.6 × 10⁻⁵"; "p < 10⁻¹⁵" where doubles stop resolving. */
export function formatP(p: number): string {
  if (p >= 0.001) return `p = ${p >= 0.995 ? '1.0' : String(Number(p.toPrecision(2)))}`;
  if (p < 1e-15) return 'p < 10⁻¹⁵';
  return `p = ${formatScientific(p, 2)}`;
}

/** "5 seeds", "1 seed". */
function seeds(n: number): string {
  return `${n} ${n === 1 ? 'seed' : 'seeds'}`;
}

/**
 * The sentence comparing `metric` of group a with group b, e.g. "Test accuracy 87.1 ± 0.6 % (λ = 0,
 * 5 seeds) vs 89.4 ± 0.4 % (λ = 3, 5 seeds): the difference, +2.3 points (95 % CI +1.6 to +2.9), is
 * larger than the seed-to-seed spread (Welch's t = 8.22, df = 7.4, p = 5.6 × 10⁻⁵)." Percent metrics are fractions.
 */
export function verdict(
  metric: string,
  percent: boolean,
  a: VerdictSide,
  b: VerdictSide,
  design: Design = { paired: false, why: '' },
): Verdict {
  if (a.values.length === 0 || b.values.length === 0) {
    const missing = a.values.length === 0 ? a.label : b.label;
    return { text: `${metric}: no finished run of ${missing} has it yet.`, real: null, p: null, test: null };
  }
  const paired = design.paired ? alignBySeed(a, b) : null;
  const r = paired ? pairedTest(paired[0], paired[1]) : welchTest(a.values, b.values);
  const because = !design.why
    ? ''
    : paired
      ? ` Paired t-test on the ${paired[0].length} per-seed differences, because ${design.why}.`
      : ` Welch's t-test, because ${design.why}.`;
  const scale = percent ? 100 : 1;
  // Without any spread to size them by, as many decimals as a single run shows elsewhere (95.32%, J to 6).
  const noSpread = !r.a.sd && !r.b.sd;
  const decimals = noSpread ? (percent ? 2 : 6) : decimalsFor([r.a.sd, r.b.sd], 1, scale);
  const diff = r.difference * scale;
  const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : '±'}${Math.abs(v).toFixed(decimals)}`;
  const shownDiff = `${signed(diff)}${percent ? ' points' : ''}`;
  const head =
    `${metric} ${formatMeanSd(r.a, percent, decimals)} (${a.label}, ${seeds(r.a.n)}) vs ` +
    `${formatMeanSd(r.b, percent, decimals)} (${b.label}, ${seeds(r.b.n)})`;
  switch (r.kind) {
    case 'too-few': {
      const both = r.a.n === 1 && r.b.n === 1;
      const who = both
        ? `${a.label} and ${b.label} each have a single run, so their`
        : `${r.a.n === 1 ? a.label : b.label} has a single run, so its`;
      return {
        text:
          `${head}: ${who} seed-to-seed spread is unknown and no test can tell whether the difference, ` +
          `${shownDiff}, is real. Train ${both ? 'them' : 'it'} with more seeds (at least 2, better 5).`,
        real: null,
        p: null,
        test: null,
      };
    }
    case 'no-spread':
      return {
        text: paired
          ? r.difference === 0
            ? `${head}: every seed gave exactly the same value in both groups; there is no difference.`
            : `${head}: every seed's pair differs by the same ${shownDiff}, so the difference does not come from ` +
              `the seed (no test needed).`
          : r.difference === 0
            ? `${head}: every seed gave exactly the same value in both groups; there is no difference.`
            : `${head}: every seed gave the same value within each group, so the difference, ${shownDiff}, ` +
              `does not come from the seed (no test needed).`,
        real: r.difference === 0 ? false : true,
        p: null,
        test: null,
      };
    case 'test': {
      const t = `t = ${Math.abs(r.t).toFixed(Math.abs(r.t) < 10 ? 2 : 1)}`;
      const stats = paired
        ? `paired ${t}, df = ${r.df}, ${formatP(r.p)}`
        : `Welch's ${t}, df = ${r.df.toFixed(1)}, ${formatP(r.p)}`;
      const real = r.p < SIGNIFICANCE;
      const ci = `95 % CI ${signed(r.ci95[0] * scale)} to ${signed(r.ci95[1] * scale)}`;
      return {
        text:
          (real
            ? `${head}: the difference, ${shownDiff} (${ci}), is larger than the seed-to-seed spread (${stats}).`
            : `${head}: the difference, ${shownDiff} (${ci}), could be seed noise (${stats}; p ≥ 0.05).`) + because,
        real,
        p: r.p,
        test: paired ? 'paired' : 'welch',
      };
    }
  }
}

/** The two sides' values matched seed by seed, or null when some seed has no partner (or a seed repeats). */
function alignBySeed(a: VerdictSide, b: VerdictSide): [number[], number[]] | null {
  if (!a.seeds || !b.seeds || a.seeds.length !== a.values.length || b.seeds.length !== b.values.length) return null;
  if (a.seeds.length !== b.seeds.length || new Set(a.seeds).size !== a.seeds.length) return null;
  const bySeed = new Map(b.seeds.map((s, i) => [s, b.values[i]]));
  const second: number[] = [];
  for (const s of a.seeds) {
    const v = bySeed.get(s);
    if (v === undefined) return null;
    second.push(v);
  }
  return [[...a.values], second];
}

/** A group's values of one metric with the seed of each, from its finished runs that have it. */
export function groupSide(group: RunGroup, key: GroupMetricKey, label: string): VerdictSide {
  const values: number[] = [];
  const seeds: number[] = [];
  for (const r of group.runs) {
    const v = r.metrics?.[key];
    if (typeof v === 'number' && Number.isFinite(v)) {
      values.push(v);
      seeds.push(r.hyperparameters.seed);
    }
  }
  return { label, values, seeds };
}

/**
 * Whether the runs of groups a and b pair up: the same data split, exactly one hyperparameter other
 * than the seed changed, and each seed of Θ₀ among the runs with the metric once in each group. Then
 * run k of b differs from run k of a only by the change, and the paired test weighs the change against
 * the spread of the per-seed differences; otherwise Welch's test, with the reason it could not pair.
 */
export function designOf(a: RunGroup, b: RunGroup, sideA: VerdictSide, sideB: VerdictSide): Design {
  const ra = a.runs[0];
  const rb = b.runs[0];
  if (stableJson(ra.dataset) !== stableJson(rb.dataset))
    return { paired: false, why: 'the two groups trained on different data or a different split' };
  const keys = new Set([...Object.keys(ra.hyperparameters), ...Object.keys(rb.hyperparameters)]);
  const changed = [...keys].filter(
    (k) =>
      k !== 'seed' &&
      stableJson((ra.hyperparameters as Record<string, unknown>)[k]) !==
        stableJson((rb.hyperparameters as Record<string, unknown>)[k]),
  );
  const rows = hyperparameterRows([ra, rb]);
  const names = changed.map((k) => rows.find((row) => row.key === k)?.label ?? k);
  if (changed.length !== 1)
    return {
      paired: false,
      why: `${changed.length === 0 ? 'no setting' : `${changed.length} settings (${names.join(', ')})`} changed between the groups, not one`,
    };
  const sa = [...(sideA.seeds ?? [])].sort((x, y) => x - y);
  const sb = [...(sideB.seeds ?? [])].sort((x, y) => x - y);
  const same = sa.length === sb.length && sa.every((s, i) => s === sb[i]) && new Set(sa).size === sa.length;
  if (!same)
    return {
      paired: false,
      why: `their seeds of Θ₀ do not pair up (${sideA.label}: ${sa.join(', ') || 'none'}; ${sideB.label}: ${sb.join(', ') || 'none'})`,
    };
  return seedPairing(sideA.label, sideB.label, names[0]);
}

/** The paired design of runs that share seed and split with one `setting` changed, said in words. */
export function seedPairing(labelA: string, labelB: string, setting: string): Design {
  return {
    paired: true,
    why:
      `each seed's ${labelB} run started from the same seed of Θ₀ and the same data split as its ` +
      `${labelA} run, with only ${setting} changed`,
  };
}

/** Each group after the first against the first, on one metric: Compare's sentences, the overfit lesson's too. */
export function groupVerdicts(key: GroupMetricKey, groups: readonly RunGroup[], labels: readonly string[]): Verdict[] {
  return groups.slice(1).map((g, k) => groupVerdict(key, groups[0], g, labels[0], labels[k + 1]));
}

/**
 * The verdict on one metric between groups a and b (a first), paired by seed where they pair up:
 * what Compare shows for each pair of groups and the overfit lesson for its sweep.
 */
export function groupVerdict(key: GroupMetricKey, a: RunGroup, b: RunGroup, labelA: string, labelB: string): Verdict {
  const metric = GROUP_METRICS.find((m) => m.key === key)!;
  const sideA = groupSide(a, key, labelA);
  const sideB = groupSide(b, key, labelB);
  return verdict(metric.label, metric.percent, sideA, sideB, designOf(a, b, sideA, sideB));
}
