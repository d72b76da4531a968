/**
 * The course's .mat files in New run, against a real host of its own: a MAT-file holding X and y as
 * ex4data1.mat does (20×20 images column-major, y = 10 for the digit 0) is dropped on the data field,
 * uploaded, inspected with a note saying what was read, and a run trains on it.
 */
import { expect, test } from '@playwright/test';
import { courseDataOfLab } from '../src-main/data/mat/course';
import { writeMat } from '../src-main/data/mat/write';
import { startOwnHost } from './host';
import { shot } from './shots';

test.describe.configure({ mode: 'serial' });

let host: Awaited<ReturnType<typeof startOwnHost>> | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('course-files');
});
test.afterAll(async () => {
  await host?.stop();
});

/**
 * 300 upright 20×20 glyphs of 10 classes: a bar along the top and a stem at column 2k (class k), a
 * little seeded noise; written column-major with y = 1…10 as the course stores them.
 */
function courseMat(): Buffer {
  const m = 300;
  const X = new Float64Array(m * 400);
  const y = new Uint8Array(m);
  let seed = 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.3;
  for (let i = 0; i < m; i++) {
    const k = i % 10;
    y[i] = k;
    for (let r = 0; r < 20; r++) {
      for (let c = 0; c < 20; c++) X[i * 400 + r * 20 + c] = (r < 3 || (c >= 2 * k && c < 2 * k + 2) ? 1 : 0) + noise();
    }
  }
  const classNames = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
  return Buffer.from(writeMat(courseDataOfLab({ X, y, m, n: 400 }, { image: { width: 20, height: 20 }, classNames })));
}

test('a dropped .mat file is read as the course reads it, said in a note, and trains', async ({ page }, testInfo) => {
  await page.goto(`${host!.url}#/new`);
  await expect(page.locator('main h1')).toHaveText('New run');
  await page.getByLabel('CSV file').check();
  const bytes = [...courseMat()];
  const transfer = await page.evaluateHandle((data) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(data)], 'ex4data1.mat', { type: 'application/octet-stream' }));
    return dt;
  }, bytes);
  await page.getByTestId('picker-images').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(page.getByTestId('mat-note')).toHaveText(
    "MAT-file: X 300×400 (20×20 images stored column-major as Octave's reshape reads them), y 300×1 with classes 1…10; y = 10 is the digit 0, shown as 0.",
  );
  await expect(page.getByTestId('class-order')).toHaveText(
    "10 classes → outputs 0…9 in the course's order, y = 1…K: 1 (30) · 2 (30) · 3 (30) · 4 (30) · 5 (30) · 6 (30) · 7 (30) · 8 (30) · 9 (30) · 0 (30)",
  );
  await page.fill('#f-trainSize', '200');
  await page.fill('#f-validationSize', '50');
  await page.fill('#f-testSize', '50');
  await page.fill('#f-iterations', '20');
  await page.fill('#f-name', 'Course .mat file');
  await page.getByTestId('file-info').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'course-files-01-new-run');
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('file-info').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'course-files-02-new-run-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  const run = page.locator('article.run');
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText('Course .mat file');
  await expect(page.getByText('400 → 25 → 10')).toBeVisible();
  await shot(page, testInfo, 'course-files-03-run-detail');
});
