/**
 * Where an evaluation of J and ∇J spends its time on the 60,000-photo run, phase by phase, and how
 * close each phase comes to what 128-bit float64 SIMD without fused multiply-add allows on this core:
 * the roof, the kernel's inner loop alone, measured (simd-roof.ts).
 * Pure arithmetic and formatting; photo-phases-measure.ts takes the times.
 *
 * FLOP are the multiplies and adds of the matrix products and bias rows the kernel executes, padded
 * units included (25 hidden units are computed as 26: 13 f64x2 registers): layer 1 visits only the
 * nonzero inputs. The sigmoid's exp, the cost's log, g′ and δ(L) = a(L) − y are not counted (a few
 * dozen operations per example against thousands).
 */

import type { SimdRoof } from './simd-roof';

/** FLOP of one evaluation over m examples: the forward pass, the backward pass (δ and Δ), and both. */
export interface EvaluationFlops {
  readonly forward: number;
  readonly backward: number;
  readonly full: number;
}

/** Units rounded up to even, as the kernel's rows are (layout.ts padToEven). */
const padded = (units: number) => units + (units & 1);

/**
 * FLOP of J and ∇J over m examples whose layer 1 visits `visited` inputs in all (the nonzeros in the
 * sparse layout, m·s₀ in the dense one), for layer sizes s₀ … s_L−1 (p = padded units):
 * - forward: z(2) = Θ(1)·x over the visited inputs, 2·nnz·p₁; each dense layer l ≥ 1, 2·m·s_l·p_l+1;
 * - backward: Δ(1) += δ(2)·xᵀ over the visited inputs, 2·nnz·p₁, plus its bias row, m·p₁; each dense layer
 *   l ≥ 1, Δ(l) += δ(l+1)·a(l)ᵀ and Θ(l)ᵀ·δ(l+1), 4·m·s_l·p_l+1, plus its bias row, m·p_l+1.
 */
export function evaluationFlops(sizes: readonly number[], m: number, visited: number): EvaluationFlops {
  if (sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s >= 1))
    throw new Error(`photo phases: layer sizes must be 2 or more whole numbers ≥ 1, got [${sizes.join(', ')}]`);
  if (!Number.isInteger(m) || m < 0) throw new Error(`photo phases: m must be a whole number ≥ 0, got ${m}`);
  if (!Number.isInteger(visited) || visited < 0 || visited > m * sizes[0])
    throw new Error(
      `photo phases: visited inputs must be a whole number from 0 to m·s₀ = ${m * sizes[0]}, got ${visited}`,
    );
  const p1 = padded(sizes[1]);
  let forward = 2 * visited * p1;
  let backward = 2 * visited * p1 + m * p1;
  for (let l = 1; l + 1 < sizes.length; l++) {
    const next = padded(sizes[l + 1]);
    forward += 2 * m * sizes[l] * next;
    backward += m * (4 * sizes[l] * next + next);
  }
  return { forward, backward, full: forward + backward };
}

/** GFLOP/s of `flop` done in `ms` (null when the time is not positive: too short to measure). */
export function gflops(flop: number, ms: number): number | null {
  return ms > 0 ? flop / (ms * 1e6) : null;
}

/** What the bench measured on one machine (CPU ms are of the whole process, every thread). */
export interface PhaseTimes {
  /** The forward pass alone over all m (the kernel's predict), 1 thread: CPU ms. */
  readonly forwardCpuMs: number;
  /** A full evaluation of J and ∇J, 1 thread: CPU and wall ms. */
  readonly fullCpuMs: number;
  readonly fullWallMs: number;
  /** Adding the jobs' Δ and finishing J and ∇J in JavaScript (wall ms, in the 1-thread evaluation). */
  readonly reductionMs: number;
  readonly jobs: number;
  /** A full evaluation with `threads` threads: wall and CPU ms. */
  readonly threads: number;
  readonly threadedWallMs: number;
  readonly threadedCpuMs: number;
}

/** One row of the breakdown: its time, FLOP, GFLOP/s per core and share of one core's roof. */
export interface PhaseRow {
  readonly phase: string;
  readonly ms: number;
  readonly gflop: number | null;
  readonly gflopsPerCore: number | null;
  /** Achieved ÷ the measured roof (simd-roof.ts) per core (null: no FLOP counted). */
  readonly shareOfRoof: number | null;
}

/**
 * The rows of the breakdown, per core from CPU ms; backward + cost is full − forward − reduction.
 * `roof` is the measured GFLOP/s per core of the kernel's inner loop alone (simd-roof.ts).
 */
