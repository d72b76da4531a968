/**
 * Pure read-outs for the cost-surface pictures: a colour scale in J (logarithmic, since J around a
 * minimum is a few tenths and a few units away is tens), contour lines by marching squares, the count
 * of relabellings of a hidden layer (H!), and the numbers the lesson "Will the optimizer get stuck?"
 * turns into a verdict: whether the seeds' minima are one valley (whether a run converged is
 * src-main/lessons/convergence.ts).
 */
import { formatScientific } from './format';

/** Viridis at five stops: dark purple (low J) → blue → green → yellow (high J); readable in grey and by most colour-blind eyes. */
const STOPS: [number, number, number][] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

/** RGB of t ∈ [0, 1] on the viridis scale (clamped outside). */
export function viridis(t: number): [number, number, number] {
  const s = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 1)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(s));
  const f = s - i;
  const [a, b] = [STOPS[i], STOPS[i + 1]];
  return [0, 1, 2].map((k) => Math.round(a[k] + (b[k] - a[k]) * f)) as [number, number, number];
}

/** A colour scale in J: where J sits between `low` and `high` on a log axis (J > 0 always: cross-entropy). */
export interface CostScale {
  low: number;
  high: number;
}

/** The scale covering every finite J of the grids given, so pictures side by side share one legend. */
export function costScale(grids: readonly (readonly (readonly number[])[])[]): CostScale {
  let low = Infinity;
  let high = -Infinity;
  for (const g of grids)
    for (const row of g)
      for (const v of row)
        if (Number.isFinite(v) && v > 0) {
          if (v < low) low = v;
          if (v > high) high = v;
        }
  if (!Number.isFinite(low)) return { low: 1, high: 10 };
  if (high <= low) high = low * 1.01;
  return { low, high };
}

/** t ∈ [0, 1]: log(J / low) / log(high / low). */
export function scalePosition(j: number, scale: CostScale): number {
  if (!(j > 0)) return 0;
  return Math.log(j / scale.low) / Math.log(scale.high / scale.low);
}

/** The J at position t of the scale (inverse of scalePosition). */
export function scaleValue(t: number, scale: CostScale): number {
  return scale.low * (scale.high / scale.low) ** t;
}

/**
 * Contour levels: `count` values of J evenly spaced on the log scale strictly between low and high,
 * so each line is a fixed factor of J above the one below.
 */
export function contourLevels(scale: CostScale, count = 8): number[] {
  return Array.from({ length: count }, (_, k) => scaleValue((k + 1) / (count + 1), scale));
}

/** A piece of a contour line in grid coordinates: column (x index) and row (y index), fractional. */
export interface Segment {
  c1: number;
  r1: number;
  c2: number;
  r2: number;
}

/**
 * The line J = level through a grid (cost[row][col]), by marching squares: each cell whose corners lie
 * on both sides gets one segment (two at a saddle), its ends placed by linear interpolation on the edges.
 */
export function contourSegments(cost: readonly (readonly number[])[], level: number): Segment[] {
  const out: Segment[] = [];
  for (let r = 0; r + 1 < cost.length; r++) {
    for (let c = 0; c + 1 < cost[r].length; c++) {
      // Corners anticlockwise from the top-left, in (col, row).
      const corners: [number, number, number][] = [
        [c, r, cost[r][c]],
        [c + 1, r, cost[r][c + 1]],
        [c + 1, r + 1, cost[r + 1][c + 1]],
        [c, r + 1, cost[r + 1][c]],
      ];
      const points: [number, number][] = [];
      for (let k = 0; k < 4; k++) {
        const [ca, ra, va] = corners[k];
        const [cb, rb, vb] = corners[(k + 1) % 4];
        if (!Number.isFinite(va) || !Number.isFinite(vb)) continue;
        if (va < level !== vb < level) {
          const f = (level - va) / (vb - va);
          points.push([ca + (cb - ca) * f, ra + (rb - ra) * f]);
        }
      }
      for (let k = 0; k + 1 < points.length; k += 2)
        out.push({ c1: points[k][0], r1: points[k][1], c2: points[k + 1][0], r2: points[k + 1][1] });
    }
  }
  return out;
}

/** log₁₀ n! as a sum of logarithms (exact enough for any hidden layer the lab trains). */
export function log10Factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new Error(`log10Factorial: n is ${n}, not a whole number ≥ 0`);
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log10(k);
  return s;
}

/**
 * n! as the lesson writes it: exactly up to 999,999 (5! = 120), else "1.55 × 10²⁵" (25!). For a hidden
 * layer of n units this is how many ways its units can be relabelled without changing J.
 */
export function formatFactorial(n: number): string {
  const log = log10Factorial(n);
  if (log < 6) {
    let f = 1;
    for (let k = 2; k <= n; k++) f *= k;
    return f.toLocaleString('en-US');
  }
  const exponent = Math.floor(log);
  const mantissa = 10 ** (log - exponent);
  return formatScientific(Number(`${mantissa.toFixed(2)}e${exponent}`), 3);
}

/** A barrier counts as none below this share of the minima's mean final J. */
export const VALLEY_THRESHOLD_SHARE = 0.05;

export interface ValleyVerdict {
  /** 'one-valley': no barrier even before matching; 'same-valley': none after matching units; 'different': a barrier stays. */
  kind: 'one-valley' | 'same-valley' | 'different';
  /** T = VALLEY_THRESHOLD_SHARE × mean final J. */
  threshold: number;
  /** The largest barrier between any pair before and after matching hidden units. */
  worstBefore: number;
  worstAfter: number;
  /** Share of the largest barrier that matching removed, (worstBefore − worstAfter) / worstBefore; null when worstBefore ≤ 0. */
  removed: number | null;
}

/**
 * The verdict of the lesson from its own numbers: the barrier matrices before and after matching hidden
 * units (off-diagonal entries) against T = 5 % of the mean final J.
 */
export function valleyVerdict(
  finalCost: readonly number[],
  before: readonly (readonly number[])[],
  after: readonly (readonly number[])[],
): ValleyVerdict {
  if (finalCost.length < 2) throw new Error(`valleyVerdict: ${finalCost.length} runs; a barrier needs two`);
  const mean = finalCost.reduce((s, v) => s + v, 0) / finalCost.length;
  const threshold = VALLEY_THRESHOLD_SHARE * mean;
  const worst = (m: readonly (readonly number[])[]) => {
    let w = -Infinity;
    m.forEach((row, i) => row.forEach((v, j) => i !== j && (w = Math.max(w, v))));
    return w;
  };
  const worstBefore = worst(before);
  const worstAfter = worst(after);
  const kind = worstBefore <= threshold ? 'one-valley' : worstAfter <= threshold ? 'same-valley' : 'different';
  return {
    kind,
    threshold,
    worstBefore,
    worstAfter,
    removed: worstBefore > 0 ? (worstBefore - worstAfter) / worstBefore : null,
  };
}

/** The plane's sharpness read side by side: how many times higher J rises around one minimum than the other. */
export function sharpnessRatio(a: number, b: number): number | null {
  return a > 0 && b > 0 ? Math.max(a, b) / Math.min(a, b) : null;
}
