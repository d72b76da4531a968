/**
 * The lab as a student uses it, against the real host: start a run from a preset, watch its cost
 * curve grow, see it finish, find and rename it in the run browser, compare it with a second run
 * (differences only), read its detail, delete one after a confirmation, and cancel with Esc.
 * The tests build on each other's runs, so they run in order on one host.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { shot } from './shots';
import { openView, tinyDigits, trainOnTinyDigits } from './steps';

test.describe.configure({ mode: 'serial' });

const url = () => {
  const u = process.env.BPL_URL;
  if (!u) throw new Error('BPL_URL is not set: e2e/global-setup.ts starts the host');
  return u;
};

/** Opens the app at a view; the URL carries the host's token. */
function open(page: Page, hash: string): Promise<void> {
  return openView(page, url(), hash);
}

/** Fills the New run form for a small, fast run on top of a preset. */
async function fillSmallRun(page: Page, preset: string, name: string, iterations: number): Promise<void> {
  await page.click(`[data-preset="${preset}"]`);
  await page.fill('#f-iterations', String(iterations));
  await page.fill('#f-trainSize', '1000');
  await page.fill('#f-validationSize', '500');
  await page.fill('#f-testSize', '500');
  await page.fill('#f-name', name);
}

/** Records every value the cost chart's point count takes, from now on. */
async function recordChartGrowth(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __points: number[] };
    w.__points = [];
    new MutationObserver((records) => {
      for (const r of records) {
        // Only the cost chart: the training-health panel beside it counts its own snapshots.
        if ((r.target as HTMLElement).dataset.testid !== 'cost-chart') continue;
        const v = Number((r.target as HTMLElement).dataset.points);
        if (w.__points[w.__points.length - 1] !== v) w.__points.push(v);
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-points'] });
  });
}

test('New run: inline validation, a preset, Ctrl+Enter, the curve grows, the run finishes', async ({
  page,
}, testInfo) => {
  await open(page, '#/new');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('New run');
  // Ng's defaults fill the form.
  await expect(page.locator('#f-hiddenLayers')).toHaveValue('25');
  await expect(page.locator('#f-lambda')).toHaveValue('1');
  await expect(page.locator('#f-iterations')).toHaveValue('50');
  await shot(page, testInfo, '01-new-run');

  // A wrong value is named next to its field, with the schema's limit, and clears when fixed.
  await page.fill('#f-lambda', '-1');
  await page.fill('#f-trainSize', '9000');
  await expect(page.locator('#f-lambda-msg')).toHaveText('Must be at least 0.');
  await expect(page.locator('#f-lambda')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#f-split-msg')).toHaveText(
    'train + validation + test = 14,000 examples, but the bundled MNIST set has 10,000.',
  );
  await shot(page, testInfo, '02-new-run-invalid');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/new$/); // nothing started
  await page.fill('#f-lambda', '1');
  await expect(page.locator('#f-lambda-msg')).toHaveCount(0);

  await fillSmallRun(page, 'ng', 'Ng e2e', 30);
  await expect(page.locator('[data-preset="ng"]')).toHaveAttribute('aria-pressed', 'false'); // edited since
  await recordChartGrowth(page);
  await page.locator('#f-name').press('Control+Enter');
  await expect(page).toHaveURL(/#\/live\/\d+$/);

  const run = page.locator('article.run');
  await expect(page.locator('main h1')).toHaveText('Ng e2e');
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __points: number[] }).__points.at(-1) ?? 0))
    .toBeGreaterThanOrEqual(3);

  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(run.getByTestId('iteration')).toHaveText('30 / 30');
  await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-points', '31'); // J at Θ₀ and after each iteration
  const seen = await page.evaluate(() => (window as unknown as { __points: number[] }).__points);
  // The curve grew in steps while training, not in one jump at the end.
  expect(seen.length).toBeGreaterThanOrEqual(3);
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.at(-1)).toBe(31);
  await expect(run.getByTestId('train-accuracy')).toHaveText(/^\d{1,3}\.\d\d%$/);
  await expect(run.getByTestId('cost')).toHaveText(/^\d+\.\d{6}$/);
  await expect(page.getByRole('img', { name: /Hidden units of run \d+ at iteration 30/ })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
  await shot(page, testInfo, '04-live-finished');
});

test('a second run from the Regularized preset (λ = 1, the overfitting lesson) finishes too', async ({ page }) => {
  await open(page, '#/new');
  await fillSmallRun(page, 'regularized', 'Regularized e2e', 30);
  await expect(page.locator('#f-lambda')).toHaveValue('1');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
});

