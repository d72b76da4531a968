/**
 * The run browser with 1,000 runs: its own host on a seeded database. Correctness is asserted
 * (counts, paging, sort order, search); the timings are only reported (test annotations and the
 * console), never asserted, since the 2-core machine is shared.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { seedRuns } from './seed';
import { shot } from './shots';

const RUNS = 1000;
let host: RunningHost;
let dir: string;

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-scale-'));
  seedRuns(path.join(dir, 'many.db'), RUNS);
  host = await startHost(path.join(dir, 'many.db'));
});

test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('Runs stays quick with 1,000 runs: paging, sorting and search run in the store', async ({ page }, testInfo) => {
  const timings: Record<string, number> = {};
  const inPage: Record<string, number> = {};
  // Wall time seen by the test (includes Playwright's polling), and the page's own fetch-and-draw time.
  const time = async (name: string, action: () => Promise<void>) => {
    const t0 = Date.now();
    await action();
    timings[name] = Date.now() - t0;
    inPage[name] = Number(await page.locator('table.runs').getAttribute('data-load-ms'));
  };
  const rows = page.locator('tbody tr[data-run-id]');
  const names = rows.getByTestId('run-name');

  await time('open with 1,000 runs (page load + first 50 rows)', async () => {
    await page.goto(`${host.url}#/runs`);
    await expect(rows).toHaveCount(50);
  });
  await expect(page.locator('main header p')).toHaveText('1,000 runs in this lab.');
  await expect(page.getByText('1–50 of 1,000')).toBeVisible();
  await expect(names.first()).toHaveText(`Seeded run ${RUNS}`); // newest first
  await shot(page, testInfo, '20-runs-1000');

  await time('next page', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('51–100 of 1,000')).toBeVisible();
  });
  await expect(names.first()).toHaveText(`Seeded run ${RUNS - 50}`);

  await time('last page', async () => {
    await page.getByRole('button', { name: 'Last page' }).click();
    await expect(page.getByText('951–1,000 of 1,000')).toBeVisible();
  });
  await expect(names.last()).toHaveText('Seeded run 1');

  // Highest training accuracy first: k mod 200 = 199 gives 0.999 (runs 199, 399, 599, 799, 999).
  await time('sort by training accuracy', async () => {
    await page.click('[data-sort="trainAccuracy"]');
    await expect(page.getByText('1–50 of 1,000')).toBeVisible();
    await expect(rows.first().locator('td').nth(8)).toHaveText('99.90%');
  });

  await time('search "seeded run 77"', async () => {
    await page.fill('#run-search', 'seeded run 77');
    // "Seeded run 77" and 770–779.
    await expect(rows).toHaveCount(11);
  });
  await expect(page.locator('main header p')).toHaveText('1,000 runs in this lab, 11 shown.');

  await time('filter by tag and optimizer', async () => {
    await page.fill('#run-search', '');
    await page.fill('#run-tag', 'even');
    await page.selectOption('#run-optimizer', 'sgd');
    // Even k with k mod 3 = 2: k = 2, 8, 14, …, 998 → 167 runs.
    await expect(page.locator('main header p')).toHaveText('1,000 runs in this lab, 167 shown.');
  });
  await shot(page, testInfo, '21-runs-1000-filtered');

  for (const [name, ms] of Object.entries(timings)) {
    const line = `${name}: ${ms} ms as the test saw it, ${inPage[name]} ms to fetch and draw the page`;
    testInfo.annotations.push({ type: 'timing', description: line });
    console.log(`runs-scale: ${line}`);
  }
});
