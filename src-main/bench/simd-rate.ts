/**
 * How many float64 operations per second one core does as the fast kernel does them (f64x2 multiply,
 * then add), measured on this machine and this runtime with simd-rate.wat. The photo run's phases are
 * reported as a share of it: what the kernel reaches against what its instructions allow here, which a
 * clock rate read from the system cannot tell (turbo, virtual machines, the runtime's code generation).
 */
import simdRateBase64 from './simd-rate.wat';

/** Multiply-adds of one round: 12 sums × 2 lanes, 2 operations (× and +) each. */
export const OPERATIONS_PER_ROUND = 12 * 2 * 2;

interface SimdRateExports {
  memory: WebAssembly.Memory;
  multiplyAdds(rounds: number, scale: number): number;
}

/** Weights in the probe's 16 rows of 24. */
export const PROBE_WEIGHTS = 16 * 24;

/** The probe, its 384 weights w set to 1, 2, …, 384. */
export function simdRateProbe(): SimdRateExports {
  const module = new WebAssembly.Module(Buffer.from(simdRateBase64, 'base64'));
  const probe = new WebAssembly.Instance(module).exports as unknown as SimdRateExports;
  new Float64Array(probe.memory.buffer, 0, PROBE_WEIGHTS).set(Array.from({ length: PROBE_WEIGHTS }, (_, i) => i + 1));
  return probe;
}

/** GFLOP/s of one core on f64x2 multiply-adds: the best of `samples` runs of `rounds` rounds each. */
export function measureSimdRate(samples = 7, rounds = 2_000_000): number {
  const probe = simdRateProbe();
  probe.multiplyAdds(rounds >> 2, 1e-9);
  let best = 0;
  for (let s = 0; s < samples; s++) {
    const start = performance.now();
    probe.multiplyAdds(rounds, 1e-9);
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, (rounds * OPERATIONS_PER_ROUND) / seconds / 1e9);
  }
  return best;
}
