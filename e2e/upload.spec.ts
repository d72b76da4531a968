/**
 * Choosing a data file in a browser, against a real host of its own: "Choose file…" (the browser's
 * chooser, reached with the keyboard too) and a drop on the zone both upload the file to the host,
 * which keeps it in the imports folder next to the database; New run fills in the copy's path,
 * inspects it, and a run trains on it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';
import { tinyDigits, trainOnTinyDigits } from './steps';

test.describe.configure({ mode: 'serial' });

let host: Awaited<ReturnType<typeof startOwnHost>> | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('upload');
});
test.afterAll(async () => {
  await host?.stop();
});

async function openNewRunWithCsv(page: Page): Promise<void> {
  await page.goto(`${host!.url}#/new`);
  await expect(page.locator('main h1')).toHaveText('New run');
  await page.getByLabel('CSV file').check();
}

const importsFolder = () => path.join(host!.dir, 'imports');
const importedPath = (name: string) =>
  new RegExp(`^${importsFolder().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\d{8}-\\d{6}-\\d{3}-${name}$`);

test('Choose file… uploads a CSV from the keyboard, New run inspects the copy, and a run trains on it', async ({
  page,
}, testInfo) => {
  const csv = tinyDigits(300);
  await openNewRunWithCsv(page);
  // Keyboard only: from the empty path field (Inspect is disabled), Tab reaches "Choose file…", Enter opens the browser's chooser.
  await page.locator('#f-file').focus();
  await expect(page.getByRole('button', { name: 'Inspect' }).first()).toBeDisabled();
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('choose-images')).toBeFocused();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Enter');
  await (await chooser).setFiles({ name: 'tiny digits.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });

  await expect(page.locator('#f-file')).toHaveValue(importedPath('tiny_digits\\.csv'));
  const stored = await page.locator('#f-file').inputValue();
  expect(fs.readFileSync(stored, 'utf8')).toBe(csv);
  await expect(page.getByTestId('chosen-images')).toHaveText(
    `Uploaded tiny digits.csv (${(csv.length / 1024).toFixed(1)} KiB); the lab reads its copy ${stored}`,
  );
  await expect(page.getByTestId('file-info')).toContainText('CSV: 300 examples of 4×4 pixels.');
  await expect(page.getByTestId('class-order')).toHaveText(
    '10 classes → outputs 0…9 in digit order: 0 (30) · 1 (30) · 2 (30) · 3 (30) · 4 (30) · 5 (30) · 6 (30) · 7 (30) · 8 (30) · 9 (30)',
  );

  await trainOnTinyDigits(page, testInfo, 'Uploaded CSV', 'upload-01-chosen');
});

test('Dropping a file: the zone shows the drag, one file is uploaded as the test set, two at once are refused', async ({
  page,
}, testInfo) => {
  await openNewRunWithCsv(page);
  const zone = page.getByTestId('picker-test-images');
  const transfer = (files: { name: string; text: string }[]) =>
    page.evaluateHandle((list) => {
      const dt = new DataTransfer();
      for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
      return dt;
    }, files);

  const one = await transfer([{ name: 'test digits.csv', text: tinyDigits(100) }]);
  await zone.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  await zone.dispatchEvent('dragenter', { dataTransfer: one });
  await zone.dispatchEvent('dragover', { dataTransfer: one });
  await expect(zone).toHaveAttribute('data-over', 'true');
  await expect(zone).toContainText('Drop to use it as the test file');
  await shot(page, testInfo, 'upload-02-drag-over');
  await zone.dispatchEvent('drop', { dataTransfer: one });
  await expect(zone).toHaveAttribute('data-over', 'false');
  await expect(page.locator('#f-testFile')).toHaveValue(importedPath('test_digits\\.csv'));
  await expect(page.getByText('Test file: 100 examples of 4×4')).toBeVisible();

  const two = await transfer([
    { name: 'a.csv', text: tinyDigits(10) },
    { name: 'b.csv', text: tinyDigits(10) },
  ]);
  await page.getByTestId('picker-images').dispatchEvent('drop', { dataTransfer: two });
  await expect(page.getByTestId('picker-error-images')).toHaveText('Drop one file at a time (2 were dropped).');
  await expect(page.locator('#f-file')).toHaveValue('');
  // Only the one test file reached the imports folder.
  expect(
    fs
      .readdirSync(importsFolder())
      .filter((f) => f.endsWith('.csv'))
      .map((f) => f.slice(20)),
  ).toContain('test_digits.csv');
  expect(fs.readdirSync(importsFolder()).some((f) => f.endsWith('a.csv') || f.endsWith('b.csv'))).toBe(false);
  await shot(page, testInfo, 'upload-03-dropped');
});
