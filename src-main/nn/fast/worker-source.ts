/**
 * The code each kernel worker thread runs, as source text for `new Worker(source, { eval: true })`:
 * a string works the same in vitest, in the bundled CommonJS main build, in plain Node and in
 * Electron's utility process, with no worker file to locate next to the bundle.
 *
 * The worker instantiates the kernel on the shared memory, then sleeps in Atomics.wait until the
 * generation word changes; when its job slot names the new generation it runs `accumulate` (or
 * `accumulateBlocks`) on its range of examples, stores the cost, and counts itself done. The control words are described in
 * thread-pool.ts, which is the only writer of jobs.
 */
export const WORKER_SOURCE = `
'use strict';
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot, words } = workerData;
const ctl = new Int32Array(control);
const costs = new Float64Array(control, words.costsByte);
const base = words.slotsStart + slot * words.slotWords;
let seen = Atomics.load(ctl, words.generation);
let kernel = null;
try {
  kernel = new WebAssembly.Instance(module, { env: { memory } }).exports;
  Atomics.store(ctl, base + words.ready, 1);
} catch (error) {
  Atomics.store(ctl, base + words.ready, -1);
}
Atomics.notify(ctl, base + words.ready);
while (kernel !== null) {
  Atomics.wait(ctl, words.generation, seen);
  const generation = Atomics.load(ctl, words.generation);
  if (generation === seen) continue;
  seen = generation;
  if (Atomics.load(ctl, words.quit) !== 0) break;
  if (Atomics.load(ctl, base + words.job) !== generation) continue;
  try {
    const run = ctl[base + words.kind] === 1 ? kernel.accumulateBlocks : kernel.accumulate;
    costs[slot] = run(ctl[base + words.from], ctl[base + words.to], ctl[base + words.rows],
      ctl[base + words.acc], ctl[base + words.scratch]);
    ctl[base + words.status] = 0;
  } catch (error) {
    ctl[base + words.status] = 1;
  }
  Atomics.add(ctl, words.done, 1);
  Atomics.notify(ctl, words.done);
}
`;
