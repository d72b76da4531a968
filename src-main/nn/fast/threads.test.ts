/**
 * The threaded WebAssembly path: large evaluations are cut into jobs shared by the threads, small
 * mini-batches are not, the answers match the loop implementation and have the same bits however the
 * jobs were shared out, and threads never keep a process alive.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { watPlugin } from '../../../scripts/vite-plugin-wat.mjs';
import { createFastCost } from './index';
import { firstMismatch, makeExamples, makeTheta } from './test-data';
import { createLoopCost } from '../loop';

const sizes = [40, 9, 4];
const examples = makeExamples(sizes, 2000, 'sparse', 17);
const theta = makeTheta(sizes, 0.8, 23);

function loop(rows?: Uint32Array) {
  const grad = new Float64Array(theta.length);
  return { cost: createLoopCost(sizes, examples, 0.5).evaluate(theta, grad, rows), grad };
}

describe('fast cost with worker threads', () => {
  const fast = createFastCost(sizes, examples, 0.5, { kernel: 'wasm', threads: 3 });
  afterAll(() => fast.dispose());

  it('cuts a full evaluation into 8 jobs and matches the loop implementation', () => {
    const grad = new Float64Array(theta.length);
    const cost = fast.evaluate(theta, grad);
    expect(fast.lastJobs).toBe(8);
    const expected = loop();
    expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
    expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
  });

  it('gives the same bits whether the workers have started or not (the calling thread then runs every job)', async () => {
    const fresh = createFastCost(sizes, examples, 0.5, { kernel: 'wasm', threads: 3 });
    try {
      const first = new Float64Array(theta.length);
      const j1 = fresh.evaluate(theta, first); // workers take tens of ms to start: this one ran alone
      await new Promise((resolve) => setTimeout(resolve, 300));
      const second = new Float64Array(theta.length);
      const j2 = fresh.evaluate(theta, second);
      expect(j2).toBe(j1);
      expect(firstMismatch(second, first, 0)).toBe(-1);
    } finally {
      fresh.dispose();
    }
  });

  it('gives the same bits on every call (the jobs are fixed)', () => {
    const first = new Float64Array(theta.length);
    const second = new Float64Array(theta.length);
    const j1 = fast.evaluate(theta, first);
    fast.evaluate(theta, second, Uint32Array.of(3));
    const j2 = fast.evaluate(theta, second);
    expect(j2).toBe(j1);
    expect(firstMismatch(second, first, 0)).toBe(-1);
  });

  it('splits a large mini-batch longer than m (rows repeated, memory grows) and matches the loop', () => {
    const rows = Uint32Array.from({ length: 5000 }, (_, i) => (i * 7919) % 2000);
    const grad = new Float64Array(theta.length);
    const cost = fast.evaluate(theta, grad, rows);
    expect(fast.lastJobs).toBe(8);
    const expected = loop(rows);
    expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
    expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
  });

  it('keeps small mini-batches, down to one example, in the calling thread', () => {
    for (const rows of [Uint32Array.of(1999), Uint32Array.from({ length: 100 }, (_, i) => i * 3)]) {
      const grad = new Float64Array(theta.length);
      const cost = fast.evaluate(theta, grad, rows);
      expect(fast.lastJobs).toBe(1);
      const expected = loop(rows);
      expect(Math.abs(cost - expected.cost) / expected.cost).toBeLessThan(1e-12);
      expect(firstMismatch(grad, expected.grad, 1e-10)).toBe(-1);
    }
  });

  it('gives the same bits with 1, 2 or 3 threads (the jobs do not depend on the thread count)', () => {
    const expected = new Float64Array(theta.length);
    const J = fast.evaluate(theta, expected);
    const rows = Uint32Array.from({ length: 1500 }, (_, i) => (i * 31) % 2000);
    const expectedRows = new Float64Array(theta.length);
    const Jrows = fast.evaluate(theta, expectedRows, rows);
    for (const threads of [1, 2]) {
      const other = createFastCost(sizes, examples, 0.5, { kernel: 'wasm', threads });
      try {
        const grad = new Float64Array(theta.length);
        expect(other.evaluate(theta, grad)).toBe(J);
        expect(other.lastJobs).toBe(8);
        expect(other.threads).toBe(threads);
        expect(firstMismatch(grad, expected, 0)).toBe(-1);
        expect(other.evaluate(theta, grad, rows)).toBe(Jrows);
        expect(firstMismatch(grad, expectedRows, 0)).toBe(-1);
      } finally {
        other.dispose();
        other.dispose();
      }
    }
  });
});

describe('fast cost in a bundled CommonJS script run by plain Node', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-fast-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('works, and a process that never calls dispose() still exits on its own', async () => {
    // Built like out/main/*.js (CommonJS, wat plugin) so the worker source and kernel bytes are the shipped ones.
    const entry = join(dir, 'entry.ts');
    const fastIndex = resolve(__dirname, 'index.ts').replaceAll('\\', '/');
    const testData = resolve(__dirname, 'test-data.ts').replaceAll('\\', '/');
    writeFileSync(
      entry,
      `import { createFastCost } from '${fastIndex}';
import { makeExamples, makeTheta } from '${testData}';
const sizes = [40, 9, 4];
const cost = createFastCost(sizes, makeExamples(sizes, 2000, 'sparse', 17), 0.5, { kernel: 'wasm', threads: 2 });
const theta = makeTheta(sizes, 0.8, 23);
const J = cost.evaluate(theta, new Float64Array(theta.length));
process.stdout.write(JSON.stringify({ J, jobs: cost.lastJobs }));
// no dispose(): the worker threads must not keep the process alive
`,
    );
    await build({
      configFile: false,
      logLevel: 'silent',
      plugins: [watPlugin()],
      build: {
        ssr: entry,
        outDir: join(dir, 'out'),
        minify: false,
        rollupOptions: { output: { format: 'cjs', entryFileNames: 'entry.cjs' } },
      },
    });
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'out', 'entry.cjs')], {
      timeout: 30_000,
    });
    const { J, jobs } = JSON.parse(stdout) as { J: number; jobs: number };
    expect(jobs).toBe(8);
    const expected = loop();
    expect(Math.abs(J - expected.cost) / expected.cost).toBeLessThan(1e-12);
  });
});
