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

test('explore', async ({ page }, testInfo) => {
  await page.goto(`${host!.url}#/new`);
  await page.getByLabel('CSV file').check();
  await page.fill('#f-trainSize', '7');
  await upload(page, 'missing.csv', 'a,b,kind\n1,2,x\n3,?,y\n4,5,x\n6,7,y\n');
  await page.waitForTimeout(1500);
  console.log('MISSING:', await page.locator('main').innerText());
  console.log('SIZES', await page.locator('#f-trainSize').inputValue(), await page.locator('#f-validationSize').inputValue());
  await upload(page, 'one class.csv', 'a,b,kind\n1,2,x\n3,4,x\n');
  await page.waitForTimeout(1500);
  console.log('ONECLASS:', await page.locator('main').innerText());
  await upload(page, 'two.csv', 'a,b,kind\n1,2,x\n3,4,y\n');
  await page.waitForTimeout(1500);
  console.log('TWO:', await page.locator('main').innerText());
  await shot(page, testInfo, 'explore');
});
