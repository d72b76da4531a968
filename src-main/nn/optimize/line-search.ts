/**
 * The Moré–Thuente line search (J. J. Moré and D. J. Thuente, "Line search algorithms with
 * guaranteed sufficient decrease", ACM TOMS 20(3), 1994), the one L-BFGS-B uses. Along a descent
 * direction d it looks for a step α with φ(α) = J(Θ + αd) meeting the strong Wolfe conditions
 *   φ(α) ≤ φ(0) + ftol·α·φ'(0)   (sufficient decrease)   and   |φ'(α)| ≤ gtol·|φ'(0)|   (curvature),
 * keeping an interval [stx, sty] that is known to contain such a step and shrinking it by safeguarded
 * cubic and quadratic interpolation.
 *
 * It is written in "reverse communication" style so the caller owns every buffer: start() and
 * next() each leave the step to try in `stp` and tell whether to evaluate φ there or stop.
 */

export interface LineSearchTolerances {
  /** Sufficient-decrease constant (Armijo). */
  ftol: number;
  /** Curvature constant. */
  gtol: number;
  /** Relative width of the bracket below which the search gives up shrinking it. */
  xtol: number;
  stpmin: number;
  stpmax: number;
}

/** L-BFGS-B's values (lnsrlb): a loose curvature test suits quasi-Newton steps, whose natural length is 1. */
export const LBFGS_TOLERANCES: LineSearchTolerances = { ftol: 1e-3, gtol: 0.9, xtol: 0.1, stpmin: 0, stpmax: 1e10 };

/**
 * 'evaluate': compute φ and φ' at `stp` and call next(). 'converged': `stp` meets both Wolfe conditions.
 * 'warning': no better step can be found (rounding, bracket too narrow, or a bound of [stpmin, stpmax]).
 */
export type LineSearchStatus = 'evaluate' | 'converged' | 'warning';

const XTRAPL = 1.1;
const XTRAPU = 4.0;
const P5 = 0.5;
const P66 = 0.66;

export class MoreThuente {
  /** The step to evaluate next, or the step found. */
  stp = 0;
  /** Why the last 'warning' was given, for messages. */
  reason = '';

  private tol: LineSearchTolerances;
  private brackt = false;
  private stage = 1;
  private finit = 0;
  private ginit = 0;
  private gtest = 0;
  private width = 0;
  private width1 = 0;
  private stx = 0;
  private fx = 0;
  private gx = 0;
  private sty = 0;
  private fy = 0;
  private gy = 0;
  private stmin = 0;
  private stmax = 0;

  constructor(tolerances: LineSearchTolerances = LBFGS_TOLERANCES) {
    this.tol = tolerances;
  }

  /** Begins a search from φ(0) = f0 with slope φ'(0) = g0 < 0, first trying step `stp0`. */
  start(f0: number, g0: number, stp0: number): LineSearchStatus {
    const t = this.tol;
    if (!(g0 < 0)) throw new Error(`line search: the direction is not downhill (slope ${g0})`);
    if (!(stp0 >= t.stpmin && stp0 <= t.stpmax)) {
      throw new Error(`line search: first step ${stp0} is outside [${t.stpmin}, ${t.stpmax}]`);
    }
    this.brackt = false;
    this.stage = 1;
    this.finit = f0;
    this.ginit = g0;
    this.gtest = t.ftol * g0;
    this.width = t.stpmax - t.stpmin;
    this.width1 = this.width / P5;
    this.stx = 0;
    this.fx = f0;
    this.gx = g0;
    this.sty = 0;
    this.fy = f0;
    this.gy = g0;
    this.stmin = 0;
    this.stmax = stp0 + XTRAPU * stp0;
    this.stp = stp0;
    this.reason = '';
    return 'evaluate';
  }

  /** Takes φ(stp) = f and φ'(stp) = g and decides: stop here, or which step to evaluate next. */
  next(f: number, g: number): LineSearchStatus {
    const t = this.tol;
    const stp = this.stp;
    const ftest = this.finit + stp * this.gtest;
    if (this.stage === 1 && f <= ftest && g >= 0) this.stage = 2;

    if (this.brackt && (stp <= this.stmin || stp >= this.stmax)) return this.warn('rounding errors prevent progress');
    if (this.brackt && this.stmax - this.stmin <= t.xtol * this.stmax)
      return this.warn('the bracket is narrower than xtol');
    if (stp === t.stpmax && f <= ftest && g <= this.gtest) return this.warn('the step reached stpmax');
    if (stp === t.stpmin && (f > ftest || g >= this.gtest)) return this.warn('the step reached stpmin');
    if (f <= ftest && Math.abs(g) <= t.gtol * -this.ginit) return 'converged';

    // In stage 1, until a step with sufficient decrease and φ' ≥ 0 is seen, interpolate the
    // modified function ψ(α) = φ(α) − φ(0) − ftol·α·φ'(0), whose minimizers meet the decrease test.
    if (this.stage === 1 && f <= this.fx && f > ftest) {
      const gt = this.gtest;
      const s = step(
        this.stx,
        this.fx - this.stx * gt,
        this.gx - gt,
        this.sty,
        this.fy - this.sty * gt,
        this.gy - gt,
        stp,
        f - stp * gt,
        g - gt,
        this.brackt,
        this.stmin,
        this.stmax,
      );
      this.adopt(s);
      this.fx = s.fx + this.stx * gt;
      this.fy = s.fy + this.sty * gt;
      this.gx = s.dx + gt;
      this.gy = s.dy + gt;
    } else {
      const s = step(
        this.stx,
        this.fx,
        this.gx,
        this.sty,
        this.fy,
        this.gy,
        stp,
        f,
        g,
        this.brackt,
        this.stmin,
        this.stmax,
      );
      this.adopt(s);
      this.fx = s.fx;
      this.fy = s.fy;
      this.gx = s.dx;
      this.gy = s.dy;
    }

    // Bisect when the bracket has not shrunk enough over two trials, so it always shrinks geometrically.
    if (this.brackt) {
      if (Math.abs(this.sty - this.stx) >= P66 * this.width1) this.stp = this.stx + P5 * (this.sty - this.stx);
      this.width1 = this.width;
      this.width = Math.abs(this.sty - this.stx);
      this.stmin = Math.min(this.stx, this.sty);
      this.stmax = Math.max(this.stx, this.sty);
    } else {
      this.stmin = this.stp + XTRAPL * (this.stp - this.stx);
      this.stmax = this.stp + XTRAPU * (this.stp - this.stx);
    }
    this.stp = Math.min(Math.max(this.stp, t.stpmin), t.stpmax);
    if (
      (this.brackt && (this.stp <= this.stmin || this.stp >= this.stmax)) ||
      (this.brackt && this.stmax - this.stmin <= t.xtol * this.stmax)
    ) {
      this.stp = this.stx; // nothing better can be found: fall back to the best step so far
    }
    return 'evaluate';
  }

