/**
 * Honest peer ratios: ours and theirs measured in turn (ours, theirs, ours, theirs …) so that a
 * neighbour that wakes up slows both sides of a pair alike, the ratio taken pair by pair, and the
 * machine's load reported beside it. Measured one after the other instead, at load 1.8–3.6 on 2
 * cores, numpy took 36 ms where it takes 13.7 ms on a quiet machine, and the ratio meant nothing.
 */
import { cpus, loadavg } from 'node:os';
import { readFileSync } from 'node:fs';

/** One pair: our time and the peer's, measured back to back, in ms. */
export interface Pair {
  readonly oursMs: number;
  readonly theirsMs: number;
}

/** The pairwise ratios ours ÷ theirs of a series of pairs, summarized. */
export interface PairedRatio {
  readonly pairs: number;
  /** The median of the pairwise ratios (not the ratio of the medians). */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** First and third quartiles of the pairwise ratios (linear interpolation, as numpy's default). */
  readonly q1: number;
  readonly q3: number;
  /** Medians of each side alone, for the figures printed beside the ratio. */
  readonly oursMedianMs: number;
  readonly theirsMedianMs: number;
}

/** The q-quantile of sorted values, interpolated linearly between neighbours (numpy.quantile's default). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new Error('bench: a quantile of no values');
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below] + (sorted[above] - sorted[below]) * (at - below);
}

/** Summarizes the pairs: the median of ours ÷ theirs over the pairs, with its spread. */
export function pairedRatio(pairs: readonly Pair[]): PairedRatio {
  if (pairs.length === 0) throw new Error('bench: a ratio needs at least one pair of measurements');
  const bad = pairs.find((p) => !(p.oursMs > 0 && p.theirsMs > 0));
  if (bad) throw new Error(`bench: a pair has a time that is not positive (${bad.oursMs} ms, ${bad.theirsMs} ms)`);
  const ratios = pairs.map((p) => p.oursMs / p.theirsMs).sort((a, b) => a - b);
  const sortedMs = (side: 'oursMs' | 'theirsMs') => pairs.map((p) => p[side]).sort((a, b) => a - b);
  return {
    pairs: pairs.length,
    median: quantile(ratios, 0.5),
    min: ratios[0],
    max: ratios[ratios.length - 1],
    q1: quantile(ratios, 0.25),
    q3: quantile(ratios, 0.75),
    oursMedianMs: quantile(sortedMs('oursMs'), 0.5),
    theirsMedianMs: quantile(sortedMs('theirsMs'), 0.5),
  };
}

/** Load per core above which a figure is not worth quoting. */
export const BUSY_LOAD_PER_CORE = 0.5;

/** How busy the machine was around a measurement. */
export interface LoadReading {
  readonly cores: number;
  /** The 1-minute load average when the measurement began (it also counts this bench's own earlier work). */
  readonly loadAverage: number;
  /**
   * Cores' worth of CPU that other programs (not this bench, its children or its peer) used during
   * the measurement, from /proc/stat; null where there is no /proc.
   */
  readonly othersCores: number | null;
  /** Why the figure should not be quoted, or null when the machine was quiet. */
  readonly warning: string | null;
}

/** CPU ticks (1/100 s) the whole machine was busy, and those of this process and its waited-for children. */
interface Ticks {
  readonly machine: number;
  readonly ours: number;
  readonly at: number;
}

/** USER_HZ: /proc reports times in hundredths of a second on every Linux. */
const TICKS_PER_SECOND = 100;

function readTicks(extraPids: readonly number[]): Ticks | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: busy is all but idle and iowait (steal counts:
    // another virtual machine had the core).
    const machine = cpu.slice(0, 8).reduce((s, v) => s + v, 0) - cpu[3] - cpu[4];
    const own = (pid: number | 'self', children: boolean) => {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = text
        .slice(text.lastIndexOf(')') + 2)
        .split(' ')
        .map(Number);
      // fields[11..14] are utime, stime, cutime, cstime (stat fields 14–17).
      return fields[11] + fields[12] + (children ? fields[13] + fields[14] : 0);
    };
    let ours = own('self', true);
    for (const pid of extraPids) {
      try {
        ours += own(pid, true);
      } catch {
        // It has exited: its time is in our children's once it is waited for.
      }
    }
    return { machine, ours, at: performance.now() };
  } catch {
    return null;
  }
}

/**
 * Starts watching the machine for one measurement; `done()` returns the reading. `extraPids` are
 * long-lived children of ours (a peer kept running between its turns) whose CPU is ours, not others'.
 */
export function watchLoad(extraPids: () => readonly number[] = () => []): { done(): LoadReading } {
  const cores = cpus().length;
  const loadAverage = loadavg()[0];
  const start = readTicks(extraPids());
  return {
    done() {
      const end = readTicks(extraPids());
      let othersCores: number | null = null;
      if (start && end && end.at > start.at) {
        const seconds = (end.at - start.at) / 1000;
        othersCores = Math.max(0, (end.machine - start.machine - (end.ours - start.ours)) / TICKS_PER_SECOND / seconds);
      }
      return { cores, loadAverage, othersCores, warning: loadWarning(cores, loadAverage, othersCores) };
    },
  };
}

/** The warning for a reading above BUSY_LOAD_PER_CORE, or null. */
export function loadWarning(cores: number, loadAverage: number, othersCores: number | null): string | null {
  const limit = BUSY_LOAD_PER_CORE * cores;
  const reasons: string[] = [];
  if (loadAverage > limit) reasons.push(`load average ${loadAverage.toFixed(2)} > ${limit.toFixed(2)}`);
  if (othersCores !== null && othersCores > limit)
    reasons.push(`other programs used ${othersCores.toFixed(2)} cores > ${limit.toFixed(2)}`);
  return reasons.length === 0
    ? null
    : `WARNING: busy machine (${reasons.join('; ')}; more than ${BUSY_LOAD_PER_CORE} per core): do not quote this figure`;
}

/** The reading as printed beside a figure. */
export function formatLoad(r: LoadReading): string {
  const others = r.othersCores === null ? '' : `, other programs used ${r.othersCores.toFixed(2)} of ${r.cores} cores`;
  return `load average ${r.loadAverage.toFixed(2)} (${(r.loadAverage / r.cores).toFixed(2)}/core) at the start${others}`;
}

/** The ratio as printed: its median over the pairs and its spread. */
export function formatRatio(r: PairedRatio): string {
  return (
    `ratio ${r.median.toFixed(2)} (median of ${r.pairs} pairwise ratios; min–max ${r.min.toFixed(2)}–${r.max.toFixed(2)}, ` +
    `IQR ${r.q1.toFixed(2)}–${r.q3.toFixed(2)})`
  );
}

/** Waits `ms` so that one side's spinning threads (OpenBLAS's wait ~0.1 s for more work) are idle before the other's turn. */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
