/**
 * Seeds in Compare and "Run again with one change", on a host of their own: a database seeded with
 * two groups of five runs that differ only in seed (λ = 0 and λ = 3) for the grouped comparison and
 * its sentence, then real training on the bundled digits for the re-run, whose stored Θ₀, final Θ
 * and split are read back from the store once the host has stopped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openStore } from '../src-main/store/open';
import { startHost, type RunningHost } from './host';
import { seedSeedGroups } from './seed';
import { shot } from './shots';
import { openView } from './steps';

let host: RunningHost | null = null;
let dir: string;
let db: string;
let seeded: ReturnType<typeof seedSeedGroups>;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-seeds-'));
  db = path.join(dir, 'seeds.db');
  seeded = seedSeedGroups(db);
  host = await startHost(db);
});

test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('Compare groups runs that differ only in seed and says whether the difference beats the seed noise', async ({
  page,
}, testInfo) => {
  const ids = [...seeded.zero, ...seeded.three];
  await openView(page, host!.url, `#/compare/${ids.join(',')}`);
  await expect(page.locator('main header p').first()).toHaveText('10 runs in 2 groups of seeds');
  await expect(page.getByTestId('group-seeds')).toBeChecked();

  // Seeds 1–5 of both λ on one split: paired by seed, its numbers those of scipy.stats.ttest_rel(λ=0, λ=3)
  // (t = −5.9025741835079435, p = 0.004122292829970415; the differences' 95 % CI +1.197 to +3.323 points).
  await expect(page.getByTestId('verdict')).toHaveText(
    'Test accuracy 87.1 ± 0.5 % (λ = 0, 5 seeds) vs 89.4 ± 0.4 % (λ = 3, 5 seeds): the difference, +2.3 points ' +
      '(95 % CI +1.2 to +3.3), is larger than the seed-to-seed spread (paired t = 5.90, df = 4, p = 0.0041). ' +
      "Paired t-test on the 5 per-seed differences, because each seed's λ = 3 run started from the same seed of Θ₀ " +
      'and the same data split as its λ = 0 run, with only λ changed.',
  );
  await page.selectOption('#verdict-metric', 'trainAccuracy');
  await expect(page.getByTestId('verdict')).toContainText("every seed's pair differs by the same −3.00 points");
  await page.selectOption('#verdict-metric', 'testAccuracy');

  // Metrics as mean ± sd with n, one column per group; settings: only λ differs.
  const metrics = page.getByTestId('metrics-table');
  await expect(metrics.locator('thead th')).toHaveText(['Metric', 'λ = 0', 'λ = 3']);
  await expect(metrics.locator('tr', { hasText: 'Test accuracy' }).locator('td')).toHaveText([
    '87.1 ± 0.5 % (n = 5)',
    '89.4 ± 0.4 % (n = 5)',
  ]);
  await expect(metrics.locator('tr', { hasText: 'Seeds (runs)' }).locator('td')).toHaveText(['5', '5']);
  await expect(page.locator('[data-testid="hyper-table"] tbody tr')).toHaveCount(1);
  await expect(page.locator('[data-testid="hyper-table"] tbody tr')).toHaveAttribute('data-key', 'lambda');

  // Two bands and two mean lines: the means have 11 points each (bands are not counted).
  await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-points', '22');
  await expect(page.getByTestId('compare-band-note')).toContainText('min–max');

  // Hidden units of one chosen seed per group.
  const pickers = page.getByTestId('seed-picker');
  await expect(pickers).toHaveCount(2);
  await pickers.first().selectOption({ label: '4' });
  await expect(pickers.first()).toHaveValue(String(seeded.zero[3]));
  await shot(page, testInfo, 'seeds-compare-grouped');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'seeds-compare-grouped-1024');
  await page.getByTestId('metrics-table').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'seeds-compare-grouped-1024-tables');
  await pickers.first().scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'seeds-compare-grouped-1024-units');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Ungrouped, every run is its own column again.
  await page.getByTestId('group-seeds').uncheck();
  await expect(metrics.locator('thead th')).toHaveCount(11);
  // Ten runs alone are too many for a sentence each.
  await expect(page.getByTestId('group-verdict')).toHaveCount(0);
});

test('A run alone: the sentence asks for more seeds', async ({ page }) => {
  await openView(page, host!.url, `#/compare/${seeded.zero[0]},${seeded.alone}`);
  await expect(page.getByTestId('group-seeds')).toHaveCount(0);
  await expect(page.getByTestId('verdict')).toHaveText(
    'Test accuracy 87.10 % (Seeded λ = 0 · seed 1, 1 seed) vs 85.00 % (Seeded λ = 10 · seed 1, 1 seed): ' +
      'Seeded λ = 0 · seed 1 and Seeded λ = 10 · seed 1 each have a single run, so their seed-to-seed spread is ' +
      'unknown and no test can tell whether the difference, −2.10 points, is real. Train them with more seeds ' +
      '(at least 2, better 5).',
  );
});

async function finishLiveRun(page: Page): Promise<number> {
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  const id = Number(/(\d+)$/.exec(page.url())![1]);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  return id;
}

test('Run again with one change: same Θ₀ and split unchanged, and Compare shows only the change', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  // The original: a small real run on the bundled digits with its own seed and split seed.
  await openView(page, host!.url, '#/new');
  await page.fill('#f-hiddenLayers', '12');
  await page.fill('#f-iterations', '8');
  await page.fill('#f-seed', '77');
  await page.fill('#f-trainSize', '300');
  await page.fill('#f-validationSize', '100');
  await page.fill('#f-testSize', '100');
  await page.fill('#f-dataSeed', '5');
  await page.fill('#f-name', 'Original');
  await page.click('[data-testid="start"]');
  const original = await finishLiveRun(page);

  // From Run detail: New run filled in, started unchanged.
  await openView(page, host!.url, `#/runs/${original}`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(page.getByTestId('run-again')).toBeInViewport();
  await shot(page, testInfo, 'seeds-run-detail-1024');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('run-again').click();
  await expect(page).toHaveURL(new RegExp(`#/new/from/${original}$`));
  await expect(page.getByTestId('run-again-banner')).toContainText('seed 77 (so the same initial Θ₀)');
  await expect(page.locator('#f-seed')).toHaveValue('77');
  await expect(page.locator('#f-hiddenLayers')).toHaveValue('12');
  await expect(page.locator('#f-dataSeed')).toHaveValue('5');
  await expect(page.locator('#f-trainSize')).toHaveValue('300');
  await shot(page, testInfo, 'seeds-new-run-prefilled');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'seeds-new-run-prefilled-1024');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.click('[data-testid="start"]');
  const same = await finishLiveRun(page);

  // From the Runs ⋯ menu: one change, λ = 3.
  await openView(page, host!.url, '#/runs');
  await page.locator(`tr[data-run-id="${original}"] [data-testid="actions"]`).click();
  await page.locator(`tr[data-run-id="${original}"] [data-testid="run-again"]`).click();
  await expect(page.locator('#f-seed')).toHaveValue('77');
  await page.fill('#f-lambda', '3');
  await page.click('[data-testid="start"]');
  const changed = await finishLiveRun(page);

  await openView(page, host!.url, `#/compare/${original},${changed}`);
  await expect(page.getByTestId('differences-only')).toBeChecked();
  await expect(page.locator('[data-testid="hyper-table"] tbody tr')).toHaveCount(1);
  await expect(page.locator('[data-testid="hyper-table"] tbody tr')).toHaveAttribute('data-key', 'lambda');
  await openView(page, host!.url, `#/compare/${original},${same}`);
  await expect(page.getByTestId('no-differences')).toBeVisible();

  // Read back what was stored: Θ₀ bit for bit, the split (dataset spec), and, unchanged, the very same result.
  await host!.stop();
  host = null;
  const store = openStore(db);
  try {
    const [a, b, c] = [original, same, changed].map((id) => store.getWeights(id));
    const bytes = (x: Float64Array | null | undefined) => Buffer.from(x!.buffer, x!.byteOffset, x!.byteLength);
    expect(a.initialTheta!.length).toBe(12 * 785 + 10 * 13);
    expect(bytes(b.initialTheta).equals(bytes(a.initialTheta))).toBe(true);
    expect(bytes(c.initialTheta).equals(bytes(a.initialTheta))).toBe(true);
    expect(bytes(b.theta).equals(bytes(a.theta))).toBe(true);
    expect(bytes(c.theta).equals(bytes(a.theta))).toBe(false);
    const [ra, rb, rc] = [original, same, changed].map((id) => store.getRun(id));
    expect(rb.dataset).toEqual(ra.dataset);
    expect(rc.dataset).toEqual(ra.dataset);
    expect(rb.hyperparameters).toEqual(ra.hyperparameters);
    expect(rc.hyperparameters).toEqual({ ...ra.hyperparameters, lambda: 3 });
    expect(rb.metrics!.testAccuracy).toBe(ra.metrics!.testAccuracy);
    // The same test digits, misclassified the same way, pixels included.
    const wrong = store.getMisclassified(original);
    expect(wrong.length).toBeGreaterThan(0);
    expect(store.getMisclassified(same)).toEqual(wrong);
  } finally {
    store.close();
  }
});
