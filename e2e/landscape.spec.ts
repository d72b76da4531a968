/**
 * The cost surface on a host of its own, on the bundled digits with small settings: the lesson "Will the
 * optimizer get stuck?" trains three seeds, overlays their curves, fills the barrier matrices and gives a
 * verdict; its λ panel trains the λ = 0 partner and draws both planes with their sharpness; then the Cost
 * surface view on those runs: the line from Θ₀ to Θ*, extended, the line to another seed before and after
 * matching units, the planes side by side, the path's plane, and a grid cancelled midway.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });
// Each test trains or draws for about half a minute on an idle machine; on two shared, busy cores that
// can pass the default 90 s, which would fail a test that is only slow.
test.setTimeout(180_000);

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('landscape');
});
test.afterAll(async () => {
  await host?.stop();
});

/** Screenshots at the two sizes the lab must fit: 1280×800 and 1024×700. */
async function shots(page: Page, testInfo: Parameters<typeof shot>[1], name: string): Promise<void> {
  await shot(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

let seedRunIds: number[] = [];

test('the lesson trains seeds to convergence, measures the barriers between their minima and gives a verdict', async ({
  page,
}, testInfo) => {
  await openView(page, host!.url, '#/lessons/seeds'); // the old address of "Different starts"
  await expect(page.locator('main h1')).toHaveText('Will the optimizer get stuck?');
  await page.fill('#st-seeds', '3');
  await page.fill('#st-train', '100');
  await page.fill('#st-iterations', '30');
  await page.fill('#st-hidden', '8');
  await page.getByTestId('stuck-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('3 of 3 runs done', { timeout: 60_000 });
  await expect(page.getByTestId('stuck-convergence').locator('tbody tr')).toHaveCount(3);
  // 30 iterations are fewer than the criterion's window of 50: the lesson says it cannot tell, and warns.
  await expect(page.getByTestId('stuck-convergence').locator('tbody tr').first()).toContainText(
    'cannot tell: fewer than 50 iterations',
  );
  await expect(page.getByTestId('not-converged')).toContainText('3 of 3 runs had not converged');
  await expect(page.getByTestId('stuck-spread')).toContainText('–');
  await expect(page.getByTestId('barriers-after').locator('tbody tr')).toHaveCount(3, { timeout: 30_000 });
  const verdict = page.getByTestId('stuck-verdict');
  await expect(verdict).toHaveText(/^(One valley|Same valley up to relabelling units|Different valleys: barrier B = )/);
  await expect(verdict).toContainText('T = ');
  const links = page.locator('.links a');
  await expect(links).toHaveCount(3);
  seedRunIds = await links.evaluateAll((as) =>
    as.map((a) => Number(/(\d+)$/.exec((a as HTMLAnchorElement).hash.split(',')[0].replace('#/surface/', ''))![1])),
  );
  seedRunIds = [...new Set(seedRunIds)];
  await shots(page, testInfo, 'landscape-01-lesson');
  await expect(verdict).toContainText('3 of 3 runs had not converged, so these are not all minima yet.');
  await verdict.scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-01b-barriers');
});

test('the lesson trains the first seed again with λ = 0 and compares the sharpness of the two minima', async ({
  page,
}, testInfo) => {
  await openView(page, host!.url, '#/lessons/stuck'); // it reopens on the newest seeds
  // Why λ helps: the first seed again with λ = 0, then both planes with their sharpness.
  await page.getByTestId('sharpness-train').click();
  await expect(page.getByTestId('sharpness-0')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sharpness-1')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('sharpness-verdict')).toContainText('times as much');
  await page.getByTestId('sharpness-verdict').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-02-sharpness');
});

test('the Cost surface view draws the line, the line between two minima, the planes and the path', async ({
  page,
}, testInfo) => {
  expect(seedRunIds.length).toBe(1); // every link starts from the first seed
  const first = seedRunIds[0];
  await openView(page, host!.url, `#/runs/${first}`);
  await page.getByTestId('where-did-it-end').click();
  await expect(page).toHaveURL(new RegExp(`#/surface/${first}$`));
  await expect(page.getByTestId('line-chart')).toHaveAttribute('data-points', '51', { timeout: 30_000 });
  await expect(page.getByTestId('j-start')).toContainText(/\d\.\d{6}/);
  // J(Θ₀) of a random start on 10 classes is about ln 10 ≈ 2.3 plus λ's share: a number, not just a box.
  const jStart = Number(/(\d+\.\d{6})/.exec((await page.getByTestId('j-start').textContent()) ?? '')![1]);
  expect(jStart).toBeGreaterThan(1);
  expect(jStart).toBeLessThan(20);
  await page.getByTestId('line-extend').click();
  await expect(page.getByTestId('line-chart')).toHaveAttribute('data-points', '101', { timeout: 30_000 });

  // The line to another seed's minimum, before and after matching units: the other seeds are listed first.
  const option = page.getByTestId('surface-to').locator('option').nth(1);
  await expect(option).toContainText('λ = 1 · seed ');
  const other = await option.getAttribute('value');
  await page.getByTestId('surface-to').selectOption(other!);
  await expect(page).toHaveURL(new RegExp(`#/surface/${first},${other}$`));
  await expect(page.getByTestId('pair-chart')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('barrier')).toContainText(/\d/);
  await expect(page.getByTestId('relabel-note')).toContainText('8! = 40,320');
  await expect(page.getByTestId('aligned-j')).toContainText(/\d/);

  // A grid cancelled midway keeps nothing; drawn again it completes.
  // Cancel is pressed the moment its button appears: a small network's plane can be done before a click that
  // waits for a stable button lands (seen: both 61 × 61 planes finished while Playwright retried the detached one).
  await page.fill('#plane-grid', '81');
  await page.evaluate(() => {
    const observer = new MutationObserver(() => {
      const button = document.querySelector<HTMLButtonElement>('[data-testid="landscape-cancel"]');
      if (!button) return;
      observer.disconnect();
      button.click();
      document.body.dataset.cancelPressed = 'yes';
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId('plane-draw').click();
  await expect(page.locator('body')).toHaveAttribute('data-cancel-pressed', 'yes');
  await expect(page.getByTestId('landscape-cancelled').first()).toBeVisible({ timeout: 30_000 });
  await page.fill('#plane-grid', '9');
  await page.getByTestId('plane-draw').click();
  await expect(page.getByTestId('plane-map-0')).toHaveAttribute('data-grid', '9', { timeout: 30_000 });
  await expect(page.getByTestId('plane-map-1')).toHaveAttribute('data-grid', '9', { timeout: 30_000 });
  await expect(page.getByTestId('cost-legend')).toBeVisible();

  await page.fill('#path-grid', '9');
  await page.getByTestId('path-draw').click();
  await expect(page.getByTestId('path-map')).toHaveAttribute('data-grid', '9', { timeout: 30_000 });
  await expect(page.getByTestId('explained-1')).toContainText('%');
  const explained = Number(/([\d.]+)\s*%/.exec((await page.getByTestId('explained-1').textContent()) ?? '')![1]);
  expect(explained).toBeGreaterThan(0);
  expect(explained).toBeLessThanOrEqual(100);
  // Pictures for the README (docs/cost-surface-*.png are copied from these).
  await page.setViewportSize({ width: 1280, height: 1400 });
  await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
  await shot(page, testInfo, 'doc-cost-surface-line');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.locator('main').evaluate((m) => m.scrollTo(0, 0));
  await shots(page, testInfo, 'landscape-03-view-top');
  await page.getByTestId('plane-map-0').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-04-view-planes');
  await page.getByTestId('path-map').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-05-view-path');

  // Compare offers the same line for two finished runs.
  await openView(page, host!.url, `#/compare/${first},${other}`);
  await page.getByTestId('compare-surface').click();
  await expect(page).toHaveURL(new RegExp(`#/surface/${first},${other}$`));
  await expect(page.getByTestId('pair-chart')).toBeVisible({ timeout: 30_000 });
});
