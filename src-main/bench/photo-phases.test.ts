import { describe, expect, it } from 'vitest';
import {
  evaluationFlops,
  evaluationsPerIteration,
  formatPhotoPhases,
  gflops,
  parallelEfficiency,
  phaseRows,
  type PhaseTimes,
  type PhotoPhases,
} from './photo-phases';
import { ROOF_FLOP_PER_ROUND, ROOF_WEIGHTS, roofKernel } from './simd-roof';

describe('evaluationFlops', () => {
  it('counts 784-25-10 over 2 examples with 3 nonzeros: 26 padded hidden units, 10 outputs', () => {
    // forward: 2·3·26 + 2·2·25·10 = 156 + 1000; backward: 156 + 2·26 + 2·(4·25·10 + 10) = 156 + 52 + 2020
    expect(evaluationFlops([784, 25, 10], 2, 3)).toEqual({ forward: 1156, backward: 2228, full: 3384 });
  });

  it('pads odd layers to even and adds every dense layer', () => {
    // 3-3-1: p₁ = 4, p₂ = 2. forward 2·3·4 + 2·2·3·2 = 48; backward 24 + 2·4 + 2·(4·3·2 + 2) = 84
    expect(evaluationFlops([3, 3, 1], 2, 3)).toEqual({ forward: 48, backward: 84, full: 132 });
    // 4-3-5-2, 1 example, 2 nonzeros: p = 4, 6, 2. forward 2·2·4 + 2·3·6 + 2·5·2 = 16 + 36 + 20;
    // backward 16 + 4 + (4·3·6 + 6) + (4·5·2 + 2) = 16 + 4 + 78 + 42
    expect(evaluationFlops([4, 3, 5, 2], 1, 2)).toEqual({ forward: 72, backward: 140, full: 212 });
  });

  it('counts no dense layer when the inputs feed the outputs', () => {
    // 4-3: p₁ = 4. forward 2·3·4; backward 24 + 2·4
    expect(evaluationFlops([4, 3], 2, 3)).toEqual({ forward: 24, backward: 32, full: 56 });
  });

  it('names what is wrong with its input', () => {
    expect(() => evaluationFlops([784], 1, 0)).toThrow('layer sizes must be 2 or more whole numbers ≥ 1, got [784]');
    expect(() => evaluationFlops([3, 3, 1], 2, 7)).toThrow('from 0 to m·s₀ = 6, got 7');
    expect(() => evaluationFlops([3, 3, 1], -1, 0)).toThrow('m must be a whole number ≥ 0, got -1');
  });
});

describe('gflops', () => {
  it('rates FLOP over ms as GFLOP/s, none for a time of 0', () => {
    expect(gflops(2e9, 500)).toBe(4);
    expect(gflops(1, 0)).toBeNull();
  });
});

const times: PhaseTimes = {
  forwardCpuMs: 100,
  fullCpuMs: 300,
  fullWallMs: 310,
  reductionMs: 20,
  jobs: 8,
  threads: 2,
  threadedWallMs: 200,
  threadedCpuMs: 400,
};
const flops = { forward: 4e8, backward: 8e8, full: 1.2e9 };

describe('phaseRows', () => {
  it('splits full into forward, backward + cost and the reduction, each against the roof', () => {
    const rows = phaseRows(times, flops, 20);
    expect(rows.map((r) => r.ms)).toEqual([100, 180, 20, 300, 400]);
    expect(rows.map((r) => r.gflop)).toEqual([0.4, 0.8, null, 1.2, 1.2]);
    // 4e8 / 100 ms = 4 GFLOP/s; 8e8 / 180 ms = 4.444…; 1.2e9 / 300 ms = 4; over 400 CPU ms of 2 threads, 3 per core
    expect(rows[0].gflopsPerCore).toBe(4);
    expect(rows[1].gflopsPerCore).toBeCloseTo(4.444444444, 8);
    expect(rows[2].gflopsPerCore).toBeNull();
    expect(rows[3].gflopsPerCore).toBe(4);
    expect(rows[4].gflopsPerCore).toBe(3);
    // against a measured roof of 20 GFLOP/s per core
    expect(rows.map((r) => r.shareOfRoof)).toEqual([0.2, expect.closeTo(0.2222222222, 8), null, 0.2, 0.15]);
    expect(rows[2].phase).toBe("reduction: 8 jobs' Δ added, J and ∇J finished in JS");
    expect(rows[4].phase).toBe('full evaluation, 2 threads (CPU of all)');
  });

  it('gives the speed-up of the threads and the parallel efficiency', () => {
    // 310 / 200 = 1.55 on 2 threads
    expect(parallelEfficiency(times)).toEqual({ speedup: 1.55, efficiency: 0.775 });
  });
});

