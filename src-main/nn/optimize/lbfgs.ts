/**
 * Limited-memory BFGS (Nocedal 1980; Liu & Nocedal 1989) as L-BFGS-B runs it without bounds: the
 * direction is −H∇J, where H approximates the inverse Hessian from the last 10 steps s = ΔΘ and
 * gradient changes y = Δ∇J (two-loop recursion, H₀ = (sᵀy / yᵀy)·I), and the step comes from the
 * Moré–Thuente line search under the strong Wolfe conditions. The first step is scaled to length 1
 * (α = 1/‖∇J‖), later ones start at α = 1, the step a quasi-Newton model predicts.
 */
import type { CostFunction } from '../cost';
import { checkFinite } from './guard';
import { LBFGS_TOLERANCES, MoreThuente, type LineSearchTolerances } from './line-search';
import { GRADIENT_TOLERANCE, type OptimizerRun, type OptimizerSettings } from './types';
import { addScaled, dot, maxAbs, setScaled, setScaledSum } from './vector';

export interface LbfgsTuning {
  /** Pairs (s, y) remembered. */
  memory: number;
  /** Evaluations allowed per line search before it counts as failed. */
  maxLineSearchEvaluations: number;
  lineSearch: LineSearchTolerances;
}

/** scipy's L-BFGS-B defaults (maxcor 10, maxls 20). */
export const LBFGS_DEFAULTS: LbfgsTuning = { memory: 10, maxLineSearchEvaluations: 20, lineSearch: LBFGS_TOLERANCES };

const EPSILON = 2.220446049250313e-16;

/**
 * Runs L-BFGS on J from Θ₀ (not modified), one accepted step per iteration. A failed line search
 * forgets the memory and retries along −∇J; if that fails too, no step lowers J and the run has converged.
 */
export function* lbfgs(
  f: CostFunction,
  theta0: Float64Array,
  settings: Pick<OptimizerSettings, 'iterations'>,
  tuning: LbfgsTuning = LBFGS_DEFAULTS,
): OptimizerRun {
  const n = theta0.length;
  const mem = tuning.memory;
  const x = Float64Array.from(theta0);
  const xOld = new Float64Array(n); // Θ at the start of the line search
  const g = new Float64Array(n);
  const gOld = new Float64Array(n);
  const d = new Float64Array(n); // search direction
  const S = Array.from({ length: mem }, () => new Float64Array(n));
  const Y = Array.from({ length: mem }, () => new Float64Array(n));
  const rho = new Float64Array(mem); // 1 / sᵀy
  const alpha = new Float64Array(mem);
  let count = 0; // pairs stored
  let newest = -1; // index of the newest pair in the ring
  let gamma = 1; // H₀ = γI

  const search = new MoreThuente(tuning.lineSearch);
  let evaluations = 1;
  let fx = f.evaluate(x, g);
  checkFinite('lbfgs', fx, 0, evaluations);
  if (maxAbs(g) <= GRADIENT_TOLERANCE) return { stoppedBy: 'converged', theta: x, evaluations };

  let iteration = 0;
  // The first trial point since the last accepted step where J or its slope was NaN or ±∞.
  let firstNotFinite = null as { cost: number; slope: number; iteration: number; evaluations: number } | null;
  let restarted = false; // the line search just failed and memory was dropped
  while (iteration < settings.iterations) {
    const k = iteration + 1;
    direction();
    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Rounding can make −Hg point uphill; steepest descent always points down unless ∇J = 0.
      count = 0;
      setScaled(d, -1, g);
      slope = dot(g, d);
      if (!(slope < 0)) return { stoppedBy: 'converged', theta: x, evaluations }; // ∇J underflowed to 0
    }
    xOld.set(x);
    gOld.set(g);
    const fOld = fx;
    const slopeOld = slope;
    const first = iteration === 0 && !restarted;
    let status = search.start(fx, slope, first ? Math.min(1 / Math.sqrt(dot(d, d)), tuning.lineSearch.stpmax) : 1);
    let tries = 0;
    while (status === 'evaluate' && tries < tuning.maxLineSearchEvaluations) {
      setScaledSum(x, xOld, search.stp, d);
      fx = f.evaluate(x, g);
      evaluations++;
      tries++;
      slope = dot(g, d);
      if (!Number.isFinite(fx) || !Number.isFinite(slope)) {
        // A step so long that J overflows (saturated sigmoids give log 0): start the search over from
        // the same point with half that step, rather than feed ∞ to the interpolation.
        firstNotFinite ??= { cost: fx, slope, iteration: k, evaluations };
        status = search.start(fOld, slopeOld, search.stp / 2);
        continue;
      }
      status = search.next(fx, slope);
    }
    // A 'warning' still ends at a usable point if J went down; L-BFGS-B takes it, so do we.
    const failed = status === 'evaluate' || (status === 'warning' && !(fx < fOld));
    if (failed) {
      x.set(xOld);
      g.set(gOld);
      fx = fOld;
      if (count === 0) {
        // No step along steepest descent helped either; if J or ∇J was not finite on the way, say so.
        if (firstNotFinite)
          checkFinite(
            'lbfgs',
            firstNotFinite.cost,
            firstNotFinite.iteration,
            firstNotFinite.evaluations,
            firstNotFinite.slope,
          );
        return { stoppedBy: 'converged', theta: x, evaluations };
      }
      count = 0;
      restarted = true;
      continue;
    }
    restarted = false;
    firstNotFinite = null;
    iteration = k;
    remember(search.stp, slope - slopeOld, slopeOld);
    yield { iteration, cost: fx, evaluations, theta: x, gradient: g };
    if (maxAbs(g) <= GRADIENT_TOLERANCE) return { stoppedBy: 'converged', theta: x, evaluations };
  }
  return { stoppedBy: 'iterations', theta: x, evaluations };

  /** d ← −H∇J by the two-loop recursion over the stored pairs, newest first. */
  function direction(): void {
    setScaled(d, -1, g);
    let i = newest;
    for (let j = 0; j < count; j++) {
      alpha[i] = rho[i] * dot(S[i], d);
      addScaled(d, -alpha[i], Y[i]);
      i = (i - 1 + mem) % mem;
    }
    if (count > 0) setScaled(d, gamma, d);
    for (let j = 0; j < count; j++) {
      i = (i + 1) % mem;
      const beta = rho[i] * dot(Y[i], d);
      addScaled(d, alpha[i] - beta, S[i]);
    }
  }

  /**
   * Stores s = αd = Θ − Θ_old and y = ∇J − ∇J_old, unless sᵀy is not safely positive (then H would stop
   * being positive definite). sᵀy = α·(∇Jᵀd − ∇J_oldᵀd), as L-BFGS-B computes it.
   */
  function remember(stp: number, slopeChange: number, slopeOld: number): void {
    const sy = stp * slopeChange;
    if (!(sy > EPSILON * -slopeOld * stp)) return;
    newest = (newest + 1) % mem;
    const s = S[newest];
    const y = Y[newest];
    for (let i = 0; i < n; i++) {
      s[i] = stp * d[i];
      y[i] = g[i] - gOld[i];
    }
    rho[newest] = 1 / sy;
    gamma = sy / dot(y, y);
    if (count < mem) count++;
  }
}
