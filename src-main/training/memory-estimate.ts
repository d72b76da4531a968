/**
 * What a training run will need in memory, estimated before it starts, so that a network too large
 * for the machine (8 hidden layers of 4,096 units: 121 million weights, ~1 GB per copy of Θ) is
 * refused with a clear message instead of growing a worker to gigabytes and failing half-way.
 *
 * The estimate adds up, in bytes: the runtime; the examples (as bytes and as doubles); the copies
 * of Θ the optimizer keeps (cg 7, lbfgs 2·10 + 5, sgd 3) plus Θ₀ and the gradient; and what the
 * chosen implementation allocates: the fast kernel's shared memory (Θ in its layout, one Δ
 * accumulator per job, the packed inputs), the vectorized one's activations of every training
 * example, the loop's Δ. The budget is half of the memory free now, or BACKPROP_LAB_MEMORY_BUDGET_MB.
 */
import os from 'node:os';
import { MAX_JOBS, MIN_EXAMPLES_PER_JOB } from '../nn/fast/wasm-cost';
import { CHUNK_EXAMPLES } from '../nn/fast/predict';
import { parameterCount } from '../nn/shape';
import type { DatasetSpec, Hyperparameters } from '../run/hyperparameters';

const MiB = 2 ** 20;
/** Node, the modules and the bundled digits, measured as a worker's RSS before it trains (rounded up). */
export const RUNTIME_BYTES = 96 * MiB;
/** WebAssembly memories hold at most 4 GiB; the kernel stops one 64 KiB page short. */
const WASM_MAX_BYTES = 65535 * 65536;
const CLASSES = 10;

/** Copies of Θ-sized vectors each optimizer keeps (see nn/optimize). */
const OPTIMIZER_VECTORS = { cg: 7, lbfgs: 25, sgd: 3 } as const;

export interface MemoryEstimate {
  /** Everything together, in bytes. */
  readonly bytes: number;
  /** Weights and biases of the network (Θ's length). */
  readonly parameters: number;
  /** The parts, in bytes, for messages and tests. */
  readonly parts: Readonly<Record<'runtime' | 'examples' | 'optimizer' | 'implementation', number>>;
  /** The fast kernel's WebAssembly memory in bytes (0 for the other implementations). */
  readonly kernelBytes: number;
}

/** Estimates the memory of a run of this network on this data (images of width×height pixels). */
export function estimateRunMemory(
  hp: Hyperparameters,
  dataset: Pick<DatasetSpec, 'trainSize' | 'validationSize' | 'testSize'>,
  width: number,
  height: number,
): MemoryEstimate {
  const inputs = width * height;
  const sizes = [inputs, ...hp.hiddenLayers, CLASSES];
  const parameters = parameterCount(sizes);
  const theta = parameters * 8;
  const examples = dataset.trainSize + dataset.validationSize + dataset.testSize;
  const units = sizes.slice(1).reduce((a, b) => a + b + 1, 0);
  // Pixels as bytes when read, then as doubles in the split; predictions hold one layer's activations.
  const exampleBytes = examples * inputs * 9 + examples * Math.max(...sizes.slice(1)) * 8 * 2;
  const optimizer = (OPTIMIZER_VECTORS[hp.optimizer] + 2) * theta;
  let kernelBytes = 0;
  let implementation: number;
  if (hp.impl === 'fast') {
    const jobs = Math.max(1, Math.min(MAX_JOBS, Math.floor(dataset.trainSize / MIN_EXAMPLES_PER_JOB)));
    // Θ in the kernel's padded layout, one Δ accumulator per job, the inputs packed twice, and one
    // chunk of the test set copied as doubles at a time for its final predictions (nn/fast/predict.ts).
    const predicted = Math.min(dataset.testSize, CHUNK_EXAMPLES);
    kernelBytes = (1 + jobs) * (theta + sizes.length * 16 * 8) + (dataset.trainSize + predicted) * inputs * 8;
    implementation = kernelBytes + theta;
  } else if (hp.impl === 'vectorized') {
    // a(l), z(l) and δ(l) of every training example at once, and Δ.
    implementation = 3 * dataset.trainSize * units * 8 + 2 * theta;
  } else {
    implementation = 2 * theta + units * 8 * 4;
  }
  const parts = { runtime: RUNTIME_BYTES, examples: exampleBytes, optimizer, implementation };
  const bytes = parts.runtime + parts.examples + parts.optimizer + parts.implementation;
  return { bytes, parameters, parts, kernelBytes };
}

/** The memory a run may plan to use: half of what is free now, or BACKPROP_LAB_MEMORY_BUDGET_MB when set. */
export function memoryBudget(env: NodeJS.ProcessEnv = process.env): number {
  const fixed = Number(env.BACKPROP_LAB_MEMORY_BUDGET_MB);
  if (env.BACKPROP_LAB_MEMORY_BUDGET_MB !== undefined && Number.isFinite(fixed) && fixed > 0) return fixed * MiB;
  return Math.floor(os.freemem() / 2);
}

/** A run refused before it started because it would not fit in memory. */
export class MemoryBudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryBudgetError';
  }
}

/**
 * Throws a MemoryBudgetError naming the network and the estimate when the run would need more than
 * `budget` bytes, or more than the fast kernel's 4 GiB WebAssembly memory.
 */
export function checkRunMemory(
  hp: Hyperparameters,
  dataset: Pick<DatasetSpec, 'trainSize' | 'validationSize' | 'testSize'>,
  width: number,
  height: number,
  budget: number = memoryBudget(),
): MemoryEstimate {
  const estimate = estimateRunMemory(hp, dataset, width, height);
  const network = `${width * height}-${hp.hiddenLayers.join('-')}-${CLASSES}`;
  const what = `the network ${network} (${estimate.parameters.toLocaleString('en-US')} weights) with ${hp.optimizer} and the ${hp.impl} implementation on ${dataset.trainSize.toLocaleString('en-US')} training examples`;
  if (estimate.kernelBytes > WASM_MAX_BYTES) {
    throw new MemoryBudgetError(
      `${what} needs about ${gib(estimate.kernelBytes)} of WebAssembly memory, more than the 4 GiB it can hold; use fewer or smaller hidden layers, or impl 'vectorized'`,
    );
  }
  if (estimate.bytes > budget) {
    throw new MemoryBudgetError(
      `${what} needs about ${gib(estimate.bytes)} of memory, more than the ${gib(budget)} budget (half of the memory free now); use fewer or smaller hidden layers or fewer examples`,
    );
  }
  return estimate;
}

/**
 * Why a queued run must wait before it starts beside the runs training now, or null when it fits: the
 * runs training at once share one budget, so a run is held while its estimate and theirs together
 * exceed it (it fits alone: the check when it was queued saw to that).
 */
export function memoryHold(trainingBytes: readonly number[], nextBytes: number, budget: number): string | null {
  const training = trainingBytes.reduce((a, b) => a + b, 0);
  if (trainingBytes.length === 0 || training + nextBytes <= budget) return null;
  const runs =
    trainingBytes.length === 1 ? 'the run training now plans' : `the ${trainingBytes.length} runs training now plan`;
  return (
    `waiting for memory: this run needs about ${gib(nextBytes)} and ${runs} ${gib(training)}; together ` +
    `${gib(training + nextBytes)}, more than the ${gib(budget)} budget they share; it starts when enough of them have finished`
  );
}

function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.ceil(bytes / MiB)} MiB`;
}
