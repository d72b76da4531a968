/**
 * Compare, Runs and the pickers saying what ran, on a host of its own with concurrency 1: a seeded λ = 0
 * group whose seed 3 converged at iteration 188 while seeds 1–2 ran to 400 (the grouped curve must reach
 * 400 and say where its band thins; Runs must say "converged at 188"), lesson runs newer than the
 * learner's own (the pickers leave them out unless asked), and three real runs queued behind one core
 * (the sidebar counts "1 training, 2 queued", then "No run training").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_DATASET, DEFAULT_HYPERPARAMETERS, type Hyperparameters } from '../src-main/run/hyperparameters';
import { png, smallResult } from '../src-main/store/fixtures';
import { openStore } from '../src-main/store/open';
import { startHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

let host: RunningHost | null = null;
let dir: string;
let seeded: { zero: number[]; one: number[]; own: number[]; lesson: number[] };

/** 28×28 runs with a 3-unit hidden layer, finished with the given history's length. */
function seed(file: string): typeof seeded {
  const store = openStore(file);
  try {
    const add = (
      name: string,
      over: Partial<Hyperparameters>,
      last: number,
      testAccuracy: number,
      sweep?: { id: number; x: number },
    ): number => {
      const id = store.createRun({
        name,
        hyperparameters: { ...DEFAULT_HYPERPARAMETERS, hiddenLayers: [3], iterations: 400, ...over },
        dataset: { ...DEFAULT_DATASET, trainSize: 300, validationSize: 100, testSize: 100 },
        width: 28,
        height: 28,
        ...(sweep ? { sweep } : {}),
      });
      store.markRunning(id);
      const s = over.seed ?? 1;
      store.appendProgress(
        id,
        Array.from({ length: last + 1 }, (_, i) => ({
          iteration: i,
          cost: (6 + s / 2) * Math.exp(-i / 30) + 0.05 + (over.lambda ?? 0) * 0.3,
          elapsedMs: i,
        })),
      );
      store.addSnapshot(id, { index: 0, iteration: last, gridPng: png(s), unitPngs: [png(1), png(2), png(3)] });
      const result = smallResult([3], 784);
      store.finishRun(id, {
        ...result,
        metrics: { ...result.metrics, testAccuracy, validationAccuracy: testAccuracy },
      });
      return id;
    };
    const own = [add('Run 1', { lambda: 1, seed: 9 }, 50, 0.8)];
    // λ = 0: seed 3 stopped at 188 (cg found no step lowering J), seeds 1 and 2 used all 400.
    const zero = [1, 2, 3].map((s, k) =>
      add(`λ = 0 · seed ${s}`, { lambda: 0, seed: s }, s === 3 ? 188 : 400, [0.74, 0.77, 0.75][k]),
    );
    const one = [1, 2, 3].map((s, k) => add(`λ = 1 · seed ${s}`, { lambda: 1, seed: s }, 400, [0.82, 0.84, 0.83][k]));
    const base = { hyperparameters: DEFAULT_HYPERPARAMETERS, dataset: DEFAULT_DATASET };
    const lesson: number[] = [];
    for (let k = 0; k < 2; k++) {
      const sweepId = store.createSweep({
        kind: 'symmetry',
        name: k ? 'Symmetry 2' : 'Symmetry',
        base: { ...base, values: [0, 1] },
      });
      lesson.push(add('Symmetry lesson · all-zero Θ₀', { init: 'zeros' }, 20, 0.1, { id: sweepId, x: 0 }));
      lesson.push(add('Symmetry lesson · random Θ₀', {}, 20, 0.8, { id: sweepId, x: 1 }));
    }
    return { zero, one, own: [...own, ...zero, ...one], lesson };
  } finally {
    store.close();
  }
}

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-honest-'));
  const db = path.join(dir, 'honest.db');
  seeded = seed(db);
  host = await startHost(db, ['--concurrency', '1']);
});

test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const open = (page: Page, hash: string) => openView(page, host!.url, hash);

