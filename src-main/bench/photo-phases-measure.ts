/**
 * Times one evaluation of J and ∇J on the bench's 60,000 photos phase by phase, in this process: the
 * forward pass alone (the kernel's predict runs the same $forward as an evaluation), a full evaluation
 * on 1 thread and on the machine's threads, and the reduction the cost function reports
 * (lastReductionMs); then the core's own clock and f64x2 roof (simd-roof.ts). photo-phases.ts turns the
 * times into FLOP rates and shares of the roof.
 */
import { loadDigitsFile } from '../data/load';
import { createFastCost, defaultThreads, inputDensity, type FastCostFunction } from '../nn/fast';
import { initialTheta } from '../nn/init';
import { DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';
import type { PhotoData } from './photo-data';
import {
  evaluationFlops,
  evaluationsPerIteration,
  parallelEfficiency,
  phaseRows,
  type PhaseTimes,
  type PhotoPhases,
} from './photo-phases';
import { median, timeCalls } from './measure';
import { measureSimdRoof } from './simd-roof';
import type { CommandTiming } from './startup';

/** Median wall and CPU ms (this process, every thread) of `repeats` calls of `job`, after one untimed call. */
function timeJob(repeats: number, job: () => void): { wallMs: number; cpuMs: number } {
  job();
  const { wallMs, cpuMs } = timeCalls(repeats, job);
  return { wallMs: median(wallMs), cpuMs: median(cpuMs) };
}

/**
 * Measures the phases on the photo run's training images (all 60,000, in file order: the same
 * nonzeros as the run's shuffled set) at the run's Θ₀ and λ, `repeats` timings of each (median);
 * `run` is the photo command's timing, for its evaluations per iteration.
 */
export function measurePhotoPhases(photos: PhotoData, run: CommandTiming, repeats = 3): PhotoPhases {
  const sizes = [784, ...DEFAULT_HYPERPARAMETERS.hiddenLayers, 10];
  const { epsilon, seed, lambda } = DEFAULT_HYPERPARAMETERS;
  const theta = initialTheta(sizes, { init: 'uniform', epsilon, seed });
  const grad = new Float64Array(theta.length);
  const examples = loadDigitsFile(photos.trainImages, photos.trainLabels);
  const nonzeros = Math.round(inputDensity(examples.X) * examples.X.length);

  const one: FastCostFunction = createFastCost(sizes, examples, lambda, { threads: 1 });
  let single: Pick<PhaseTimes, 'forwardCpuMs' | 'fullCpuMs' | 'fullWallMs' | 'reductionMs' | 'jobs'>;
  const layout = `${one.kernel === 'wasm' ? 'WebAssembly SIMD' : 'JavaScript'} kernel, ${one.layout}`;
  try {
    if (!one.predict || one.lastReductionMs === undefined)
      throw new Error(`bench: photo phases need the WebAssembly kernel (got the ${one.kernel} one)`);
    const predict = one.predict.bind(one);
    const forward = timeJob(repeats, () => predict(theta));
    const reductions: number[] = [];
    const full = timeJob(repeats, () => {
      one.evaluate(theta, grad);
      reductions.push(one.lastReductionMs!);
    });
    // The untimed first call's reduction is left out: only the timed calls' median.
    single = {
      forwardCpuMs: forward.cpuMs,
      fullCpuMs: full.cpuMs,
      fullWallMs: full.wallMs,
      reductionMs: median(reductions.slice(1)),
      jobs: one.lastJobs,
    };
  } finally {
    one.dispose();
  }

  const threads = defaultThreads();
  const many = createFastCost(sizes, examples, lambda, { threads });
  let threaded: { wallMs: number; cpuMs: number };
  try {
    threaded = timeJob(repeats, () => many.evaluate(theta, grad));
  } finally {
    many.dispose();
  }

  const times: PhaseTimes = {
    ...single,
    threads,
    threadedWallMs: threaded.wallMs,
    threadedCpuMs: threaded.cpuMs,
  };
  // Layer 1 visits the nonzeros in the sparse layout, every input in the dense one.
  const visited = one.layout === 'sparse' ? nonzeros : examples.X.length;
  const flops = evaluationFlops(sizes, examples.m, visited);
  const roof = measureSimdRoof();
  const optimizerPhase = run.phases.find((p) => p.name.startsWith('per iteration'));
  if (!optimizerPhase) throw new Error('bench: the photo run has no per-iteration phase');
  return {
    sizes,
    m: examples.m,
    nonzeros,
    layout,
    roof,
    flops,
    times,
    rows: phaseRows(times, flops, roof.gflops),
    ...parallelEfficiency(times),
    run: {
      iterations: run.iterations,
      costEvaluations: run.output.costEvaluations,
      ...evaluationsPerIteration(run.output.costEvaluations, run.iterations),
      iterationMs: optimizerPhase.ms,
    },
  };
}
