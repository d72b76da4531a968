/**
 * Where a run's fixed cost goes, measured rather than guessed: with BACKPROP_LAB_TRACE set to a file
 * path, the CLI, the supervisor and the training worker each append one JSON line per phase they
 * reach: `{"phase":"worker.data","at":<epoch ms, µs resolution>,"cpu":<this process's CPU ms>,"pid":…}`.
 * Every process inherits the variable, and all of them share one clock (epoch time), so
 * `npm run bench -- --only startup` can line up the phases of one command across its processes; the
 * CPU time tells what a phase cost when other programs share the cores. Unset (always, outside the
 * bench), a mark costs one property read.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.BACKPROP_LAB_TRACE;

/** Epoch milliseconds with sub-millisecond resolution, comparable between processes of one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Records that this process reached `phase` now (and how long it took, when `ms` is given). */
export function tracePhase(phase: string, ms?: number): void {
  if (!file) return;
  const line = { phase, at: epochMs(), cpu: cpuMs(), pid: process.pid, ...(ms === undefined ? {} : { ms }) };
  appendFileSync(file, JSON.stringify(line) + '\n');
}

/** When this process started (Node's own time origin, no CPU used yet), as the phase `${name}.process`. */
export function traceProcessStart(name: string): void {
  if (!file) return;
  appendFileSync(
    file,
    JSON.stringify({ phase: `${name}.process`, at: performance.timeOrigin, cpu: 0, pid: process.pid }) + '\n',
  );
}