export function phaseRows(times: PhaseTimes, flops: EvaluationFlops, roof: number): PhaseRow[] {
  // CPU ms add up every thread's time, so FLOP per CPU ms is the rate of one core.
  const row = (phase: string, ms: number, flop: number | null): PhaseRow => {
    const rate = flop === null ? null : gflops(flop, ms);
    return {
      phase,
      ms,
      gflop: flop === null ? null : flop / 1e9,
      gflopsPerCore: rate,
      shareOfRoof: rate === null ? null : rate / roof,
    };
  };
  return [
    row('forward pass alone (predict), 1 thread', times.forwardCpuMs, flops.forward),
    row(
      'backward + cost (full − forward − reduction)',
      times.fullCpuMs - times.forwardCpuMs - times.reductionMs,
      flops.backward,
    ),
    row(`reduction: ${times.jobs} jobs' Δ added, J and ∇J finished in JS`, times.reductionMs, null),
    row('full evaluation, 1 thread', times.fullCpuMs, flops.full),
    row(`full evaluation, ${times.threads} threads (CPU of all)`, times.threadedCpuMs, flops.full),
  ];
}

/** Speed-up of the threaded evaluation over 1 thread (wall), and that per thread: parallel efficiency. */
export function parallelEfficiency(times: PhaseTimes): { speedup: number; efficiency: number } {
  const speedup = times.fullWallMs / times.threadedWallMs;
  return { speedup, efficiency: speedup / times.threads };
}

/** Evaluations of J and ∇J per L-BFGS iteration: the optimizer's count less its J(Θ₀), over the iterations. */
export function evaluationsPerIteration(
  costEvaluations: number,
  iterations: number,
): { perIteration: number; lineSearchExtra: number } {
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error(`photo phases: the run must have done 1 or more iterations, got ${iterations}`);
  if (!Number.isInteger(costEvaluations) || costEvaluations < iterations + 1)
    throw new Error(
      `photo phases: ${iterations} iterations need at least ${iterations + 1} evaluations (one each and J(Θ₀)), got ${costEvaluations}`,
    );
  const perIteration = (costEvaluations - 1) / iterations;
  return { perIteration, lineSearchExtra: perIteration - 1 };
}

/** Everything the breakdown prints (and `--json` carries). */
export interface PhotoPhases {
  readonly sizes: readonly number[];
  readonly m: number;
  readonly nonzeros: number;
  readonly layout: string;
  /** This core measured: its clock and what the kernel's inner loop alone reaches (f64x2, no FMA). */
  readonly roof: SimdRoof;
  readonly flops: EvaluationFlops;
  readonly times: PhaseTimes;
  readonly rows: readonly PhaseRow[];
  readonly speedup: number;
  readonly efficiency: number;
  /** From the photo run's JSON: its iterations and the optimizer's evaluations. */
  readonly run: {
    readonly iterations: number;
    readonly costEvaluations: number;
    readonly perIteration: number;
    readonly lineSearchExtra: number;
    /** The run's measured wall ms per iteration (snapshots included). */
    readonly iterationMs: number;
  };
}

/** The breakdown as lines of text. */
export function formatPhotoPhases(p: PhotoPhases): string[] {
  const n = (v: number | null, digits: number) => (v === null ? '—' : v.toFixed(digits));
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const { times: t, run } = p;
  return [
    `one evaluation of J and ∇J, phase by phase (${p.sizes.join('-')}, ${p.m.toLocaleString('en-US')} photos, ` +
      `${p.nonzeros.toLocaleString('en-US')} nonzero inputs = ${((p.nonzeros / (p.m * p.sizes[0])) * 100).toFixed(1)}%, ` +
      `${p.layout} layout; median CPU ms):`,
    `  measured on this core: clock ${p.roof.clockMhz.toFixed(0)} MHz (a chain of 1-cycle integer operations); ` +
      `the kernel's inner loop alone (x·w added to 12 f64x2 sums, w from L1, no FMA): ` +
      `${p.roof.gflops.toFixed(1)} GFLOP/s = ${p.roof.flopPerCycle.toFixed(2)} flop/cycle (the roof)`,
    `  ${'phase'.padEnd(58)}${'CPU ms'.padStart(9)}${'GFLOP'.padStart(8)}${'GFLOP/s/core'.padStart(14)}${'of roof'.padStart(9)}`,
    ...p.rows.map(
      (r) =>
        `  ${r.phase.padEnd(58)}${n(r.ms, r.ms < 10 ? 2 : 0).padStart(9)}${n(r.gflop, 3).padStart(8)}` +
        `${n(r.gflopsPerCore, 2).padStart(14)}${pct(r.shareOfRoof).padStart(9)}`,
    ),
    `  ${t.threads} threads: wall ${n(t.threadedWallMs, 0)} ms against ${n(t.fullWallMs, 0)} ms on 1: speed-up ` +
      `${p.speedup.toFixed(2)}×, parallel efficiency ${pct(p.efficiency)}; CPU ${(t.threadedCpuMs / t.fullCpuMs).toFixed(2)}× the 1-thread CPU`,
    `  the run: ${run.costEvaluations} evaluations for ${run.iterations} iterations = ${run.perIteration.toFixed(2)} per iteration ` +
      `(${run.lineSearchExtra.toFixed(2)} line-search evaluations beyond the first); at ${n(t.threadedWallMs, 0)} ms each ` +
      `${(run.perIteration * t.threadedWallMs).toFixed(0)} ms of the run's ${run.iterationMs.toFixed(0)} ms per iteration`,
  ];
}
