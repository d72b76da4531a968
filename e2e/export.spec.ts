/**
 * Taking a trained network out of the lab in a browser, against a real host of its own: Run detail's
 * Export offers one .zip, the browser downloads it, and the dialog says what it saved. The zip holds
 * the run's weights, the ONNX model, predict.py and the rest of the export folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';
import { tinyDigits, trainOnTinyDigits } from './steps';

let host: Awaited<ReturnType<typeof startOwnHost>> | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('export');
});
test.afterAll(async () => {
  await host?.stop();
});

test('Export downloads a .zip with the weights, model.onnx and predict.py, and says so', async ({ page }, testInfo) => {
  const file = path.join(host!.dir, 'imports', 'tiny.csv');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, tinyDigits(300));
  await page.goto(`${host!.url}#/new`);
  await expect(page.locator('main h1')).toHaveText('New run');
  await page.getByLabel('CSV file').check();
  await page.fill('#f-file', file);
  await page.getByRole('button', { name: 'Inspect' }).first().click();
  await expect(page.getByTestId('file-info')).toContainText('300 examples of 4×4 pixels');
  await trainOnTinyDigits(page, testInfo, 'To take home', 'export-01-new-run');

  const runId = Number(/#\/runs\/(\d+)$/.exec(page.url())![1]);
  await page.getByRole('button', { name: 'Export' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “To take home”' });
  await expect(dialog).toContainText('model.onnx');
  await shot(page, testInfo, 'export-02-dialog');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download .zip' }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`run-${runId}-to-take-home.zip`);
  const zipPath = path.join(host!.dir, 'downloaded.zip');
  await saved.saveAs(zipPath);
  const zipBytes = fs.readFileSync(zipPath);
  await expect(dialog.getByRole('status')).toHaveText(
    new RegExp(
      `^Downloaded run-${runId}-to-take-home\\.zip \\(\\d+(\\.\\d)? KB\\) to your browser's downloads folder\\.$`,
    ),
  );
  await shot(page, testInfo, 'export-03-downloaded');

  const root = `run-${runId}-to-take-home`;
  const files = unzipSync(zipBytes);
  for (const name of ['run.json', 'weights.json', 'model.onnx', 'predict.py', 'preprocessing.json', 'history.csv']) {
    expect(Object.keys(files), name).toContain(`${root}/${name}`);
  }
  const text = (name: string) => Buffer.from(files[`${root}/${name}`]).toString('utf8');
  expect(JSON.parse(text('weights.json')).sizes).toEqual([16, 25, 10]);
  expect(JSON.parse(text('run.json')).name).toBe('To take home');
  expect(text('history.csv').split('\n')[0]).toBe('iteration,cost,elapsed_ms');

  // Close keeps the confirmation as the page's notice.
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toBeVisible();
});
