/**
 * The fast cost function on the WebAssembly kernel: one shared memory holding the inputs and Θ, the
 * calling thread plus optional worker threads each summing cost and Δ over a part of the examples,
 * and the partial Δ added up here before J and the gradient are finished in float64.
 *
 * A full evaluation (no `rows`) runs block by block (accumulateBlocks: Δ(1) by column within blocks of
 * examples); a mini-batch runs example by example through its row list (accumulate).
 */
import type { CostFunction } from '../cost';
import type { LayerSizes } from '../shape';
import { checkEvaluateArguments } from './checks';
import { gradientFromKernel, toKernelLayout, type KernelLayout } from './layout';
import { pagesFor, planMemory, writeStaticData } from './memory-plan';
import { packBlocks, type PackedRows } from './packed';
import { KernelThreads, type ThreadJob } from './thread-pool';
import { createSharedMemory, instantiateKernel, kernelModule } from './wasm-kernel';

/**
 * Below this many examples per thread a round trip to a worker (tens of µs) costs more than it saves,
 * so small mini-batches, down to a single example, run in the calling thread alone.
 */
export const MIN_EXAMPLES_PER_THREAD = 256;

/** Examples per block of a full evaluation: the block's δ(2) (64 × 26 float64 for 25 hidden units) stays in L1 cache. */
export const BLOCK_EXAMPLES = 64;

/** A cost function that also tells how many threads its last evaluation used (the bench reports it). */
export interface FastCostFunction extends CostFunction {
  /** Threads (the calling one included) that shared the last evaluation; 0 before the first. */
  readonly lastThreads: number;
  /** The kernel doing the math: WebAssembly SIMD, or the JavaScript fallback. */
  readonly kernel: 'wasm' | 'js';
}

/** Builds the WebAssembly-backed cost function; `threads` counts the calling thread. */
export function createWasmCost(
  sizes: LayerSizes,
  layout: KernelLayout,
  packed: PackedRows,
  labels: Uint8Array,
  lambda: number,
  threads: number,
): FastCostFunction {
  const m = packed.rows;
  const blocked = packBlocks(packed, BLOCK_EXAMPLES);
  const plan = planMemory(layout, packed, blocked, threads);
  let rowsCapacity = m;
  const memory = createSharedMemory(pagesFor(plan, rowsCapacity));
  writeStaticData(memory.buffer, plan, layout, packed, blocked, labels);
  const kernel = instantiateKernel(memory);
  const pool = threads > 1 ? new KernelThreads(kernelModule(), memory, threads - 1) : null;
  // Block boundaries as nonzero counts, to give each thread about the same work; the inputs
  // themselves now live in the shared memory only.
  const nonzerosBeforeBlock = Float64Array.from({ length: blocked.blocks + 1 }, (_, b) => packed.rowStart[Math.min(m, b * BLOCK_EXAMPLES)]);

  let views = makeViews();
  function makeViews() {
    const buffer = memory.buffer;
    return {
      theta: new Float64Array(buffer, plan.theta, layout.length),
      accumulators: plan.accumulators.map((at) => new Float64Array(buffer, at, layout.length)),
      rows: new Uint32Array(buffer, plan.rows, rowsCapacity),
    };
  }

  /** Splits blocks 0…blocks−1 into `parts` runs of about equal nonzeros. */
  function splitBlocks(parts: number): number[] {
    const bounds = [0];
    let b = 0;
    for (let part = 1; part < parts; part++) {
      const target = (nonzerosBeforeBlock[blocked.blocks] * part) / parts;
      while (b < blocked.blocks && nonzerosBeforeBlock[b] < target) b++;
      bounds.push(b);
    }
    bounds.push(blocked.blocks);
    return bounds;
  }

  function runParts(count: number, rows: Uint32Array | undefined): { cost: number; parts: number } {
    const rowsAt = rows === undefined ? 0 : plan.rows;
    const ready = pool ? pool.readyWorkers() : [];
    const units = rows === undefined ? blocked.blocks : count;
    const perThread = rows === undefined ? MIN_EXAMPLES_PER_THREAD / BLOCK_EXAMPLES : MIN_EXAMPLES_PER_THREAD;
    const parts = Math.max(1, Math.min(1 + ready.length, Math.floor(units / perThread)));
    const bounds = rows === undefined ? splitBlocks(parts) : Array.from({ length: parts + 1 }, (_, i) => Math.round((count * i) / parts));
    const job = (part: number): ThreadJob => ({
      blocks: rows === undefined,
      from: bounds[part],
      to: bounds[part + 1],
      rowsOrM: rows === undefined ? m : rowsAt,
      acc: plan.accumulators[part],
      scratch: plan.scratch[part],
    });
    const runOwn = () => {
      const own = job(0);
      return own.blocks
        ? kernel.accumulateBlocks(own.from, own.to, m, own.acc, own.scratch)
        : kernel.accumulate(own.from, own.to, own.rowsOrM, own.acc, own.scratch);
    };
    if (parts === 1) return { cost: runOwn(), parts };
    let cost = 0;
    const jobs = Array.from({ length: parts - 1 }, (_, i) => job(i + 1));
    const workerCosts = pool!.run(ready.slice(0, parts - 1), jobs, () => {
      cost = runOwn();
    });
    const total = views.accumulators[0];
    for (let part = 1; part < parts; part++) {
      cost += workerCosts[part - 1];
      const partial = views.accumulators[part];
      for (let i = 0; i < total.length; i++) total[i] += partial[i];
    }
    return { cost, parts };
  }

  let disposed = false;
  let workersStarted = false;
  const costFunction = {
    sizes,
    lambda,
    m,
    lastThreads: 0,
    kernel: 'wasm' as const,
    evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
      if (disposed) throw new Error('fast cost: evaluate was called after dispose()');
      checkEvaluateArguments(sizes, m, theta, grad, rows);
      const count = rows === undefined ? m : rows.length;
      if (rows !== undefined && rows.length > rowsCapacity) {
        memory.grow(pagesFor(plan, rows.length) - memory.buffer.byteLength / 65536);
        rowsCapacity = rows.length;
        views = makeViews();
      }
      if (pool && !workersStarted && count >= 2 * MIN_EXAMPLES_PER_THREAD) {
        // Wait for the workers once, so that every large evaluation splits the examples the same way
        // and gives the same bits (the split changes the order of the float64 sums).
        pool.waitUntilStarted();
        workersStarted = true;
      }
      toKernelLayout(theta, layout, views.theta);
      if (rows !== undefined) views.rows.set(rows);
      const { cost, parts } = runParts(count, rows);
      costFunction.lastThreads = parts;
      const regularization = gradientFromKernel(views.accumulators[0], theta, layout, count, lambda, grad);
      return cost / count + regularization;
    },
    dispose(): void {
      disposed = true;
      pool?.dispose();
    },
  };
  return costFunction;
}
