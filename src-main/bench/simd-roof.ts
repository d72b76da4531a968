/**
 * What this core does at best, measured rather than taken from /proc/cpuinfo: the clock it runs at
 * (a dependent chain of 1-cycle integer operations) and the GFLOP/s of independent f64x2 multiplies
 * and adds without FMA (simd-roof.wat). The photo phases are set against both: a VM's "cpu MHz" is
 * the nominal clock, not the turbo one, and some cores have more than one multiply and one add port.
 */
import roofBase64 from './simd-roof.wat';

export interface RoofExports {
  /** n iterations of x = ((x + y) xor n) × 8, from x = 0, n counting down; returns x. */
  chain(n: number, y: number): number;
  /** n iterations of 6 products m ← m·c and 6 sums a ← a + (c − 1), from m = c, a = 0; returns Σm + Σa. */
  roof(n: number, c: number): number;
}

/** The probes, instantiated. */
export function roofKernel(): RoofExports {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(roofBase64, 'base64')), {});
  return instance.exports as unknown as RoofExports;
}

/** The measured clock and roof of one core. */
export interface SimdRoof {
  readonly clockMhz: number;
  /** Float64 GFLOP/s of f64x2 multiplies and adds (half each), no FMA, no memory. */
  readonly gflops: number;
  /** The roof in float64 operations per cycle at the measured clock. */
  readonly flopPerCycle: number;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];

/** CPU ms of this process (every thread) spent in `job`. */
function cpuMs(job: () => void): number {
  const start = process.cpuUsage();
  job();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/**
 * Times the chain and the roof `repeats` times each, alternating (the clock moves with load and
 * heat), after a short untimed run of both; medians of CPU time, so time slices lent to other
 * processes don't count. About 0.1 s a repeat.
 */
export function measureSimdRoof(repeats = 5, iterations = 20_000_000): SimdRoof {
  const { chain, roof } = roofKernel();
  chain(iterations >> 4, 7);
  roof(iterations >> 4, 1.0000001);
  const clocks: number[] = [];
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // 16 dependent operations an iteration, 1 cycle each: cycles per ms ÷ 1000 is MHz.
    clocks.push((16 * iterations) / (cpuMs(() => chain(iterations, 7)) * 1000));
    // 6 multiplies and 6 adds of 2 lanes an iteration.
    rates.push((24 * iterations) / (cpuMs(() => roof(iterations, 1.0000001)) * 1e6));
  }
  const clockMhz = median(clocks);
  const gflops = median(rates);
  return { clockMhz, gflops, flopPerCycle: (gflops * 1000) / clockMhz };
}
