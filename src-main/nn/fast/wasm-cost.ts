/**
 * The fast cost function on the WebAssembly kernel: one shared memory holding the CSR inputs and Θ,
 * the calling thread plus optional worker threads each summing cost and Δ over a part of the examples,
 * and the partial Δ added up here before J and the gradient are finished in float64.
 */
import type { CostFunction } from '../cost';
import type { LayerSizes } from '../shape';
import { checkEvaluateArguments } from './checks';
import { gradientFromKernel, toKernelLayout, type KernelLayout } from './layout';
import { pagesFor, planMemory, writeStaticData } from './memory-plan';
import type { CsrMatrix } from './sparse';
import { KernelThreads, type ThreadJob } from './thread-pool';
import { createSharedMemory, instantiateKernel, kernelModule } from './wasm-kernel';

/**
 * Below this many examples per thread a round trip to a worker (tens of µs) costs more than it saves,
 * so small mini-batches, down to a single example, run in the calling thread alone.
 */
export const MIN_EXAMPLES_PER_THREAD = 256;

/** Builds the WebAssembly-backed cost function; `threads` counts the calling thread. */
export function createWasmCost(
  sizes: LayerSizes,
  layout: KernelLayout,
  csr: CsrMatrix,
  labels: Uint8Array,
  lambda: number,
  threads: number,
): CostFunction {
  const m = csr.rows;
  const plan = planMemory(layout, csr, threads);
  let rowsCapacity = m;
  const memory = createSharedMemory(pagesFor(plan, rowsCapacity));
  writeStaticData(memory.buffer, plan, layout, csr, labels);
  const kernel = instantiateKernel(memory);
  const pool = threads > 1 ? new KernelThreads(kernelModule(), memory, threads - 1) : null;

  let views = makeViews();
  function makeViews() {
    const buffer = memory.buffer;
    return {
      theta: new Float64Array(buffer, plan.theta, layout.length),
      accumulators: plan.accumulators.map((at) => new Float64Array(buffer, at, layout.length)),
      rows: new Uint32Array(buffer, plan.rows, rowsCapacity),
    };
  }

  // Splits of the full data set that give each thread about the same number of nonzero inputs.
  const balancedSplits = new Map<number, number[]>();
  function splitByNonzeros(parts: number): number[] {
    let bounds = balancedSplits.get(parts);
    if (bounds) return bounds;
    bounds = [0];
    const total = csr.rowStart[m];
    let e = 0;
    for (let part = 1; part < parts; part++) {
      const target = (total * part) / parts;
      while (e < m && csr.rowStart[e] < target) e++;
      bounds.push(Math.max(e, bounds[bounds.length - 1]));
    }
    bounds.push(m);
    balancedSplits.set(parts, bounds);
    return bounds;
  }

  let disposed = false;
  let workersStarted = false;
  return {
    sizes,
    lambda,
    m,
    evaluate(theta: Float64Array, grad: Float64Array, rows?: Uint32Array): number {
      if (disposed) throw new Error('fast cost: evaluate was called after dispose()');
      checkEvaluateArguments(sizes, m, theta, grad, rows);
      const count = rows === undefined ? m : rows.length;
      if (rows !== undefined && rows.length > rowsCapacity) {
        memory.grow(pagesFor(plan, rows.length) - memory.buffer.byteLength / 65536);
        rowsCapacity = rows.length;
        views = makeViews();
      }
      toKernelLayout(theta, layout, views.theta);
      if (rows !== undefined) views.rows.set(rows);
      const rowsAt = rows === undefined ? 0 : plan.rows;

      if (pool && !workersStarted && count >= 2 * MIN_EXAMPLES_PER_THREAD) {
        // Wait for the workers once, so that every large evaluation splits the examples the same way
        // and gives the same bits (the split changes the order of the float64 sums).
        pool.waitUntilStarted();
        workersStarted = true;
      }
      const ready = pool ? pool.readyWorkers() : [];
      const parts = Math.max(1, Math.min(1 + ready.length, Math.floor(count / MIN_EXAMPLES_PER_THREAD)));
      let cost: number;
      if (parts === 1) {
        cost = kernel.accumulate(0, count, rowsAt, plan.accumulators[0], plan.scratch[0]);
      } else {
        const bounds = rows === undefined ? splitByNonzeros(parts) : Array.from({ length: parts + 1 }, (_, i) => Math.round((count * i) / parts));
        const jobs: ThreadJob[] = [];
        for (let part = 1; part < parts; part++) {
          jobs.push({ from: bounds[part], to: bounds[part + 1], rows: rowsAt, acc: plan.accumulators[part], scratch: plan.scratch[part] });
        }
        let own = 0;
        const workerCosts = pool!.run(ready.slice(0, parts - 1), jobs, () => {
          own = kernel.accumulate(bounds[0], bounds[1], rowsAt, plan.accumulators[0], plan.scratch[0]);
        });
        cost = own;
        const total = views.accumulators[0];
        for (let part = 1; part < parts; part++) {
          cost += workerCosts[part - 1];
          const partial = views.accumulators[part];
          for (let i = 0; i < total.length; i++) total[i] += partial[i];
        }
      }
      const regularization = gradientFromKernel(views.accumulators[0], theta, layout, count, lambda, grad);
      return cost / count + regularization;
    },
    dispose(): void {
      disposed = true;
      pool?.dispose();
    },
  };
}
