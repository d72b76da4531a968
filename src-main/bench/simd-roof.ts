/**
 * What this core does at best, measured rather than modelled from /proc/cpuinfo: the clock it runs at
 * (a dependent chain of 1-cycle integer operations) and the GFLOP/s of the fast kernel's inner loop
 * alone, f64x2 multiply then add with rows read from L1 (simd-roof.wat). The photo phases are set
 * against that roof: on the 2-core Xeon VM we measure on, /proc/cpuinfo says 2,600 MHz and a 4 flop
 * a cycle model (one multiply and one add port) gives 10.4 GFLOP/s, which the kernel exceeded; the
 * core ran at 3,425–3,614 MHz in our runs and has a third floating-point port for adds.
 */
import { median, timeCalls } from './measure';
import roofBase64 from './simd-roof.wat';

export interface RoofExports {
  /** n iterations of x = ((x + y) xor n) × 8, from x = 0, n counting down; returns x. */
  chain(n: number, y: number): number;
  /** n rounds of 12 sums s ← s + x·w, w from row (round mod 16) of the weights at byte 0; returns Σ of the 24 lanes. */
  roof(n: number, x: number): number;
}

/** Weights in the roof's 16 rows of 12 f64x2. */
export const ROOF_WEIGHTS = 16 * 24;

/** Float64 operations a round of the roof: 12 f64x2 multiplies and 12 adds of 2 lanes. */
export const ROOF_FLOP_PER_ROUND = 48;

/** The probes, instantiated, the roof's weights w set to 1, 2, …, 384. */
export function roofKernel(): RoofExports {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(roofBase64, 'base64')), {});
  const exports = instance.exports as unknown as RoofExports & { memory: WebAssembly.Memory };
  new Float64Array(exports.memory.buffer, 0, ROOF_WEIGHTS).set(Array.from({ length: ROOF_WEIGHTS }, (_, i) => i + 1));
  return exports;
}

/** The measured clock and roof of one core. */
export interface SimdRoof {
  readonly clockMhz: number;
  /** Float64 GFLOP/s of the kernel's inner loop alone: f64x2 multiply then add, rows from L1. */
  readonly gflops: number;
  /** The roof in float64 operations per cycle at the measured clock. */
  readonly flopPerCycle: number;
}

/** CPU ms of this process (every thread) spent in one call of `job`. */
const cpuMs = (job: () => void): number => timeCalls(1, job).cpuMs[0];

/**
 * Times the chain and the roof `repeats` times each, alternating (the clock moves with load and
 * heat), after a short untimed run of both; medians of CPU time, so time slices lent to other
 * processes don't count. About 0.1 s a repeat.
 */
export function measureSimdRoof(repeats = 5, iterations = 20_000_000): SimdRoof {
  const { chain, roof } = roofKernel();
  chain(iterations >> 4, 7);
  roof(iterations >> 4, 1e-9);
  const clocks: number[] = [];
  const rates: number[] = [];
  for (let r = 0; r < repeats; r++) {
    // 16 dependent operations an iteration, 1 cycle each: cycles per ms ÷ 1000 is MHz.
    clocks.push((16 * iterations) / (cpuMs(() => chain(iterations, 7)) * 1000));
    rates.push((ROOF_FLOP_PER_ROUND * iterations) / (cpuMs(() => roof(iterations, 1e-9)) * 1e6));
  }
  const clockMhz = median(clocks);
  const gflops = median(rates);
  return { clockMhz, gflops, flopPerCycle: (gflops * 1000) / clockMhz };
}
