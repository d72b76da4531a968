/**
 * The fast cost function on the WebAssembly kernel: one shared memory holding the inputs and Θ; an
 * evaluation cut into a fixed list of jobs (examples and a Δ accumulator each) that the calling thread
 * and worker threads share out (thread-pool.ts); the partial Δ added up in job order before J and the
 * gradient are finished in float64.
 *
 * A full evaluation (no `rows`) runs block by block (accumulateBlocks: Δ(1) by column within blocks of
 * examples); a mini-batch runs example by example through its row list (accumulate).
 */
import type { CostFunction } from '../cost';
import type { ModelChoice } from '../model';
import type { LayerSizes } from '../shape';
import { validateThetaLength } from '../validate';
import { checkEvaluateArguments } from './checks';
import { gradientFromKernel, toKernelLayout, type KernelLayout } from './layout';
import type { InputLayoutName, KernelInputs } from './input-layout';
import { pagesFor, planMemory, writeStaticData } from './memory-plan';
import { KernelThreads, type KernelJob } from './thread-pool';
import { createSharedMemory, instantiateKernel, kernelModule } from './wasm-kernel';

/**
 * Below this many examples per job a round trip to a worker (tens of µs) costs more than it saves,
 * so small mini-batches, down to a single example, run in the calling thread alone.
 */
export const MIN_EXAMPLES_PER_JOB = 128;

/**
 * Jobs a large evaluation is cut into, whatever the number of threads: the cut decides the order of
 * the float64 sums, so a fixed cut gives the same bits with 1 thread or 8, on any machine. Several
 * jobs per thread also let a thread whose core is busy elsewhere fall behind without holding up the
 * rest. Adding the 8 partial Δ costs about 1% of an evaluation.
 */
export const MAX_JOBS = 8;

/** Examples per block of a full evaluation: the block's δ(2) (64 × 26 float64 for 25 hidden units) stays in L1 cache. */
export const BLOCK_EXAMPLES = 64;

/** A cost function that also tells how its last evaluation was shared out (the bench reports it). */
export interface FastCostFunction extends CostFunction {
  /** Jobs the last evaluation was cut into (1: the calling thread alone); 0 before the first. */
  readonly lastJobs: number;
  /** Ms the last evaluation spent adding the jobs' Δ and finishing J and ∇J in JavaScript (the bench reports it). */
  readonly lastReductionMs?: number;
  /** The kernel doing the math: WebAssembly SIMD, or the JavaScript fallback. */
  readonly kernel: 'wasm' | 'js';
  /** Threads that may share an evaluation, the calling one included. */
  readonly threads: number;
  /** How the inputs are stored: only the nonzeros, or every one (input-layout.ts). */
  readonly layout: InputLayoutName;
  /**
   * The class of each of the m examples under Θ (forward pass only, in the calling thread): the same
   * classes as predict.ts, as the forward pass is the same arithmetic. Absent on the JavaScript kernel.
   */
  predict?(theta: Float64Array): Uint8Array;
  /**
   * a(L−1), the last hidden layer, of each of the m examples under Θ: m rows of the layer's units
   * padded to even (the padding is 0). For judge.ts, which finishes the output layer itself.
   */
  lastHidden?(theta: Float64Array): Float64Array;
}

