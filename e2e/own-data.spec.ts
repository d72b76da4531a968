/**
 * Your own data in New run, against a real host of its own: a real public table (UCI wine: a header,
 * 13 features on very different scales, the class as a string in the last column) is inspected, its
 * class column picked, standardizing suggested and chosen, the stratified split shown before Start,
 * and the trained run's confusion matrix and hidden units are labelled with the table's own names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';

test.describe.configure({ mode: 'serial' });

let host: Awaited<ReturnType<typeof startOwnHost>> | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('own-data');
});
test.afterAll(async () => {
  await host?.stop();
});

test('a header CSV with string classes: pick the class column, standardize, see the split, train, see class names', async ({
  page,
}, testInfo) => {
  const file = path.join(host!.dir, 'wine.csv');
  fs.copyFileSync(path.join(__dirname, '..', 'src-main', 'data', 'testing', 'wine.csv'), file);
  await page.goto(`${host!.url}#/new`);
  await expect(page.locator('main h1')).toHaveText('New run');
  await page.getByLabel('CSV file').check();
  await page.fill('#f-file', file);
  await page.getByRole('button', { name: 'Inspect' }).first().click();

  const info = page.getByTestId('file-info');
  await expect(info).toContainText('Table (comma-separated): 178 examples, 13 features, class column “cultivar”.');
  await page.getByTestId('label-column').selectOption('proline');
  // Choosing a feature as the class leaves a text column among the features: named with line and column.
  await expect(
    page.getByRole('alert').filter({ hasText: 'line 2: column 14 ("cultivar"): "class_0" is not a number' }),
  ).toBeVisible();
  await page.getByTestId('label-column').selectOption('cultivar');
  await expect(page.getByTestId('class-order')).toHaveText(
    '3 classes → outputs 0…2 in alphabetical (code point) order: class_0 (59) · class_1 (71) · class_2 (48)',
  );
  await expect(page.getByTestId('standardize-hint')).toContainText('Suggestion: standardize.');
  await expect(page.locator('#f-trainSize')).toHaveValue('124');
  await expect(page.locator('#f-validationSize')).toHaveValue('27');
  await expect(page.locator('#f-testSize')).toHaveValue('27');
  await expect(page.getByTestId('split-hint')).toContainText('Split: 124 training · 27 validation · 27 test');
  await page.getByTestId('standardize').check();
  await expect(page.getByTestId('standardize-hint')).toHaveCount(0);
  await page.fill('#f-name', 'Wine, standardized');
  await page.getByTestId('file-info').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'own-data-01-new-run');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'own-data-02-new-run-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  const run = page.locator('article.run');
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText('Wine, standardized');
  const matrix = page.getByRole('table', { name: /Confusion matrix/ });
  await expect(matrix.locator('thead th')).toHaveText([
    'true ↓ / predicted →',
    'class_0',
    'class_1',
    'class_2',
    'right',
  ]);
  await expect(matrix.locator('tbody th')).toHaveText(['class_0', 'class_1', 'class_2']);
  // 27 test wines, each counted once in its true class's row.
  const counts = await matrix.locator('tbody td:not(.acc)').allTextContents();
  expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(27);
  await expect(page.getByTestId('feature-units')).toContainText('25 units (columns) × 13 features');
  await expect(page.getByTestId('feature-units').locator('li').last()).toHaveText('proline');
  await shot(page, testInfo, 'own-data-03-run-detail');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.reload();
  await expect(page.getByTestId('feature-units')).toContainText('25 units (columns) × 13 features');
  await shot(page, testInfo, 'own-data-04-run-detail-1024');
});

test('a table run in its own words: the class column it found, blame from class names, features not pixels', async ({
  page,
}, testInfo) => {
  const file = path.join(host!.dir, 'wine.csv');
  fs.copyFileSync(path.join(__dirname, '..', 'src-main', 'data', 'testing', 'wine.csv'), file);
  await page.goto(`${host!.url}#/new`);
  await page.getByLabel('CSV file').check();
  await page.fill('#f-file', file);
  await page.getByRole('button', { name: 'Inspect' }).first().click();
  // The class column is left as inspect found it: the run still records which column it was.
  await expect(page.getByTestId('file-info')).toContainText('class column “cultivar”');
  await page.getByTestId('standardize').check();
  await page.fill('#f-name', 'Wine, found column');
  await page.click('[data-testid="start"]');
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText('Wine, found column');
  await expect(page.getByRole('region', { name: 'Settings' }).locator('tr', { hasText: 'Class column' })).toHaveText(
    'Class columncultivar',
  );
  await page.getByRole('region', { name: 'Settings' }).scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'own-data-05-settings-class-column');

  const id = /#\/runs\/(\d+)/.exec(page.url())![1];
  await page.goto(`${host!.url}#/backprop/${id}/test:0`);
  await expect(page.getByTestId('bp-view')).toBeVisible();
  // "blame from" names the classes that sent the most blame, not output numbers.
  const from = (await page.getByTestId('bp-hidden-2-0').locator('td.from').textContent())!.trim().split(/\s+/);
  expect(from).toHaveLength(3);
  for (const name of from) expect(['class_0', 'class_1', 'class_2']).toContain(name);
  // The explainer speaks of features and classes.
  const help = page.getByTestId('bp-help');
  await expect(help).toContainText('The example’s features are the input a(1)');
  await expect(help).not.toContainText('pixel');
  await expect(help).not.toContainText('digit');
  // A first-layer weight is named by its feature.
  await page.getByTestId('bp-input').hover({ position: { x: 2, y: 2 } });
  await expect(page.getByTestId('bp-formula')).toContainText('(alcohol)');
  await shot(page, testInfo, 'own-data-06-backprop-table');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'own-data-07-backprop-table-1024');
});