for (const size of [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
]) {
  test(`grouped Compare reaches the longest run and says where n drops (${size.width}×${size.height})`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    await open(page, `#/compare/${[...seeded.zero, ...seeded.one].join(',')}`);
    await expect(page.locator('main header p').first()).toHaveText('6 runs in 2 groups of seeds');
    // Both groups' means go to iteration 400, λ = 0's past seed 3's end at 188.
    await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-last-x', '400');
    await expect(page.getByTestId('compare-band-ends')).toHaveText(
      'λ = 0: seed 3 converged at iteration 188, so after it the mean and band are over 2 of 3 seeds.',
    );
    // 401 + 401 points of the two means, not 189 + 401.
    await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-points', '802');
    // Paired by seed, the test named.
    await expect(page.getByTestId('verdict')).toHaveAttribute('data-test', 'paired');
    await expect(page.getByTestId('verdict')).toContainText('Paired t-test on the 3 per-seed differences');
    await shot(page, testInfo, `honest-compare-${size.width}`);

    await open(page, '#/runs');
    const row = page.locator(`tr[data-run-id="${seeded.zero[2]}"]`);
    await expect(row.getByTestId('run-iterations')).toHaveText('188');
    await expect(row.getByTestId('run-iterations-note')).toHaveText('converged at 188');
    await expect(page.locator(`tr[data-run-id="${seeded.zero[0]}"]`).getByTestId('run-iterations')).toHaveText('400');
    await shot(page, testInfo, `honest-runs-${size.width}`);
  });
}

test('pickers list own runs newest first; lesson runs only when asked for, told apart', async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  const newestOwn = seeded.own[seeded.own.length - 1];
  await open(page, '#/draw');
  const draw = page.getByTestId('draw-run');
  await expect(draw.locator('option')).toHaveCount(seeded.own.length);
  await expect(draw).toHaveValue(String(newestOwn));
  await expect(draw.locator('option').last()).toContainText('Run 1');
  await expect(page.getByTestId('show-lesson-runs')).not.toBeChecked();
  await expect(page.locator('label', { has: page.getByTestId('show-lesson-runs') })).toContainText('(4 hidden)');
  await shot(page, testInfo, 'honest-draw-picker-1024');
  await page.getByTestId('show-lesson-runs').check();
  await expect(draw.locator('option')).toHaveCount(seeded.own.length + 4);
  // Own runs still first; the lesson runs after them, newest first, a shared name with its run number.
  await expect(draw.locator('option').nth(seeded.own.length)).toContainText(
    `Symmetry lesson · random Θ₀ · #${seeded.lesson[3]}`,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  await shot(page, testInfo, 'honest-draw-picker-1280');

  // The choice is remembered: Backprop and the replay list the lesson runs too, until unticked.
  await open(page, '#/backprop');
  await expect(page.locator('#bp-run option')).toHaveCount(seeded.own.length + 4);
  await page.getByTestId('show-lesson-runs').uncheck();
  await expect(page.locator('#bp-run option')).toHaveCount(seeded.own.length);
  await expect(page.locator('#bp-run')).toHaveValue(String(newestOwn));
  await open(page, '#/lessons/training-evolution');
  await expect(page.locator('#evo-run option')).toHaveCount(seeded.own.length);
  await shot(page, testInfo, 'honest-evolution-picker-1280');
});

test('the sidebar counts training and queued runs apart, and none once they finish', async ({ page }) => {
  await open(page, '#/new');
  await expect(page.getByTestId('activity')).toHaveText('No run training');
  await page.fill('#f-iterations', '40');
  await page.fill('#f-trainSize', '1000');
  await page.fill('#f-validationSize', '200');
  await page.fill('#f-testSize', '200');
  await page.fill('#f-count', '3');
  await page.click('[data-testid="start"]');
  // One core (--concurrency 1): one trains while two wait.
  await expect(page.getByTestId('activity')).toHaveText('1 training, 2 queued', { timeout: 30_000 });
  await expect(page.getByTestId('activity')).toHaveText('No run training', { timeout: 120_000 });
});
