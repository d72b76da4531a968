/**
 * The cost surface's speed, for `npm run bench`: the default run (784-25-10, λ = 1, 50 iterations of cg on
 * 5,000 training digits) trained here, then a 51-point line from Θ₀ to Θ* (training and validation J) and
 * a 41 × 41 filter-normalized plane around Θ*, both forward-only as the landscape thread computes them.
 * Targets (issue 19): the line ≤ 0.3 s, the plane ≤ 6 s on 2 cores.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultLandscapeThreads, threadLandscape } from '../api/threads/landscape-runner';
import { loadDataSplit } from '../data/load';
import { evenlySpaced, lineSurface, randomPlane } from '../landscape/surfaces';
import { createCostFunction } from '../nn/implementations';
import { initialTheta } from '../nn/init';
import { minimizeSync } from '../nn/optimize/minimize';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';

export interface LandscapeTiming {
  case: string;
  ms: number;
  /** CPU time of this process over the same span (less disturbed by other busy processes); NaN when in other threads. */
  cpuMs: number;
  targetMs: number;
  evaluations: number;
  /**
   * The machine's 1-minute load average when the case ended (os.loadavg): with more busy processes than
   * cores, wall times stretch, so a time is read together with it.
   */
  loadAverage: number;
}

function timed<T>(f: () => T): { value: T; ms: number; cpuMs: number; loadAverage: number } {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = f();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, loadAverage: os.loadavg()[0] };
}

/** Trains the default run, then times its line and its plane (in this thread, and split over the landscape threads). */
export async function benchLandscape(threadFile: string): Promise<LandscapeTiming[]> {
  const hp = DEFAULT_HYPERPARAMETERS;
  const split = loadDataSplit(DEFAULT_DATASET);
  const sizes = [split.train.n, ...hp.hiddenLayers, 10];
  const theta0 = initialTheta(sizes, { init: 'uniform', epsilon: hp.epsilon, seed: hp.seed });
  const f = createCostFunction('fast', sizes, split.train, hp.lambda);
  let theta: Float64Array;
  try {
    theta = minimizeSync(f, theta0, hp).theta;
  } finally {
    f.dispose();
  }
  const data = { train: split.train, validation: split.validation, lambda: hp.lambda };
  const drawLine = () => lineSurface(sizes, data, theta0, theta, evenlySpaced(0, 1, 51), false);
  const line = timed(drawLine);
  // The landscape thread lives on between requests, so every line after the first runs on compiled code.
  const warmLine = timed(drawLine);
  const plane = timed(() => randomPlane(sizes, data, theta, { grid: 41, span: 1, seed: 1 }));
  const threads = defaultLandscapeThreads();
  const runner = threadLandscape(threadFile, threads);
  const job = {
    kind: 'plane' as const,
    runId: 1,
    dataset: DEFAULT_DATASET,
    lambda: hp.lambda,
    sizes,
    theta,
    span: 1,
    seed: 1,
  };
  await runner.run({ ...job, grid: 5 }, null, () => {}); // each thread loads the digits once, untimed
  const lineJob = {
    kind: 'line' as const,
    runId: 1,
    dataset: DEFAULT_DATASET,
    lambda: hp.lambda,
    sizes,
    thetaA: theta0,
    thetaB: theta,
    alphas: evenlySpaced(0, 1, 51),
    align: false,
  };
  await runner.run(lineJob, null, () => {}); // and compiles the line's code, as it has after its first line
  const lineStart = performance.now();
  await runner.run(lineJob, null, () => {});
  const threadedLineMs = performance.now() - lineStart;
  const threadedLineLoad = os.loadavg()[0];
  const t = performance.now();
  await runner.run({ ...job, grid: 41 }, null, () => {});
  const threadedMs = performance.now() - t;
  const threadedLoad = os.loadavg()[0];
  return [
    {
      case: `51-point line Θ₀ → Θ* (J and J_cv, m = ${split.train.m})`,
      ms: line.ms,
      cpuMs: line.cpuMs,
      targetMs: 300,
      // 51 training and 51 validation J; the ends are two of the 51.
      evaluations: 2 * 51,
      loadAverage: line.loadAverage,
    },
    {
      case: `the same line again (the thread's code compiled)`,
      ms: warmLine.ms,
      cpuMs: warmLine.cpuMs,
      targetMs: 300,
      evaluations: 2 * 51,
      loadAverage: warmLine.loadAverage,
    },
    {
      case: `same line, α halves in the landscape threads (${threads})`,
      ms: threadedLineMs,
      cpuMs: NaN,
      targetMs: 300,
      // each thread computes both ends of its half
      evaluations: 2 * 51 + (threads > 1 ? 2 * threads : 0),
      loadAverage: threadedLineLoad,
    },
    {
      case: `41 × 41 plane around Θ*, 1 thread (m = ${split.train.m})`,
      ms: plane.ms,
      cpuMs: plane.cpuMs,
      targetMs: 6000,
      evaluations: 41 * 41 + 17,
      loadAverage: plane.loadAverage,
    },
    {
      case: `41 × 41 plane, the landscape threads (${threads})`,
      ms: threadedMs,
      cpuMs: NaN,
      targetMs: 6000,
      evaluations: 41 * 41 + 17,
      loadAverage: threadedLoad,
    },
  ];
}
