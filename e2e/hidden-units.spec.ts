/**
 * Opening one hidden unit: its own host and database, a small MNIST run trained through New run, then
 * Run detail's grid → hidden unit 3 (top and bottom 9 training digits, histogram, saturation,
 * outgoing weights with numbers) → arrow to unit 4 → Escape closes and focus returns to the grid.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });

const TRAIN = 600;
let host: Awaited<ReturnType<typeof startOwnHost>>;

test.beforeAll(async () => {
  host = await startOwnHost('units');
});

test.afterAll(async () => {
  await host?.stop();
});

/** `count` rows of 6 features (not a square, so a 1×6 strip): feature label mod 6 is high. */
function stripCsv(count: number): string {
  const lines = ['label,f1,f2,f3,f4,f5,f6'];
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    lines.push([label, ...Array.from({ length: 6 }, (_, j) => (j === label % 6 ? 0.9 : ((i + j) % 5) / 20))].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Trains 6 → 4 → 10 on a strip CSV and opens its Run detail. */
async function trainOnStrips(page: Page, file: string, name: string): Promise<void> {
  fs.writeFileSync(file, stripCsv(200));
  await openView(page, host.url, '#/new');
  await page.getByLabel('CSV file').check();
  await page.fill('#f-file', file);
  await page.getByRole('button', { name: 'Inspect' }).first().click();
  await expect(page.getByTestId('file-info')).toContainText('CSV: 200 examples of 6×1 pixels');
  await page.fill('#f-hiddenLayers', '4');
  await page.fill('#f-iterations', '10');
  await page.fill('#f-trainSize', '150');
  await page.fill('#f-validationSize', '25');
  await page.fill('#f-testSize', '25');
  await page.fill('#f-name', name);
  await page.click('[data-testid="start"]');
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText(name);
}

/** Trains a 784-25-10 (or the given hidden layers) network on TRAIN bundled digits and opens its Run detail. */
async function trainSmallRun(page: Page, name: string, hidden = '25'): Promise<void> {
  await openView(page, host.url, '#/new');
  await page.fill('#f-hiddenLayers', hidden);
  await page.fill('#f-iterations', '15');
  await page.fill('#f-trainSize', String(TRAIN));
  await page.fill('#f-validationSize', '200');
  await page.fill('#f-testSize', '200');
  await page.fill('#f-name', name);
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText(name);
}

/** The activations shown for an end of the range, as numbers. */
async function activations(page: Page, testid: string): Promise<number[]> {
  return (
    await page
      .getByTestId(testid)
      .locator('li')
      .evaluateAll((els) => els.map((e) => e.dataset.activation))
  ).map(Number);
}

test('Run detail: open hidden unit 3, read it, step to unit 4, Escape closes', async ({ page }, testInfo) => {
  await trainSmallRun(page, 'Units e2e');
  const unit3 = page.getByRole('button', { name: 'Hidden unit 3', exact: true });
  await expect(page.getByRole('button', { name: /^Hidden unit \d+$/ })).toHaveCount(25);
  await unit3.focus();
  await shot(page, testInfo, '40-run-detail-unit-focus');
  await unit3.click();

  const dialog = page.getByRole('dialog');
  await expect(page.getByRole('dialog', { name: 'Hidden unit 3' })).toBeVisible();
  await expect(dialog.getByTestId('hidden-unit-detail')).toBeVisible();
  await expect(dialog.getByTestId('unit-top').locator('li')).toHaveCount(9);
  await expect(dialog.getByTestId('unit-bottom').locator('li')).toHaveCount(9);
  await expect(dialog.getByText(`Over ${TRAIN} training examples`)).toBeVisible();
  const top = await activations(page, 'unit-top');
  const bottom = await activations(page, 'unit-bottom');
  expect(top).toEqual([...top].sort((a, b) => b - a));
  expect(bottom).toEqual([...bottom].sort((a, b) => a - b));
  expect(Math.min(...top)).toBeGreaterThanOrEqual(Math.max(...bottom));
  for (const img of await dialog.getByTestId('unit-top').locator('img').all()) {
    expect(await img.evaluate((e: HTMLImageElement) => [e.naturalWidth, e.naturalHeight])).toEqual([28, 28]);
  }
  await expect(dialog.getByTestId('unit-histogram')).toHaveAttribute('data-points', String(TRAIN));
  await expect(dialog.getByTestId('unit-saturated')).toHaveText(
    new RegExp(`^(\\d+(\\.\\d)?%|0%|100%) \\(\\d+ of ${TRAIN}\\)$`),
  );
  const outgoing = dialog.getByTestId('outgoing-weights').locator('li');
  await expect(outgoing).toHaveCount(10);
  await expect(outgoing.first()).toHaveText(/^0 [+−]\d\.\d{3}$/);
  await expect(outgoing.last()).toHaveText(/^9 [+−]\d\.\d{3}$/);
  await expect(dialog.getByRole('img', { name: 'Weights of hidden unit 3 over the input pixels' })).toBeVisible();
  await shot(page, testInfo, '41-hidden-unit-3');

  const firstTop = await dialog.getByTestId('unit-top').locator('li').first().getAttribute('title');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('dialog', { name: 'Hidden unit 4' })).toBeVisible();
  await expect(dialog.getByText('unit 4 of 25')).toBeVisible();
  await expect(dialog.getByRole('img', { name: 'Weights of hidden unit 4 over the input pixels' })).toBeVisible();
  await expect(dialog.getByTestId('unit-top').locator('li').first()).not.toHaveAttribute('title', firstTop!);

  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, '42-hidden-unit-4-1024');

  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(unit3).toBeFocused();
});

