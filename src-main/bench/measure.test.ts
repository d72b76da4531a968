import { describe, expect, it } from 'vitest';
import { denseFlops, disagreement, median, timeCalls, timeEvaluations } from './measure';
import { formatBench } from './compute-format';
import type { BenchReport } from './compute-report';
import { createLoopCost } from '../nn/loop';
import { createFastCost } from '../nn/fast';
import { debugNetwork } from '../nn/debug-network';
import { parameterCount } from '../nn/shape';

describe('bench measurements', () => {
  it('counts 4·m·W dense FLOP: 397.7 MFLOP for 784-25-10 on 5,000 examples', () => {
    expect(parameterCount([784, 25, 10])).toBe(19885);
    expect(denseFlops(5000, 19885)).toBe(397_700_000);
  });

  it('finds no disagreement between a cost function and itself, and a tiny one between fast and loop', () => {
    const { sizes, theta, examples } = debugNetwork();
    const loop = createLoopCost(sizes, examples, 3);
    expect(disagreement(loop, loop, theta)).toEqual({ cost: 0, gradient: 0 });
    const fast = createFastCost(sizes, examples, 3, { threads: 1 });
    try {
      const { cost, gradient } = disagreement(fast, loop, theta);
      expect(cost).toBeLessThan(1e-14);
      expect(gradient).toBeLessThan(1e-13);
    } finally {
      fast.dispose();
    }
  });

  it('times the requested number of evaluations and refuses none', () => {
    const { sizes, theta, examples } = debugNetwork();
    const loop = createLoopCost(sizes, examples, 0);
    let calls = 0;
    const counted = { ...loop, evaluate: (t: Float64Array, g: Float64Array) => (calls++, loop.evaluate(t, g)) };
    const timing = timeEvaluations(counted, theta, 2, 5);
    expect(calls).toBe(7);
    expect(timing.evaluations).toBe(5);
    expect(timing.minMs).toBeLessThanOrEqual(timing.medianMs);
    expect(() => timeEvaluations(loop, theta, 0, 0)).toThrow(
      'bench: the number of timed evaluations must be ≥ 1, got 0',
    );
  });
});

describe('formatBench', () => {
  it('prints one row per implementation and every section', () => {
    const timing = { evaluations: 20, medianMs: 12.345, minMs: 10, cpuMedianMs: 11, threads: 1, gflops: 32.2 };
    const training = {
      examples: 5000,
      optimizer: 'lbfgs',
      iterations: 100,
      evaluations: 105,
      trainingMs: 1500,
      setupMs: 0,
      finalCost: 0.287967,
      note: 'fast',
    };
    const report: BenchReport = {
      machine: { cpus: 2, node: 'v20.20.2', threadsForFast: 2 },
      network: '784-25-10',
      examples: 5000,
      lambda: 1,
      flopsPerEvaluation: 397_700_000,
      implementations: { loop: timing, vectorized: timing, fast: { ...timing, threads: 2 } },
      fastVariants: [{ name: 'WebAssembly SIMD', evaluations: 20, medianMs: 9, minMs: 8, cpuMedianMs: 9 }],
      agreement: { loop: { cost: 1e-15, gradient: 2e-15 }, vectorized: { cost: 3e-15, gradient: 4e-15 } },
      lbfgs: training,
      large: null,
      defaultRunPeakRssMb: 150.4,
      peakRssMb: 800,
    };
    const text = formatBench(report);
    expect(text).toContain('FLOP count: 4·m·W = 397.7 MFLOP per evaluation');
    expect(text).toMatch(/^fast\s+2\s+20\s+12\.35\s+10\.00\s+11\.00\s+32\.20$/m);
    expect(text).toMatch(/^loop\s+1\s+20\s+12\.35/m);
    expect(text).toContain(
      'L-BFGS, 5,000 examples: 1.50 s training (100 iterations, 105 evaluations, 14.3 ms each), final J = 0.287967',
    );
    expect(text).toContain('L-BFGS, 60,000 examples: skipped');
    expect(text).toContain('peak RSS 150 MB');
  });
});

describe('median and timeCalls', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('times each call once, wall and CPU', () => {
    let calls = 0;
    const { wallMs, cpuMs } = timeCalls(3, () => calls++);
    expect(calls).toBe(3);
    expect(wallMs).toHaveLength(3);
    expect(cpuMs).toHaveLength(3);
  });
});
