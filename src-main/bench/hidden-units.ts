/**
 * How long opening a hidden unit takes, for `npm run bench`: a finished default run (784-25-10 on
 * 5,000 training digits) in a temporary store, then the first click (reloading the data and m
 * forward passes) and every one of its 25 units after it, each answer turned into JSON as it crosses
 * IPC or HTTP. The target: a click on a cached run well under 50 ms, so stepping through units feels instant.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { hiddenUnitImplementation } from '../api/hidden-unit';
import { loadDataSplit } from '../data/load';
import { initialTheta } from '../nn/init';
import { writeFinishedRun, measuredTrainMetrics } from '../store/fixtures';
import { openStore } from '../store/open';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS } from '../run/hyperparameters';

export interface UnitBenchReport {
  units: number;
  trainSize: number;
  /** The first unit of the run: data load, forward passes, statistics and JSON. */
  firstClickMs: number;
  firstClickCpuMs: number;
  /** Of that, reloading the data and the forward passes. */
  loadMs: number;
  /** Every other unit once the run is cached: median and slowest wall time, median CPU time. */
  clickMedianMs: number;
  clickCpuMedianMs: number;
  clickMaxMs: number;
  /** Size of one answer as JSON (the 18 digit PNGs and 784 weights dominate). */
  answerBytes: number;
}

/** Times opening each hidden unit of a default-sized run. */
export async function benchHiddenUnits(): Promise<UnitBenchReport> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-units-'));
  const store = openStore(path.join(dir, 'runs.db'));
  try {
    const train = loadDataSplit(DEFAULT_DATASET).train;
    const sizes = [784, ...DEFAULT_HYPERPARAMETERS.hiddenLayers, 10];
    const theta = initialTheta(sizes, { init: 'uniform', epsilon: 0.12, seed: 1 });
    const id = writeFinishedRun(store, {
      hyperparameters: DEFAULT_HYPERPARAMETERS,
      dataset: DEFAULT_DATASET,
      sizes,
      theta,
      metrics: measuredTrainMetrics(theta, sizes, train),
    });
    const open = hiddenUnitImplementation(store)['runs.hiddenUnit'];
    // The handler is async (it may load in a thread); here it loads in this one.
    const click = async (unit: number) => {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const answer = JSON.stringify(await open(id, 2, unit));
      const used = process.cpuUsage(cpu);
      return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, answer };
    };
    const first = await click(1);
    const loadMs = (JSON.parse(first.answer) as { timing: { loadMs: number } }).timing.loadMs;
    const times: number[] = [];
    const cpuTimes: number[] = [];
    for (let unit = 2; unit <= sizes[1]; unit++) {
      const c = await click(unit);
      times.push(c.ms);
      cpuTimes.push(c.cpuMs);
    }
    times.sort((a, b) => a - b);
    cpuTimes.sort((a, b) => a - b);
    return {
      units: sizes[1],
      trainSize: train.m,
      firstClickMs: first.ms,
      firstClickCpuMs: first.cpuMs,
      loadMs,
      clickMedianMs: times[Math.floor(times.length / 2)],
      clickCpuMedianMs: cpuTimes[Math.floor(cpuTimes.length / 2)],
      clickMaxMs: times[times.length - 1],
      answerBytes: first.answer.length,
    };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