test('a ReLU run trains on the fast code and its unit panel speaks of dead examples, not the sigmoid’s saturation', async ({
  page,
}, testInfo) => {
  await openView(page, host.url, '#/new');
  await page.selectOption('#f-activation', 'relu');
  await expect(page.locator('#f-impl')).toHaveValue('fast');
  await page.fill('#f-hiddenLayers', '25');
  await page.fill('#f-iterations', '15');
  await page.fill('#f-trainSize', String(TRAIN));
  await page.fill('#f-validationSize', '200');
  await page.fill('#f-testSize', '200');
  await page.fill('#f-name', 'Units ReLU');
  await page.click('[data-testid="start"]');
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText('Units ReLU');
  await page.getByRole('button', { name: 'Hidden unit 1', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('unit-histogram')).toHaveAttribute('data-points', String(TRAIN));
  await expect(dialog.locator('dt', { hasText: 'dead' })).toBeVisible();
  await expect(dialog.getByTestId('unit-saturation-rule')).toHaveText(
    new RegExp(`^Dead: z ≤ 0, so a = 0 and g′\\(z\\) = 0: .* — \\d+ examples\\.$`),
  );
  await expect(dialog.getByText('a(1 − a)')).toHaveCount(0);
  await expect(dialog.getByText('the first bar holds the dead examples, a = 0')).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, '43-hidden-unit-relu');
  await page.keyboard.press('Escape');
});

test('Compare and Draw open units too; a two-layer run steps through its second hidden layer', async ({
  page,
}, testInfo) => {
  await trainSmallRun(page, 'Two layers e2e', '16, 8');
  await page.getByRole('button', { name: 'Hidden unit 2', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Hidden unit 2 of layer 2' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('outgoing-weights').locator('li')).toHaveCount(8);
  await dialog.getByLabel('Layer').selectOption('3');
  const deep = page.getByRole('dialog', { name: 'Hidden unit 2 of layer 3' });
  await expect(deep.getByTestId('incoming-weights')).toHaveAttribute('data-points', '16');
  await expect(deep.getByTestId('outgoing-weights').locator('li')).toHaveCount(10);
  await expect(deep.getByTestId('unit-top').locator('li')).toHaveCount(9);
  await shot(page, testInfo, '43-hidden-unit-layer-3');
  await page.keyboard.press('Escape');

  const runId = /\/(\d+)$/.exec(await page.evaluate(() => location.hash))![1];
  await page.evaluate((hash) => (location.hash = hash), `#/compare/1,${runId}`);
  await expect(page.locator('main h1')).toHaveText('Compare');
  await page.getByRole('button', { name: 'Hidden unit 5', exact: true }).first().click();
  await expect(page.getByRole('dialog', { name: 'Hidden unit 5' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Hidden unit 5' }).getByTestId('unit-top').locator('li')).toHaveCount(
    9,
  );
  await page.keyboard.press('Escape');

  await page.evaluate(() => (location.hash = '#/draw'));
  await page.getByRole('button', { name: 'Hidden unit 1', exact: true }).click();
  await expect(
    page
      .getByRole('dialog', { name: /^Hidden unit 1/ })
      .getByTestId('unit-top')
      .locator('li'),
  ).toHaveCount(9);
  await shot(page, testInfo, '44-draw-hidden-unit');
});

test('Non-image data shows weights as bars over features; a run whose data is gone says so', async ({
  page,
}, testInfo) => {
  await trainOnStrips(page, path.join(host.dir, 'strips.csv'), 'Strips e2e');
  await page.getByRole('button', { name: 'Hidden unit 2', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('incoming-weights')).toHaveAttribute('data-points', '6');
  await expect(dialog.getByText('Over 150 training examples')).toBeVisible();
  await expect(dialog.getByTestId('unit-top').locator('li')).toHaveCount(9);
  for (const img of await dialog.getByTestId('unit-top').locator('img').all()) {
    expect(await img.evaluate((e: HTMLImageElement) => [e.naturalWidth, e.naturalHeight])).toEqual([6, 1]);
  }
  await shot(page, testInfo, '45-hidden-unit-strips');
  await page.keyboard.press('Escape');

  const gone = path.join(host.dir, 'strips-gone.csv');
  await trainOnStrips(page, gone, 'Gone e2e');
  fs.rmSync(gone);
  await page.getByRole('button', { name: 'Hidden unit 1', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText(`training data cannot be reloaded (${gone}`);
  await shot(page, testInfo, '46-hidden-unit-data-gone');
});
