/**
 * The statistics of "is this difference real, or seed noise?": a sample's mean, sample standard
 * deviation (n − 1) and range, and the two t-tests between two groups of runs (e.g. test accuracy of
 * λ = 0 over 5 seeds against λ = 3 over 5 seeds), each with its two-sided p-value from Student's t
 * distribution: the paired test on the per-seed differences when the runs pair up (seed k of one group
 * started from the same Θ₀ and data split as seed k of the other), else Welch's unequal-variances test.
 *
 * Written out here rather than taken from a package: Student's t tail is the regularized incomplete
 * beta function I_x(a, b), computed by its continued fraction (modified Lentz) with ln Γ by Lanczos'
 * approximation, accurate to about 1e-13 relative for the degrees of freedom runs give. The tests pin
 * every number to scipy.stats.
 */

/** A sample of one metric over runs: n, mean, sample standard deviation, min and max. */
export interface SampleSummary {
  readonly n: number;
  readonly mean: number;
  /** √(Σ(x − x̄)² / (n − 1)); null for a single value, whose spread is not defined (not 0). */
  readonly sd: number | null;
  readonly min: number;
  readonly max: number;
}

/** n, mean, sample sd (n − 1), min and max of `values`; throws on an empty list or a non-finite value. */
export function summarize(values: readonly number[]): SampleSummary {
  if (values.length === 0) throw new Error('summarize: no values; a summary needs at least one');
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`summarize: value ${i} is ${v}, not a number`);
  });
  const n = values.length;
  const min = Math.min(...values);
  const max = Math.max(...values);
  let sum = 0;
  for (const v of values) sum += v;
  // Equal values have that value as their mean and no spread, exactly: summed in floating point, three
  // runs at 80% would average 0.8000000000000002 with an sd of 1e-16, and the verdict would print
  // "80.000000 ± 0.000000 %" and test a spread that is not there.
  const mean = min === max ? min : sum / n;
  let squares = 0;
  if (min !== max) for (const v of values) squares += (v - mean) ** 2;
  return { n, mean, sd: n < 2 ? null : Math.sqrt(squares / (n - 1)), min, max };
}

/** Welch's t-test of two groups, or why none was made. */
export type WelchResult =
  | {
      readonly kind: 'test';
      readonly a: SampleSummary;
      readonly b: SampleSummary;
      /** mean(b) − mean(a). */
      readonly difference: number;
      /** (x̄_a − x̄_b) / √(s_a²/n_a + s_b²/n_b), the sign of scipy's ttest_ind(a, b). */
      readonly t: number;
      /** Welch–Satterthwaite degrees of freedom (not a whole number in general). */
      readonly df: number;
      /** Two-sided p-value: the chance of |t| this large if both groups had the same mean. */
      readonly p: number;
      /** 95 % confidence interval of mean(b) − mean(a): difference ± t₀.₉₇₅(df) · √(s_a²/n_a + s_b²/n_b). */
      readonly ci95: readonly [number, number];
    }
  /** A group has a single run: its seed-to-seed spread is unknown, so no test can be made. */
  | { readonly kind: 'too-few'; readonly a: SampleSummary; readonly b: SampleSummary; readonly difference: number }
  /** Every run of both groups gave the same value within its group: no noise to test against. */
  | { readonly kind: 'no-spread'; readonly a: SampleSummary; readonly b: SampleSummary; readonly difference: number };

/**
 * Welch's t-test (unequal variances) of `a` against `b`: t, the Welch–Satterthwaite degrees of freedom
 * and the two-sided p-value, as scipy.stats.ttest_ind(a, b, equal_var=False). A group of one value
 * gives 'too-few'; zero spread in both groups gives 'no-spread' (scipy answers NaN there).
 */
export function welchTest(a: readonly number[], b: readonly number[]): WelchResult {
  const sa = summarize(a);
  const sb = summarize(b);
  const difference = sb.mean - sa.mean;
  if (sa.sd === null || sb.sd === null) return { kind: 'too-few', a: sa, b: sb, difference };
  const va = (sa.sd * sa.sd) / sa.n;
  const vb = (sb.sd * sb.sd) / sb.n;
  if (va + vb === 0) return { kind: 'no-spread', a: sa, b: sb, difference };
  const t = (sa.mean - sb.mean) / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (sa.n - 1) + vb ** 2 / (sb.n - 1));
  const half = studentTQuantile(0.975, df) * Math.sqrt(va + vb);
  return {
    kind: 'test',
    a: sa,
    b: sb,
    difference,
    t,
    df,
    p: studentTTwoSided(t, df),
    ci95: [difference - half, difference + half],
  };
}

