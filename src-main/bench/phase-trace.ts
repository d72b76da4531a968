/**
 * Where a run's fixed cost goes, measured rather than guessed: with BACKPROP_LAB_TRACE set to a file
 * path, the CLI, the supervisor and the training worker each append one JSON line per phase they
 * reach, `{"phase":"worker.data","at":<epoch ms, µs resolution>,"pid":…}`. Every process inherits the
 * variable, and all of them share one clock (epoch time), so `npm run bench -- --only startup` can line
 * up the phases of one command across its processes. Unset (always, outside the bench), a mark costs
 * one property read.
 */
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const file = process.env.BACKPROP_LAB_TRACE;

/** Epoch milliseconds with sub-millisecond resolution, comparable between processes of one machine. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** Records that this process reached `phase` now (and how long it took, when `ms` is given). */
export function tracePhase(phase: string, ms?: number): void {
  if (!file) return;
  const line = { phase, at: epochMs(), pid: process.pid, ...(ms === undefined ? {} : { ms }) };
  appendFileSync(file, JSON.stringify(line) + '\n');
}

/** When this process started (Node's own time origin), recorded as the phase `${name}.process`. */
export function traceProcessStart(name: string): void {
  if (!file) return;
  appendFileSync(
    file,
    JSON.stringify({ phase: `${name}.process`, at: performance.timeOrigin, pid: process.pid }) + '\n',
  );
}
