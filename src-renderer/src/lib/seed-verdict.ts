/**
 * The plain answer to "is the difference between these two groups of runs real, or seed noise?":
 * one sentence with both groups' mean ± sd and seed counts, the difference with its 95 % confidence
 * interval, and Welch's t-test (unequal variances; two-sided p, 5 % level) that decides the wording.
 */
import { welchTest } from '../../../src-main/api/table';
import { formatScientific } from './format';
import { decimalsFor, formatMeanSd } from './seed-groups';

/** The level below which a difference is called larger than the seed-to-seed spread. */
export const SIGNIFICANCE = 0.05;

/** One side of a comparison: a group's name and one metric's values over its seeds. */
export interface VerdictSide {
  readonly label: string;
  readonly values: readonly number[];
}

export interface Verdict {
  readonly text: string;
  /** true: larger than the spread (p < 0.05); false: could be noise; null: no test was possible. */
  readonly real: boolean | null;
  readonly p: number | null;
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
export function verdict(metric: string, percent: boolean, a: VerdictSide, b: VerdictSide): Verdict {
  if (a.values.length === 0 || b.values.length === 0) {
    const missing = a.values.length === 0 ? a.label : b.label;
    return { text: `${metric}: no finished run of ${missing} has it yet.`, real: null, p: null };
  }
  const r = welchTest(a.values, b.values);
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
      };
    }
    case 'no-spread':
      return {
        text:
          r.difference === 0
            ? `${head}: every seed gave exactly the same value in both groups; there is no difference.`
            : `${head}: every seed gave the same value within each group, so the difference, ${shownDiff}, ` +
              `does not come from the seed (no test needed).`,
        real: r.difference === 0 ? false : true,
        p: null,
      };
    case 'test': {
      const stats = `Welch's t = ${Math.abs(r.t).toFixed(Math.abs(r.t) < 10 ? 2 : 1)}, df = ${r.df.toFixed(1)}, ${formatP(r.p)}`;
      const real = r.p < SIGNIFICANCE;
      const ci = `95 % CI ${signed(r.ci95[0] * scale)} to ${signed(r.ci95[1] * scale)}`;
      return {
        text: real
          ? `${head}: the difference, ${shownDiff} (${ci}), is larger than the seed-to-seed spread (${stats}).`
          : `${head}: the difference, ${shownDiff} (${ci}), could be seed noise (${stats}; p ≥ 0.05).`,
        real,
        p: r.p,
      };
    }
  }
}
