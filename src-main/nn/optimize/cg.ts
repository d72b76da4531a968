/**
 * Nonlinear conjugate gradient in the manner of Carl Rasmussen's `minimize` (fmincg in Ng's course):
 * Polak-Ribière directions, and a line search that brackets a step meeting the Wolfe-Powell conditions
 *   J(Θ + z·s) ≤ J(Θ) + RHO·z·∇Jᵀs   and   |∇J(Θ + z·s)ᵀs| ≤ −SIG·∇J(Θ)ᵀs
 * by cubic extrapolation (at most EXT times the current step) and quadratic/cubic interpolation
 * (never closer than INT of the bracket to its ends). A failed line search restarts along −∇J;
 * two failures in a row mean no step lowers J, and the run stops.
 *
 * One deliberate difference from fmincg: after a failed line search fmincg restarts along the gradient
 * of the rejected trial point (it swaps df1 and df2 after restoring Θ); here the restart direction is
 * −∇J at the restored Θ, which is what "restart along steepest descent" means.
 */
import type { CostFunction } from '../cost';
import { checkFinite } from './guard';
import { GRADIENT_TOLERANCE, type OptimizerRun, type OptimizerSettings } from './types';
import { addScaled, dot, maxAbs, setScaled } from './vector';

export interface CgTuning {
  /** Sufficient-decrease constant of the Wolfe-Powell conditions. */
  rho: number;
  /** Curvature constant: smaller means a more exact line search. */
  sig: number;
  /** Interpolated steps stay at least this fraction of the bracket away from its ends. */
  int: number;
  /** Extrapolate to at most this many times the current step. */
  ext: number;
  /** Evaluations allowed per line search. */
  max: number;
  /** The first guess of the next step grows by at most this factor. */
  ratio: number;
}

/** fmincg's constants. */
export const CG_DEFAULTS: CgTuning = { rho: 0.01, sig: 0.5, int: 0.1, ext: 3.0, max: 20, ratio: 100 };

const REALMIN = 2.2250738585072014e-308;

/**
 * Runs conjugate gradient on J from Θ₀ (not modified). One iteration is one line search; a failed one
 * is reported too (with Θ and J unchanged) because it used up evaluations, as fmincg counts it.
 */