/** The paired t-test of two groups whose runs pair up one to one, or why none was made. */
export type PairedResult =
  | (Extract<WelchResult, { kind: 'test' }> & {
      /** b − a, pair by pair: their mean is `difference`, their spread is what the test weighs it against. */
      readonly differences: SampleSummary;
    })
  /** Fewer than two pairs: the spread of the differences is unknown. */
  | (Extract<WelchResult, { kind: 'too-few' }> & { readonly differences: SampleSummary })
  /** Every pair differs by the same amount: no noise to test against. */
  | (Extract<WelchResult, { kind: 'no-spread' }> & { readonly differences: SampleSummary });

/**
 * The paired t-test of `a` against `b`, where a[i] and b[i] are one pair (the same seed of Θ₀ and the
 * same data split, one setting changed): t = mean(a − b) / (sd(a − b)/√n) with n − 1 degrees of freedom
 * and its two-sided p-value, as scipy.stats.ttest_rel(a, b). The seed's share of the variation cancels
 * in each difference, so a gain that every seed shows is found with fewer seeds than Welch's test needs.
 * One pair gives 'too-few'; the same difference in every pair gives 'no-spread' (scipy: ±inf or NaN).
 */
export function pairedTest(a: readonly number[], b: readonly number[]): PairedResult {
  if (a.length !== b.length)
    throw new Error(`pairedTest: a has ${a.length} values and b ${b.length}; a paired test needs one b per a`);
  const sa = summarize(a);
  const sb = summarize(b);
  const differences = summarize(b.map((v, i) => v - a[i]));
  const difference = differences.mean;
  if (differences.sd === null) return { kind: 'too-few', a: sa, b: sb, difference, differences };
  if (differences.sd === 0) return { kind: 'no-spread', a: sa, b: sb, difference, differences };
  const se = differences.sd / Math.sqrt(differences.n);
  const df = differences.n - 1;
  const t = -difference / se;
  const half = studentTQuantile(0.975, df) * se;
  return {
    kind: 'test',
    a: sa,
    b: sb,
    difference,
    differences,
    t,
    df,
    p: studentTTwoSided(t, df),
    ci95: [difference - half, difference + half],
  };
}

/**
 * The q-quantile of Student's t with `df` degrees of freedom (0.5 ≤ q < 1; e.g. 0.975 for a 95 %
 * interval): the t whose two-sided tail is 2(1 − q), found by bisection on studentTTwoSided, which
 * falls monotonically in t, to the last bit doubles resolve.
 */
export function studentTQuantile(q: number, df: number): number {
  if (!(q >= 0.5 && q < 1)) throw new Error(`studentTQuantile: q must be in [0.5, 1), got ${q}`);
  if (!(df > 0)) throw new Error(`studentTQuantile: df must be > 0, got ${df}`);
  const tail = 2 * (1 - q);
  let lo = 0;
  let hi = 1;
  while (studentTTwoSided(hi, df) > tail) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTTwoSided(mid, df) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * P(|T| ≥ |t|) for Student's t with `df` degrees of freedom (df > 0, not necessarily whole):
 * I_{df/(df+t²)}(df/2, 1/2), the other tail by symmetry. 1 at t = 0, 0 at |t| = ∞.
 */
export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0) || Number.isNaN(t))
    throw new Error(`studentTTwoSided: needs df > 0 and a number t, got t=${t}, df=${df}`);
  if (!Number.isFinite(t)) return 0;
  const t2 = t * t;
  // x and 1 − x both from their own formula, so neither loses digits to a subtraction from 1.
  return regularizedIncompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/**
 * The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b), for a, b > 0 and
 * 0 ≤ x ≤ 1; `y` is 1 − x, passed when the caller knows it more exactly than 1 − x.
 */
export function regularizedIncompleteBeta(a: number, b: number, x: number, y: number = 1 - x): number {
  if (!(a > 0) || !(b > 0)) throw new Error(`regularizedIncompleteBeta: a and b must be > 0, got a=${a}, b=${b}`);
  if (!(x >= 0 && x <= 1)) throw new Error(`regularizedIncompleteBeta: x must be in [0, 1], got ${x}`);
  if (x === 0) return 0;
  if (y === 0) return 1;
  const lnFront = a * Math.log(x) + b * Math.log(y) - lnBeta(a, b);
  // The continued fraction converges fast for x < (a + 1)/(a + b + 2); past it, use I_x(a, b) = 1 − I_y(b, a).
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(a, b, x)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(b, a, y)) / b;
}

/** The continued fraction of the incomplete beta function, by the modified Lentz method. */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  const eps = 1e-16;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100_000; m++) {
    const m2 = 2 * m;
    // even step
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    // odd step
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < eps) return h;
  }
  throw new Error(`incomplete beta: the continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

// Lanczos' approximation, g = 7, nine terms: ~1e-15 relative for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function lnGamma(x: number): number {
  if (!(x > 0)) throw new Error(`lnGamma: x must be > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
