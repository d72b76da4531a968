import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../run/hyperparameters';
import { checkRunMemory, estimateRunMemory, memoryBudget, MemoryBudgetError } from '../training/memory-estimate';
import { spawnNodeWorker } from '../training/node-worker';
import { ensureBuiltWorker } from '../training/testing/build-worker';
import { labPerTest, statusOf } from '../training/testing/harness';
import { openTestApi } from './testing/test-api';

const hp = (overrides: Partial<Hyperparameters>): Hyperparameters => ({ ...DEFAULT_HYPERPARAMETERS, ...overrides });
const EIGHT_WIDE = Array.from({ length: 8 }, () => 4096);

describe('estimateRunMemory', () => {
  it('counts Ng’s network and the copies of Θ each optimizer keeps', () => {
    const e = estimateRunMemory(hp({}), DEFAULT_DATASET, 28, 28);
    // 25×785 + 10×26 weights; cg keeps 7 copies of Θ plus Θ₀ and the gradient.
    expect(e.parameters).toBe(19_885);
    expect(e.parts.optimizer).toBe(9 * 19_885 * 8);
    expect(estimateRunMemory(hp({ optimizer: 'lbfgs' }), DEFAULT_DATASET, 28, 28).parts.optimizer).toBe(
      27 * 19_885 * 8,
    );
    expect(estimateRunMemory(hp({ optimizer: 'sgd' }), DEFAULT_DATASET, 28, 28).parts.optimizer).toBe(5 * 19_885 * 8);
  });

  it('refuses 8 hidden layers of 4,096 for the fast kernel (more than 4 GiB of WebAssembly memory)', () => {
    expect(() => checkRunMemory(hp({ hiddenLayers: EIGHT_WIDE }), DEFAULT_DATASET, 28, 28, 2 ** 50)).toThrow(
      /^the network 784-4096-4096-4096-4096-4096-4096-4096-4096-10 \(120,725,514 weights\) with cg and the fast implementation on 5,000 training examples needs about 8\.1 GiB of WebAssembly memory, more than the 4 GiB it can hold/,
    );
  });

  it('refuses above the budget, naming the network and the estimate', () => {
    const big = hp({ hiddenLayers: [4096, 4096, 4096], impl: 'vectorized', optimizer: 'lbfgs' });
    let error: unknown;
    try {
      checkRunMemory(big, DEFAULT_DATASET, 28, 28, 2 ** 30);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MemoryBudgetError);
    expect((error as Error).message).toBe(
      'the network 784-4096-4096-4096-10 (36,818,954 weights) with lbfgs and the vectorized implementation on ' +
        '5,000 training examples needs about 10.1 GiB of memory, more than the 1.0 GiB budget (half of the memory ' +
        'free now); use fewer or smaller hidden layers or fewer examples',
    );
  });

  it('takes the budget from BACKPROP_LAB_MEMORY_BUDGET_MB, else half of the free memory', () => {
    expect(memoryBudget({ BACKPROP_LAB_MEMORY_BUDGET_MB: '300' })).toBe(300 * 2 ** 20);
    expect(memoryBudget({})).toBeGreaterThan(0);
  });
});

describe('the refusal happens before a run is stored', () => {
  it('training.start of 8×4096 answers invalid-argument and stores no run', async () => {
    const t = openTestApi('backprop-lab-memory-');
    try {
      const e = await t.failure('training.start', [{ hyperparameters: { hiddenLayers: EIGHT_WIDE } }]);
      expect(e.code).toBe('invalid-argument');
      expect(e.message).toMatch(/^training\.start: the network 784-4096-4096-4096-4096-4096-4096-4096-4096-10 /);
      expect(t.store.countRuns()).toBe(0);
    } finally {
      await t.close();
    }
  });
});

describe('the CLI refuses too', () => {
  it('train --hidden with 8 layers of 4,096 exits 1 naming the network, and the database holds no run', async () => {
    const cli = path.join(path.dirname(await ensureBuiltWorker()), 'cli.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-lab-memory-cli-'));
    try {
      const db = path.join(dir, 'runs.db');
      const r = spawnSync(process.execPath, [cli, 'train', '--db', db, '--hidden', EIGHT_WIDE.join(',')], {
        encoding: 'utf8',
      });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(
        /^backprop-lab: the network 784-4096-4096-4096-4096-4096-4096-4096-4096-10 \(120,725,514 weights\)/,
      );
      const list = spawnSync(process.execPath, [cli, 'runs', 'list', '--json', '--db', db], { encoding: 'utf8' });
      expect(JSON.parse(list.stdout)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('the estimate against the measured peak RSS of real training processes', () => {
  const labs = labPerTest();

  /** Peak resident memory of a live process (VmHWM), 0 once it has gone. */
  const peakOf = (pid: number | undefined): number => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };

  for (const [label, hyper, dataset] of [
    ["Ng's 784-25-10, cg, 5,000 examples", hp({ iterations: 3 }), DEFAULT_DATASET],
    [
      '784-1024-10, lbfgs, 300 examples',
      hp({ hiddenLayers: [1024], optimizer: 'lbfgs', iterations: 2 }),
      { ...DEFAULT_DATASET, trainSize: 300, validationSize: 100, testSize: 100 },
    ],
  ] as const) {
    it(`is within a factor of 3 of the peak for ${label}`, async () => {
      let peak = 0;
      const lab = labs.open({
        spawn: (file) => {
          const h = spawnNodeWorker(file);
          const timer = setInterval(() => (peak = Math.max(peak, peakOf(h.pid))), 25);
          // The last messages (weights, metrics) come after all the work: the peak has been reached.
          h.onMessage(() => (peak = Math.max(peak, peakOf(h.pid))));
          h.onExit(() => clearInterval(timer));
          return h;
        },
      });
      const id = lab.supervisor.start({ hyperparameters: hyper, dataset });
      await lab.waitFor('the run to finish', statusOf(id, 'finished'), 170_000);
      const estimate = estimateRunMemory(hyper, dataset, 28, 28).bytes;
      process.stdout.write(
        `memory ${label}: estimate ${(estimate / 2 ** 20).toFixed(0)} MiB, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB\n`,
      );
      expect(peak).toBeGreaterThan(0);
      expect(estimate / peak).toBeGreaterThan(1 / 3);
      expect(estimate / peak).toBeLessThan(3);
    }, 180_000);
  }
});