/** Builds the WebAssembly-backed cost function of `model`; `threads` counts the calling thread. */
export function createWasmCost(
  sizes: LayerSizes,
  layout: KernelLayout,
  inputs: KernelInputs,
  labels: Uint8Array,
  lambda: number,
  threads: number,
  model: ModelChoice,
): FastCostFunction {
  const m = inputs.m;
  const maxJobs = MAX_JOBS;
  const blocks = Math.ceil(m / BLOCK_EXAMPLES);
  const plan = planMemory(layout, inputs, BLOCK_EXAMPLES, maxJobs, threads);
  let rowsCapacity = m;
  const memory = createSharedMemory(pagesFor(plan, rowsCapacity));
  writeStaticData(memory.buffer, plan, layout, inputs, BLOCK_EXAMPLES, labels, model);
  const kernel = instantiateKernel(memory);
  const pool = threads > 1 ? new KernelThreads(kernelModule(), memory, plan.scratch.slice(1), maxJobs) : null;
  // Block boundaries as nonzero counts, to give each job about the same work. The dense layout cuts by
  // the same counts (not by its own, uniform, work) so that both layouts sum the same groups of
  // examples and give the same bits. The inputs themselves now live in the shared memory only.
  const nonzerosBefore = inputs.kind === 'sparse' ? inputs.packed.rowStart : inputs.nonzerosBefore;
  const inputsBeforeBlock = Float64Array.from(
    { length: blocks + 1 },
    (_, b) => nonzerosBefore[Math.min(m, b * BLOCK_EXAMPLES)],
  );

  let views = makeViews();
  function makeViews() {
    const buffer = memory.buffer;
    return {
      theta: new Float64Array(buffer, plan.theta, layout.length),
      accumulators: plan.accumulators.map((at) => new Float64Array(buffer, at, layout.length)),
      rows: new Uint32Array(buffer, plan.rows, rowsCapacity),
    };
  }

  /** Cuts the evaluation into jobs: runs of blocks with about equal nonzeros, or equal runs of rows. */
  function planJobs(count: number, rows: Uint32Array | undefined): KernelJob[] {
    const full = rows === undefined;
    const units = full ? blocks : count;
    const perJob = full ? Math.ceil(MIN_EXAMPLES_PER_JOB / BLOCK_EXAMPLES) : MIN_EXAMPLES_PER_JOB;
    const jobs = Math.max(1, Math.min(maxJobs, Math.floor(units / perJob)));
    const bounds = [0];
    if (full) {
      let b = 0;
      for (let j = 1; j < jobs; j++) {
        const target = (inputsBeforeBlock[blocks] * j) / jobs;
        while (b < blocks && inputsBeforeBlock[b] < target) b++;
        bounds.push(b);
      }
    } else {
      for (let j = 1; j < jobs; j++) bounds.push(Math.round((count * j) / jobs));
    }
    bounds.push(units);
    return Array.from({ length: jobs }, (_, j) => ({
      blocks: full,
      from: bounds[j],
      to: bounds[j + 1],
      rowsOrM: full ? m : plan.rows,
      acc: plan.accumulators[j],
    }));
  }

  let reductionMs = 0;
  /** Adds job j's Δ into job 0's, in job order; the time counts toward lastReductionMs. */
  function addJob(j: number): void {
    const start = performance.now();
    addInto(views.accumulators[0], views.accumulators[j]);
    reductionMs += performance.now() - start;
  }

  function runJobs(jobs: KernelJob[]): number {
    // Alone, the calling thread runs the same jobs in order and adds them up in the same order.
    if (jobs.length === 1 || !pool) {
      let cost = 0;
      jobs.forEach((job, j) => {
        cost += job.blocks
          ? kernel.accumulateBlocks(job.from, job.to, job.rowsOrM, job.acc, plan.scratch[0])
          : kernel.accumulate(job.from, job.to, job.rowsOrM, job.acc, plan.scratch[0]);
        if (j > 0) addJob(j);
      });
      return cost;
    }
    const costs = pool.run(jobs, kernel, plan.scratch[0]);
    let cost = costs[0];
    for (let j = 1; j < jobs.length; j++) {
      cost += costs[j];
      addJob(j);
    }
    return cost;
  }

  /** Makes the row list (the memory's growable end) hold at least `count` u32. */
  function reserveRows(count: number): void {
    if (count <= rowsCapacity) return;
    memory.grow(pagesFor(plan, count) - memory.buffer.byteLength / 65536);
    rowsCapacity = count;
    views = makeViews();
  }

  let disposed = false;
  const costFunction = {
    sizes,
    lambda,
    m,
    lastJobs: 0,
    lastReductionMs: 0,
    kernel: 'wasm' as const,
    threads,
    layout: inputs.kind,
    evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
      if (disposed) throw new Error('fast cost: evaluate was called after dispose()');
      if (inputs.kind === 'sparse' && !inputs.blocked)
        throw new Error('fast cost: these inputs were packed for forward passes (predictions) only');
      checkEvaluateArguments(sizes, m, theta, grad, rows);
      const count = rows === undefined ? m : rows.length;
      if (rows !== undefined) reserveRows(rows.length);
      toKernelLayout(theta, layout, views.theta);
      if (rows !== undefined) views.rows.set(rows);
      const jobs = planJobs(count, rows);
      reductionMs = 0;
      const cost = runJobs(jobs);
      costFunction.lastJobs = jobs.length;
      const finishStart = performance.now();
      const regularization = gradientFromKernel(views.accumulators[0], theta, layout, count, lambda, grad);
      costFunction.lastReductionMs = reductionMs + (performance.now() - finishStart);
      return cost / count + regularization;
    },
    predict(theta: Float64Array): Uint8Array {
      if (disposed) throw new Error('fast cost: predict was called after dispose()');
      validateThetaLength(sizes, theta);
      toKernelLayout(theta, layout, views.theta);
      // The row list is scratch between calls and holds at least m u32, room for m class bytes.
      kernel.predict(0, m, plan.rows, plan.scratch[0]);
      return new Uint8Array(memory.buffer, plan.rows, m).slice();
    },
    lastHidden(theta: Float64Array): Float64Array {
      if (disposed) throw new Error('fast cost: lastHidden was called after dispose()');
      validateThetaLength(sizes, theta);
      if (sizes.length < 3) throw new Error('fast cost: lastHidden needs a hidden layer');
      toKernelLayout(theta, layout, views.theta);
      const width = layout.padded[sizes.length - 2];
      // The row list is scratch between calls: grown to hold m × width f64.
      reserveRows(m * width * 2);
      kernel.lastHidden(0, m, plan.rows, plan.scratch[0]);
      return new Float64Array(memory.buffer, plan.rows, m * width).slice();
    },
    dispose(): void {
      disposed = true;
      pool?.dispose();
    },
  };
  return costFunction;
}

function addInto(total: Float64Array, partial: Float64Array): void {
  for (let i = 0; i < total.length; i++) total[i] += partial[i];
}
