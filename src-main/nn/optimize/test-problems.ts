/**
 * Small cost functions with known minima, shaped like a network's CostFunction, for testing the
 * optimizers without a network. `sizes` is [n − 1, 1] only so that parameterCount(sizes) = n.
 */
import type { CostFunction } from '../cost';
import type { IterationReport, OptimizerStop } from './types';

/** A CostFunction from a plain J-and-gradient function, counting its calls. */
export interface CountingCost extends CostFunction {
  calls: number;
}

function problem(
  n: number,
  m: number,
  evaluate: (theta: Float64Array, grad: Float64Array, rows?: Uint32Array) => number,
): CountingCost {
  const c: CountingCost = {
    sizes: [n - 1, 1],
    lambda: 0,
    m,
    calls: 0,
    evaluate(theta, grad, rows) {
      c.calls++;
      return evaluate(theta, grad, rows);
    },
    dispose() {},
  };
  return c;
}

/** J(θ) = ½θᵀAθ − bᵀθ with A symmetric positive definite (row-major n×n); minimum at θ = A⁻¹b. */
export function quadratic(A: readonly number[][], b: readonly number[]): CountingCost {
  const n = b.length;
  return problem(n, 1, (theta, grad) => {
    let J = 0;
    for (let i = 0; i < n; i++) {
      let Ai = 0;
      for (let j = 0; j < n; j++) Ai += A[i][j] * theta[j];
      grad[i] = Ai - b[i];
      J += 0.5 * theta[i] * Ai - b[i] * theta[i];
    }
    return J;
  });
}

/** Rosenbrock's banana valley J(x, y) = 100(y − x²)² + (1 − x)²; minimum 0 at (1, 1). */
export function rosenbrock(): CountingCost {
  return problem(2, 1, (t, g) => {
    const [x, y] = t;
    const r = y - x * x;
    g[0] = -400 * x * r - 2 * (1 - x);
    g[1] = 200 * r;
    return 100 * r * r + (1 - x) * (1 - x);
  });
}

/**
 * Least squares for a line through examples (x_i, y_i): J(θ) = 1/(2m)·Σ(θ₀ + θ₁x_i − y_i)² over the
 * given rows (all when none), the convex per-example problem sgd needs.
 */
export function lineFit(xs: readonly number[], ys: readonly number[]): CountingCost {
  return problem(2, xs.length, (t, g, rows) => {
    const count = rows ? rows.length : xs.length;
    let J = 0;
    g[0] = 0;
    g[1] = 0;
    for (let k = 0; k < count; k++) {
      const i = rows ? rows[k] : k;
      const e = t[0] + t[1] * xs[i] - ys[i];
      J += e * e;
      g[0] += e;
      g[1] += e * xs[i];
    }
    g[0] /= count;
    g[1] /= count;
    return J / (2 * count);
  });
}

/** J(θ) = θ₁² with a gradient of the wrong sign, so every line search fails: −∇J points uphill. */
export function lyingGradient(): CountingCost {
  return problem(1, 1, (t, g) => {
    g[0] = -2 * t[0];
    return t[0] * t[0];
  });
}

/** f, but J is NaN from call number `fromCall` (counted from 1) on, like a network whose weights blew up. */
export function poisoned(f: CountingCost, fromCall: number): CountingCost {
  return problem(f.sizes[0] + 1, f.m, (t, g, rows) => {
    const J = f.evaluate(t, g, rows);
    return f.calls >= fromCall ? NaN : J;
  });
}

/** Runs an optimizer generator to its end, copying every reported Θ. */
export function drain(run: Generator<IterationReport, OptimizerStop, void>) {
  const reports: IterationReport[] = [];
  for (;;) {
    const r = run.next();
    if (r.done) return { reports, stop: r.value, costs: reports.map((x) => x.cost) };
    reports.push({ ...r.value, theta: Float64Array.from(r.value.theta) });
  }
}

/** f, but every evaluation busy-waits `ms` milliseconds, like a big network, so a run lasts long enough to cancel. */
export function slow(f: CountingCost, ms: number): CountingCost {
  return problem(f.sizes[0] + 1, f.m, (t, g, rows) => {
    const until = performance.now() + ms;
    while (performance.now() < until);
    return f.evaluate(t, g, rows);
  });
}

/**
 * f, but J is +∞ outside the box |θᵢ| ≤ bound, like a network whose sigmoids saturate on a step too
 * long (log 0); `infinite` counts the evaluations that landed there.
 */
export function walled(f: CountingCost, bound: number): CountingCost & { infinite: number } {
  const w = Object.assign(
    problem(f.sizes[0] + 1, f.m, (t, g, rows) => {
      const J = f.evaluate(t, g, rows);
      if (t.every((v) => Math.abs(v) <= bound)) return J;
      w.infinite++;
      return Infinity;
    }),
    { infinite: 0 },
  );
  return w;
}