export function* cg(
  f: CostFunction,
  theta0: Float64Array,
  settings: Pick<OptimizerSettings, 'iterations'>,
  tuning: CgTuning = CG_DEFAULTS,
): OptimizerRun {
  const { rho: RHO, sig: SIG, int: INT, ext: EXT, max: MAX, ratio: RATIO } = tuning;
  const n = theta0.length;
  const x = Float64Array.from(theta0);
  const x0 = new Float64Array(n); // Θ before the line search, to go back to on failure
  let df0 = new Float64Array(n);
  let df1 = new Float64Array(n); // ∇J at the accepted point
  let df2 = new Float64Array(n); // ∇J at the trial point
  const s = new Float64Array(n); // search direction

  let evaluations = 1;
  let f1 = f.evaluate(x, df1);
  checkFinite('cg', f1, 0, evaluations);
  if (maxAbs(df1) <= GRADIENT_TOLERANCE) return { stoppedBy: 'converged', theta: x, evaluations };
  setScaled(s, -1, df1);
  let d1 = -dot(s, s); // slope along s
  let z1 = 1 / (1 - d1); // first step: about unit length
  let lsFailed = false;
  // The first trial point since the last successful line search where J or its slope was NaN or ±∞.
  let firstNotFinite = null as { cost: number; slope: number; iteration: number; evaluations: number } | null;

  /**
   * A trial step so long that J overflows (a sigmoid saturated to exactly 0 or 1 makes log(0) = −∞) is
   * treated as a step too far, J = +∞, so the line search backs off towards the last good point, as
   * Rasmussen's minimize does; only when no finite point can be found does the run stop with an error.
   */
  const tooFarIfNotFinite = (cost: number, slope: number, iteration: number): [number, number] => {
    if (Number.isFinite(cost) && Number.isFinite(slope)) return [cost, slope];
    firstNotFinite ??= { cost, slope, iteration, evaluations };
    return [Infinity, Infinity];
  };

  for (let iteration = 1; iteration <= settings.iterations; iteration++) {
    x0.set(x);
    df0.set(df1);
    const f0 = f1;

    // z1: step taken so far; (z3, f3, d3): the other point of the fit, relative to the current one.
    addScaled(x, z1, s);
    let f2 = f.evaluate(x, df2);
    evaluations++;
    let d2 = dot(df2, s);
    [f2, d2] = tooFarIfNotFinite(f2, d2, iteration);
    let f3 = f1;
    let d3 = d1;
    let z3 = -z1;
    let M = MAX; // evaluations left after the first trial, as fmincg counts them
    let success = false;
    let limit = -1; // upper end of the bracket once J rose or the slope turned; −1 while unbounded

    for (;;) {
      // Too far (J too high) or still steeply downhill but J rose: interpolate back inside the bracket.
      while ((f2 > f1 + z1 * RHO * d1 || d2 > -SIG * d1) && M > 0) {
        limit = z1;
        let z2: number;
        if (f2 > f1) {
          z2 = z3 - (0.5 * d3 * z3 * z3) / (d3 * z3 + f2 - f3); // quadratic fit
        } else {
          const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3); // cubic fit
          const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
          z2 = (Math.sqrt(B * B - A * d2 * z3 * z3) - B) / A;
        }
        if (!Number.isFinite(z2)) z2 = z3 / 2; // no usable fit: bisect
        z2 = Math.max(Math.min(z2, INT * z3), (1 - INT) * z3);
        z1 += z2;
        addScaled(x, z2, s);
        f2 = f.evaluate(x, df2);
        evaluations++;
        M--;
        d2 = dot(df2, s);
        [f2, d2] = tooFarIfNotFinite(f2, d2, iteration);
        z3 -= z2; // z3 is now relative to the new point
      }
      if (f2 > f1 + z1 * RHO * d1 || d2 > -SIG * d1) break; // failed
      if (d2 > SIG * d1) {
        success = true;
        break;
      }
      if (M === 0) break; // failed: out of evaluations

      // Still going downhill at a lower J: extrapolate with the cubic, within limits.
      const A = (6 * (f2 - f3)) / z3 + 3 * (d2 + d3);
      const B = 3 * (f3 - f2) - z3 * (d3 + 2 * d2);
      let z2 = (-d2 * z3 * z3) / (B + Math.sqrt(B * B - A * d2 * z3 * z3));
      if (!Number.isFinite(z2) || z2 < 0) {
        z2 = limit < -0.5 ? z1 * (EXT - 1) : (limit - z1) / 2;
      } else if (limit > -0.5 && z2 + z1 > limit) {
        z2 = (limit - z1) / 2;
      } else if (limit < -0.5 && z2 + z1 > z1 * EXT) {
        z2 = z1 * (EXT - 1);
      } else if (z2 < -z3 * INT) {
        z2 = -z3 * INT;
      } else if (limit > -0.5 && z2 < (limit - z1) * (1 - INT)) {
        z2 = (limit - z1) * (1 - INT);
      }
      f3 = f2;
      d3 = d2;
      z3 = -z2;
      z1 += z2;
      addScaled(x, z2, s);
      f2 = f.evaluate(x, df2);
      evaluations++;
      M--;
      d2 = dot(df2, s);
      [f2, d2] = tooFarIfNotFinite(f2, d2, iteration);
    }

    if (success) {
      f1 = f2;
      // Polak-Ribière: β = (∇J₂ − ∇J₁)ᵀ∇J₂ / ∇J₁ᵀ∇J₁; s ← β·s − ∇J₂.
      const beta = (dot(df2, df2) - dot(df1, df2)) / dot(df1, df1);
      for (let i = 0; i < n; i++) s[i] = beta * s[i] - df2[i];
      const t = df1;
      df1 = df2;
      df2 = t;
      d2 = dot(df1, s);
      if (d2 > 0) {
        setScaled(s, -1, df1); // not a descent direction: start over along −∇J
        d2 = -dot(s, s);
      }
      z1 *= Math.min(RATIO, d1 / (d2 - REALMIN)); // next first step: same predicted decrease
      d1 = d2;
      lsFailed = false;
      firstNotFinite = null;
      yield { iteration, cost: f1, evaluations, theta: x, gradient: df1 };
      if (maxAbs(df1) <= GRADIENT_TOLERANCE) return { stoppedBy: 'converged', theta: x, evaluations };
    } else {
      x.set(x0);
      f1 = f0;
      const t = df1;
      df1 = df0;
      df0 = t;
      if (lsFailed) {
        // Two line searches in a row found nothing better; if J or ∇J was not finite on the way, say so.
        if (firstNotFinite)
          checkFinite(
            'cg',
            firstNotFinite.cost,
            firstNotFinite.iteration,
            firstNotFinite.evaluations,
            firstNotFinite.slope,
          );
        return { stoppedBy: 'converged', theta: x, evaluations };
      }
      setScaled(s, -1, df1);
      d1 = -dot(s, s);
      z1 = 1 / (1 - d1);
      lsFailed = true;
      yield { iteration, cost: f1, evaluations, theta: x, gradient: df1 };
    }
  }
  return { stoppedBy: 'iterations', theta: x, evaluations };
}
