/**
 * The Training health panel on its own host and database: two small digit runs trained through the
 * API (Ng's ε = 0.12 and a too-wide ε = 2), then Run detail, Compare and Live at 1024×700, each with
 * the four per-layer charts and the percentile bands drawn from the stored health.
 */
import { expect, test } from '@playwright/test';
import { startOwnHost } from './host';
import { shot } from './shots';
import { callApi, openView } from './steps';

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1024, height: 700 } });

let host: Awaited<ReturnType<typeof startOwnHost>>;
const ids: number[] = [];
const DATA = { source: 'mnist', trainSize: 600, validationSize: 100, testSize: 100 };

async function trainAndWait(name: string, hyperparameters: Record<string, unknown>): Promise<number> {
  const { ids: started } = await callApi<{ ids: number[] }>(host.url, 'training.start', [
    { name, hyperparameters, dataset: DATA },
  ]);
  for (const deadline = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 300))) {
    const { status } = await callApi<{ status: string }>(host.url, 'runs.get', [started[0]]);
    if (status === 'finished') return started[0];
    if (status !== 'queued' && status !== 'running') throw new Error(`run "${name}" ended ${status}`);
    if (Date.now() > deadline) throw new Error(`run "${name}" did not finish within 90 s`);
  }
}

test.beforeAll(async () => {
  host = await startOwnHost('health');
  ids.push(await trainAndWait('ε = 0.12', { iterations: 20 }));
  ids.push(await trainAndWait('ε = 2', { iterations: 20, epsilon: 2 }));
});

test.afterAll(async () => {
  await host?.stop();
});

test('Run detail draws the health of each snapshot', async ({ page }, testInfo) => {
  await openView(page, host.url, `#/runs/${ids[1]}`);
  const panel = page.getByTestId('training-health');
  await panel.scrollIntoViewIfNeeded();
  // Start, then 20 CG iterations: 21 snapshots, each with health.
  await expect(panel.locator('[data-points]').first()).toHaveAttribute('data-points', '21');
  for (const id of ['health-gradient', 'health-bias', 'health-update', 'health-saturated', 'health-bands'])
    await expect(panel.getByTestId(id)).toBeVisible();
  await panel.getByLabel('Quantity of the distribution').selectOption('weights');
  await shot(page, testInfo, 'health-run-detail');
});

test('Compare draws both runs, one colour each', async ({ page }, testInfo) => {
  await openView(page, host.url, `#/compare/${ids.join(',')}`);
  const panel = page.getByTestId('training-health');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('[data-points]').first()).toHaveAttribute('data-points', '42');
  await expect(panel.getByLabel('Run of the distribution')).toBeVisible();
  await shot(page, testInfo, 'health-compare');
});

test('Live fills the panel as snapshots arrive', async ({ page }, testInfo) => {
  const { ids: started } = await callApi<{ ids: number[] }>(host.url, 'training.start', [
    { name: 'live', hyperparameters: { iterations: 60 }, dataset: DATA },
  ]);
  await openView(page, host.url, `#/live/${started[0]}`);
  const panel = page.getByTestId('training-health');
  await expect(panel.locator('[data-points]').first()).toHaveAttribute('data-points', '21', { timeout: 60_000 });
  await panel.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'health-live');
});