  private warn(reason: string): LineSearchStatus {
    this.reason = reason;
    return 'warning';
  }

  private adopt(s: StepResult): void {
    this.stx = s.stx;
    this.sty = s.sty;
    this.stp = s.stp;
    this.brackt = s.brackt;
  }
}

/** The bracket and next trial step after one safeguarded step; one object reused to avoid allocation. */
interface StepResult {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  stp: number;
  brackt: boolean;
}
const result: StepResult = { stx: 0, fx: 0, dx: 0, sty: 0, fy: 0, dy: 0, stp: 0, brackt: false };

/**
 * One safeguarded step (Moré–Thuente's dcstep). (stx, fx, dx) is the best step so far, (sty, fy, dy)
 * the other end of the bracket, (stp, fp, dp) the step just evaluated. Picks the next trial from the
 * minimizers of the cubic through (stx, fx, dx) and (stp, fp, dp) and of a quadratic, in four cases
 * depending on whether the function rose, the slope changed sign, or the slope shrank, and updates the
 * bracket. The result object is shared: read it before the next call.
 */
export function step(
  stx: number,
  fx: number,
  dx: number,
  sty: number,
  fy: number,
  dy: number,
  stp: number,
  fp: number,
  dp: number,
  brackt: boolean,
  stpmin: number,
  stpmax: number,
): StepResult {
  const sgnd = dp * Math.sign(dx);
  let stpf: number;

  if (fp > fx) {
    // Case 1: a higher value; the minimum is bracketed. Take the cubic step if it is closer to stx, else
    // the average of the cubic and quadratic steps.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp < stx) gamma = -gamma;
    const p = gamma - dx + theta;
    const q = gamma - dx + gamma + dp;
    const stpc = stx + (p / q) * (stp - stx);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    brackt = true;
  } else if (sgnd < 0) {
    // Case 2: lower value, slope changed sign; bracketed. Take whichever of the cubic and secant steps
    // is farther from stp.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dx / s) * (dp / s));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma - dp + gamma + dx;
    const stpc = stp + (p / q) * (stx - stp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same slope sign, slope shrinking. The cubic may have no minimizer in the
    // direction of the step; then step to the bound.
    const theta = (3 * (fx - fp)) / (stp - stx) + dx + dp;
    const s = Math.max(Math.abs(theta), Math.abs(dx), Math.abs(dp));
    let gamma = s * Math.sqrt(Math.max(0, (theta / s) * (theta / s) - (dx / s) * (dp / s)));
    if (stp > stx) gamma = -gamma;
    const p = gamma - dp + theta;
    const q = gamma + (dx - dp) + gamma;
    const r = p / q;
    let stpc: number;
    if (r < 0 && gamma !== 0) stpc = stp + r * (stx - stp);
    else if (stp > stx) stpc = stpmax;
    else stpc = stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (brackt) {
      // Stay inside the bracket, at most 66% of the way to its far end.
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + P66 * (sty - stp), stpf) : Math.max(stp + P66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else {
    // Case 4: lower value, same slope sign, slope not shrinking. Inside a bracket use the cubic through
    // stp and sty; outside, go to the bound.
    if (brackt) {
      const theta = (3 * (fp - fy)) / (sty - stp) + dy + dp;
      const s = Math.max(Math.abs(theta), Math.abs(dy), Math.abs(dp));
      let gamma = s * Math.sqrt((theta / s) * (theta / s) - (dy / s) * (dp / s));
      if (stp > sty) gamma = -gamma;
      const p = gamma - dp + theta;
      const q = gamma - dp + gamma + dy;
      stpf = stp + (p / q) * (sty - stp);
    } else {
      stpf = stp > stx ? stpmax : stpmin;
    }
  }

  // The interval keeps stx as the best point and [stx, sty] bracketing a minimizer once one is known.
  if (fp > fx) {
    sty = stp;
    fy = fp;
    dy = dp;
  } else {
    if (sgnd < 0) {
      sty = stx;
      fy = fx;
      dy = dx;
    }
    stx = stp;
    fx = fp;
    dx = dp;
  }
  result.stx = stx;
  result.fx = fx;
  result.dx = dx;
  result.sty = sty;
  result.fy = fy;
  result.dy = dy;
  result.stp = stpf;
  result.brackt = brackt;
  return result;
}
