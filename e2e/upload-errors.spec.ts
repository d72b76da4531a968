/**
 * Upload errors in New run, in a browser against a host of its own: a bad file's message names the
 * file the person chose (not the lab's copy under imports/), speaks of the form's fields (not CLI
 * flags), counts grammatically, and leaves the sizes the person typed alone; a 2-row file whose
 * split leaves no validation or test examples warns before Start, saying what will be missing.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';

test.describe.configure({ mode: 'serial' });
let host: Awaited<ReturnType<typeof startOwnHost>> | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('upload-errors');
});
test.afterAll(async () => {
  await host?.stop();
});

async function upload(page: Page, name: string, text: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('choose-images').click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

test('a bad upload is named as chosen, in the form’s words; a split without validation or test warns', async ({
  page,
}, testInfo) => {
  await page.goto(`${host!.url}#/new`);
  await expect(page.locator('main h1')).toHaveText('New run');
  // The first page points to the Lessons.
  await expect(page.getByTestId('lessons-pointer').getByRole('link')).toHaveAttribute('href', '#/lessons');
  await shot(page, testInfo, 'new-run-top');
  await page.getByLabel('CSV file').check();
  await page.fill('#f-trainSize', '3');
  await page.fill('#f-validationSize', '1');
  await page.fill('#f-testSize', '1');

  await upload(page, 'missing.csv', 'a,b,kind\n1,2,x\n3,?,y\n4,5,x\n6,7,y\n');
  const alert = page.locator('.data [role="alert"], [role="alert"]').filter({ hasText: 'missing.csv' });
  await expect(alert).toHaveText(
    '“missing.csv”: line 3: column 2 ("b") is missing a value ("?"); fix the file, or tick “Drop rows with missing values” below',
  );
  await expect(page.locator('main')).not.toContainText('--drop-missing');
  await expect(page.locator('main')).not.toContainText('The file must be inside');
  // The sizes the person typed stay.
  await expect(page.locator('#f-trainSize')).toHaveValue('3');
  await expect(page.locator('#f-validationSize')).toHaveValue('1');
  await expect(page.locator('#f-testSize')).toHaveValue('1');
  await shot(page, testInfo, 'upload-error-missing');

  await upload(page, 'one class.csv', 'a,b,kind\n1,2,x\n3,4,x\n');
  await expect(page.getByRole('alert').filter({ hasText: 'one class.csv' })).toHaveText(
    '“one class.csv”: column 3 ("kind") holds 1 class ("x"); a run learns 2 to 100 classes',
  );

  // Two rows, two classes: valid, but with 2 · 0 · 0 the run would have nothing to validate or test on.
  await page.reload();
  await page.getByLabel('CSV file').check();
  await upload(page, 'two.csv', 'a,b,kind\n1,2,x\n3,4,y\n');
  await expect(page.getByTestId('file-info')).toContainText('2 examples');
  await expect(page.getByTestId('split-warning')).toContainText(
    'No validation or test examples: the run will have no validation J or validation accuracy',
  );
  await expect(page.getByTestId('start-warning')).toHaveText(
    'No validation or test examples: the run will lack them (see the split above).',
  );
  await page.getByTestId('split-warning').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'upload-split-warning');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'upload-split-warning-1024');
});
