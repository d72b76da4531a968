/**
 * Measuring a cost function: wall time per evaluation after warm-up (median and min, since other
 * processes on the machine only ever make a run slower), and how far two implementations disagree.
 */
import type { CostFunction } from '../nn/cost';

/** Wall and CPU time of `count` evaluations of J and ∇J at Θ, after `warmup` untimed ones. */
export interface EvaluationTiming {
  readonly evaluations: number;
  readonly medianMs: number;
  readonly minMs: number;
  /** Median CPU time of this process per evaluation (all threads), which busy neighbours inflate less. */
  readonly cpuMedianMs: number;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Wall and CPU ms (this process, every thread) of each of `count` calls of `job`. */
export function timeCalls(count: number, job: () => void): { wallMs: number[]; cpuMs: number[] } {
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    job();
    wallMs.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpuMs.push((used.user + used.system) / 1000);
  }
  return { wallMs, cpuMs };
}

/** Times `count` evaluations of `f` at `theta` after `warmup` untimed ones (the JIT needs a few). */
export function timeEvaluations(
  f: CostFunction,
  theta: Float64Array,
  warmup: number,
  count: number,
  rows?: Uint32Array,
): EvaluationTiming {
  if (!Number.isInteger(count) || count < 1)
    throw new Error(`bench: the number of timed evaluations must be ≥ 1, got ${count}`);
  const grad = new Float64Array(theta.length);
  for (let i = 0; i < warmup; i++) f.evaluate(theta, grad, rows);
  const { wallMs, cpuMs } = timeCalls(count, () => f.evaluate(theta, grad, rows));
  return { evaluations: count, medianMs: median(wallMs), minMs: Math.min(...wallMs), cpuMedianMs: median(cpuMs) };
}

/** How far J and ∇J of `f` are from those of `reference` at Θ: |ΔJ|/|J| and max|Δ∇J| / max|∇J|. */
export function disagreement(
  f: CostFunction,
  reference: CostFunction,
  theta: Float64Array,
): { cost: number; gradient: number } {
  const grad = new Float64Array(theta.length);
  const expected = new Float64Array(theta.length);
  const J = f.evaluate(theta, grad);
  const Jref = reference.evaluate(theta, expected);
  let largest = 0;
  let worst = 0;
  for (let i = 0; i < grad.length; i++) {
    largest = Math.max(largest, Math.abs(expected[i]));
    worst = Math.max(worst, Math.abs(grad[i] - expected[i]));
  }
  return { cost: Math.abs(J - Jref) / Math.abs(Jref), gradient: largest === 0 ? worst : worst / largest };
}

/** The dense FLOP count of one evaluation: 2·m·W multiply-adds forward and 2·m·W backward (Δ), W = all weights incl. bias. */
export function denseFlops(m: number, weights: number): number {
  return 4 * m * weights;
}

/** Peak resident memory of this process so far, in MB (10⁶ bytes). */
export function peakRssMb(): number {
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}