test('Runs: find a run by search, rename it, and the name is kept', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  const rows = page.locator('tbody tr[data-run-id]');
  await expect(rows).toHaveCount(2);
  await expect(page.locator('main header p')).toHaveText('2 runs in this lab.');
  await shot(page, testInfo, '05-runs');

  await page.fill('#run-search', 'regular');
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByTestId('run-name')).toHaveText('Regularized e2e');

  await rows.first().getByTestId('actions').click();
  await rows.first().getByTestId('rename').click();
  const dialog = page.getByRole('dialog', { name: 'Rename run' });
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input')).toHaveValue('Regularized e2e');
  await dialog.locator('input').fill('   ');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('name'); // the store refuses an empty name, and says so
  await dialog.locator('input').fill('λ = 3 on 1,000 digits');
  await shot(page, testInfo, '06-rename-dialog');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Renamed to “λ = 3 on 1,000 digits”.')).toBeVisible();
  // The search no longer matches the new name; clearing it shows both, renamed.
  await page.fill('#run-search', '');
  await expect(rows).toHaveCount(2);
  await page.reload();
  await expect(page.locator('tbody tr[data-run-id]').getByTestId('run-name')).toHaveText([
    'λ = 3 on 1,000 digits',
    'Ng e2e',
  ]);

  // Sorting by λ ascending puts λ = 1 first.
  await page.click('[data-sort="lambda"]');
  await page.click('[data-sort="lambda"]');
  await expect(page.locator('th[aria-sort="ascending"]')).toContainText('λ');
  await expect(page.locator('tbody tr[data-run-id]').getByTestId('run-name')).toHaveText([
    'Ng e2e',
    'λ = 3 on 1,000 digits',
  ]);
});

test('Compare: two runs, differences only, the train − test gap, log scale, shared snapshot slider', async ({
  page,
}, testInfo) => {
  await open(page, '#/runs');
  const rows = page.locator('tbody tr[data-run-id]');
  await expect(rows).toHaveCount(2);
  await page.getByLabel('Select all runs on this page').check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByTestId('compare-selected').click();
  await expect(page).toHaveURL(/#\/compare\/\d+,\d+$/);

  // Only ε of Θ₀ differs: Ng's 0.12 against the overfitting lesson's 2 (both λ = 1).
  const hyper = page.getByTestId('hyper-table');
  await expect(page.getByTestId('differences-only')).toBeChecked();
  await expect(hyper.locator('tbody tr')).toHaveCount(1);
  await expect(hyper.locator('tbody tr')).toHaveAttribute('data-key', 'epsilon');
  await expect(hyper.locator('tbody tr td')).toHaveText(['2', '0.12']);
  await page.getByTestId('differences-only').uncheck();
  // 22 settings: the network, its cost and hidden activation, the optimizer, Θ₀, the data (classes, class column, standardized) and the split.
  await expect(hyper.locator('tbody tr')).toHaveCount(22);
  await page.getByTestId('differences-only').check();
  await expect(hyper.locator('tbody tr')).toHaveCount(1);

  const gap = page.getByTestId('metrics-table').locator('tr', { hasText: 'Train − test gap' }).locator('td');
  await expect(gap).toHaveText([/^[+−±]\d+\.\d\d pp$/, /^[+−±]\d+\.\d\d pp$/]);
  await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-points', '62');
  await page.getByTestId('log-scale').check();
  await expect(page.getByTestId('log-scale')).toBeChecked();
  await shot(page, testInfo, '07-compare');

  // One slider moves both hidden-layer pictures to the same point of training.
  const images = page.getByRole('img', { name: /Hidden units of run/ });
  await expect(images).toHaveCount(2);
  await expect(images.nth(0)).toHaveAttribute('alt', /at iteration 30$/);
  const slider = page.locator('#snap-slider');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(images.nth(0)).toHaveAttribute('alt', /at iteration 0$/);
  await expect(images.nth(1)).toHaveAttribute('alt', /at iteration 0$/);
  await page.keyboard.press('End');
  await expect(images.nth(1)).toHaveAttribute('alt', /at iteration 30$/);
  await shot(page, testInfo, '08-compare-hidden-units');
});

test('Run detail: metrics, a confusion matrix over the test set, settings', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  await page.locator('tbody tr[data-run-id]', { hasText: 'Ng e2e' }).getByTestId('run-name').click();
  await expect(page.locator('main h1')).toHaveText('Ng e2e');
  const cells = page.getByRole('table', { name: /Confusion matrix/ }).locator('tbody td:not(.acc)');
  await expect(cells).toHaveCount(100);
  const counts = (await cells.allTextContents()).map(Number);
  expect(counts.reduce((a, b) => a + b, 0)).toBe(500); // every test example counted once
  await expect(page.locator('.metric', { hasText: 'Final J(Θ)' }).locator('strong')).toHaveText(/^\d+\.\d{6}$/);
  await shot(page, testInfo, '09-run-detail');
});

