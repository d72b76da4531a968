/**
 * The code each kernel worker thread runs, as source text for `new Worker(source, { eval: true })`:
 * a string works the same in vitest, in the bundled CommonJS main build, in plain Node and in
 * Electron's utility process, with no worker file to locate next to the bundle.
 *
 * The worker instantiates the kernel on the shared memory, then sleeps in Atomics.wait until the
 * generation word changes. Then it claims jobs from the shared word `next` until none are left, runs
 * each with its own scratch area, stores the job's cost and counts it done. `next` holds the low 16
 * bits of the generation above the next job's index, so a worker that wakes late can never claim a
 * job of a later evaluation with a stale view. The control words
 * are described in thread-pool.ts, which alone writes jobs.
 */
export const WORKER_SOURCE = `
'use strict';
const { workerData } = require('node:worker_threads');
const { module, memory, control, scratch, words } = workerData;
const ctl = new Int32Array(control);
const costs = new Float64Array(control, words.costsByte);
let seen = Atomics.load(ctl, words.generation);
// If this throws, the worker ends and the calling thread does its share of the jobs.
const kernel = new WebAssembly.Instance(module, { env: { memory } }).exports;
for (;;) {
  Atomics.wait(ctl, words.generation, seen);
  const generation = Atomics.load(ctl, words.generation);
  if (generation === seen) continue;
  seen = generation;
  if (Atomics.load(ctl, words.quit) !== 0) break;
  const tag = (generation & 0xffff) << 16;
  for (;;) {
    const claimed = Atomics.load(ctl, words.next);
    if ((claimed & 0xffff0000) !== tag) break;
    const job = claimed & 0xffff;
    if (job >= Atomics.load(ctl, words.jobCount)) break;
    if (Atomics.compareExchange(ctl, words.next, claimed, claimed + 1) !== claimed) continue;
    const at = words.jobsStart + job * words.jobWords;
    try {
      const run = ctl[at + words.kind] === 1 ? kernel.accumulateBlocks : kernel.accumulate;
      costs[job] = run(ctl[at + words.from], ctl[at + words.to], ctl[at + words.rows], ctl[at + words.acc], scratch);
    } catch (error) {
      costs[job] = NaN;
      Atomics.store(ctl, words.failed, 1);
    }
    if (Atomics.add(ctl, words.done, 1) + 1 === Atomics.load(ctl, words.jobCount)) Atomics.notify(ctl, words.done);
  }
}
`;