describe('evaluationsPerIteration', () => {
  it('leaves out the optimizer’s J(Θ₀) and counts the line search’s extra evaluations', () => {
    expect(evaluationsPerIteration(10, 3)).toEqual({ perIteration: 3, lineSearchExtra: 2 });
    const r = evaluationsPerIteration(241, 100);
    expect(r.perIteration).toBe(2.4);
    expect(r.lineSearchExtra).toBeCloseTo(1.4, 12);
  });

  it('refuses counts no L-BFGS run can give', () => {
    expect(() => evaluationsPerIteration(3, 3)).toThrow('3 iterations need at least 4 evaluations');
    expect(() => evaluationsPerIteration(5, 0)).toThrow('1 or more iterations, got 0');
  });
});

describe('formatPhotoPhases', () => {
  const phases: PhotoPhases = {
    sizes: [784, 25, 10],
    m: 2,
    nonzeros: 3,
    layout: 'WebAssembly SIMD kernel, sparse',
    roof: { clockMhz: 3300, gflops: 20, flopPerCycle: 6.06 },
    flops,
    times,
    rows: phaseRows(times, flops, 20),
    ...parallelEfficiency(times),
    run: { iterations: 100, costEvaluations: 241, ...evaluationsPerIteration(241, 100), iterationMs: 500 },
  };

  it('prints the measured clock and roof, each phase and the run’s evaluations per iteration', () => {
    const lines = formatPhotoPhases(phases);
    expect(lines[0]).toBe(
      'one evaluation of J and ∇J, phase by phase (784-25-10, 2 photos, 3 nonzero inputs = 0.2%, ' +
        'WebAssembly SIMD kernel, sparse layout; median CPU ms):',
    );
    expect(lines[1]).toBe(
      "  measured on this core: clock 3300 MHz (a chain of 1-cycle integer operations); the kernel's inner loop " +
        'alone (x·w added to 12 f64x2 sums, w from L1, no FMA): 20.0 GFLOP/s = 6.06 flop/cycle (the roof)',
    );
    expect(lines[3]).toMatch(/^ {2}forward pass alone \(predict\), 1 thread +100 +0\.400 +4\.00 +20\.0%$/);
    expect(lines[5]).toMatch(/^ {2}reduction: .* +20 +— +— +—$/);
    expect(lines[8]).toBe(
      '  2 threads: wall 200 ms against 310 ms on 1: speed-up 1.55×, parallel efficiency 77.5%; CPU 1.33× the 1-thread CPU',
    );
    expect(lines[9]).toBe(
      '  the run: 241 evaluations for 100 iterations = 2.40 per iteration (1.40 line-search evaluations beyond the ' +
        "first); at 200 ms each 480 ms of the run's 500 ms per iteration",
    );
  });
});

describe('the roof probes', () => {
  it('run the dependent integer chain and the kernel-shaped multiply-adds they are timed on', () => {
    const { chain, roof } = roofKernel();
    // x = ((x + 3) xor 1) eight times from 0: 2, 4, 6, …, 16
    expect(chain(1, 3)).toBe(16);
    // Round r reads row r mod 16, whose weights are 24r + 1 … 24r + 24 (Σ = 576r + 300).
    expect(roof(1, 2)).toBe(600);
    expect(roof(2, 0.5)).toBe(0.5 * (300 + 876));
    // All 16 rows once: x·Σ 1…384 = 0.5 · 73,920; twice over, twice that.
    expect(roof(16, 0.5)).toBe(36_960);
    expect(roof(32, 0.5)).toBe(73_920);
    expect(roof(0, 2)).toBe(0);
    expect(ROOF_WEIGHTS).toBe(384);
    expect(ROOF_FLOP_PER_ROUND).toBe(48);
  });
});