test('Delete asks first; Keep keeps the run, Delete removes it', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  const rows = page.locator('tbody tr[data-run-id]');
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: 'Ng e2e' });
  const id = await row.getAttribute('data-run-id');

  await row.getByTestId('actions').click();
  await row.getByTestId('delete').click();
  const dialog = page.getByRole('dialog', { name: 'Delete this run?' });
  await expect(dialog).toContainText('“Ng e2e” will be deleted');
  await shot(page, testInfo, '10-delete-confirm');
  await dialog.getByRole('button', { name: 'Keep' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);

  await row.getByTestId('actions').click();
  await row.getByTestId('delete').click();
  await page.getByRole('dialog', { name: 'Delete this run?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.locator('main header p')).toHaveText('1 run in this lab.');
  await expect(page.getByText('Deleted “Ng e2e”.')).toBeVisible();
  await shot(page, testInfo, '11-runs-after-delete');

  await open(page, `#/runs/${id}`);
  await expect(page.getByText('This run does not exist')).toBeVisible();
});

test('Esc cancels a run while it trains, keeping its curve so far', async ({ page }, testInfo) => {
  await open(page, '#/new');
  // Big enough to still be training when Esc arrives (a small run finishes in a second or two).
  await page.fill('#f-hiddenLayers', '200');
  await page.fill('#f-iterations', '2000');
  await page.fill('#f-name', 'Cancelled e2e');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  const run = page.locator('article.run');
  await expect
    .poll(async () => Number(await page.getByTestId('cost-chart').getAttribute('data-points')), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(3);
  await page.keyboard.press('Escape');
  await expect(run).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('cancel')).toHaveCount(0);
  const points = Number(await page.getByTestId('cost-chart').getAttribute('data-points'));
  expect(points).toBeGreaterThanOrEqual(3);
  expect(points).toBeLessThan(2001);
  await shot(page, testInfo, '12-live-cancelled');
});

test('CSV data: a path is inspected, a missing file is named, and a run trains on the file', async ({
  page,
}, testInfo) => {
  // 300 tiny 4×4 digits whose label lights one pixel, so a network can learn them in a few iterations.
  const file = path.join(process.env.BPL_E2E_DIR!, 'tiny-digits.csv');
  fs.writeFileSync(file, tinyDigits(300));

  await open(page, '#/new');
  await page.getByLabel('CSV file').check();
  await page.fill('#f-file', path.join(process.env.BPL_E2E_DIR!, 'no-such.csv'));
  await page.getByRole('button', { name: 'Inspect' }).first().click();
  await expect(page.getByRole('alert').filter({ hasText: 'no-such.csv' })).toBeVisible();

  await page.fill('#f-file', file);
  await page.getByRole('button', { name: 'Inspect' }).first().click();
  await expect(page.getByTestId('file-info')).toContainText('CSV: 300 examples of 4×4 pixels.');
  await expect(page.getByTestId('class-order')).toHaveText(
    '10 classes → outputs 0…9 in digit order: 0 (30) · 1 (30) · 2 (30) · 3 (30) · 4 (30) · 5 (30) · 6 (30) · 7 (30) · 8 (30) · 9 (30)',
  );
  await page.fill('#f-trainSize', '260');
  await expect(page.locator('#f-split-msg')).toHaveText(
    // Validation and test were filled in from the file: 15% of 300 each.
    'train + validation + test = 350 examples, but the file has 300.',
  );
  await trainOnTinyDigits(page, testInfo, 'CSV e2e', '13-new-run-csv');
});

test('Keyboard: the navigation is reachable with Tab and shows where focus is', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  await page.keyboard.press('Tab'); // brand
  await page.keyboard.press('Tab'); // New run
  await expect(page.locator('[data-nav="new"]')).toBeFocused();
  const ring = await page.locator('[data-nav="new"]').evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(ring).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/new$/);
  await expect(page.locator('main h1')).toBeFocused();
  await shot(page, testInfo, '14-keyboard-focus');
});
