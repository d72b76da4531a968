/**
 * The Traps lesson against a host of its own, at 1024×700: each trap's runs are started with one click
 * and the numbers the page shows are the ones the stored runs give, read here through the API: the
 * bias-gradient ratio of the deep networks at Θ₀, the saturated fraction of the hidden layer at Θ₀ and
 * J at the chosen iteration, and what the oscillation detector makes of each SGD curve.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { callApi, openView } from './steps';

test.describe.configure({ mode: 'serial' });

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('traps');
});
test.afterAll(async () => {
  await host?.stop();
});

interface Layer {
  layer: number;
  biasGradientNorm: number;
  saturatedFraction: number;
}
type Health = { runId: number; health: { iteration: number; layers: Layer[] }[] }[];

async function tagged(tag: string): Promise<{ id: number; name: string; status: string }[]> {
  return callApi(host!.url, 'runs.list', [{ tag, sort: 'createdAt', order: 'asc' }]);
}

async function startTrap(page: Page, id: string, runs: number): Promise<void> {
  const trap = page.getByTestId(`trap-${id}`);
  await expect(trap.getByTestId(`trap-empty-${id}`)).toBeVisible();
  await trap.getByTestId(`trap-start-${id}`).click();
  await expect
    .poll(
      async () => (await tagged(`trap-${id}`)).filter((r) => r.status === 'finished' || r.status === 'failed').length,
      {
        timeout: 240_000,
        intervals: [1000],
      },
    )
    .toBe(runs);
}

const nameOf = (id: string, label: string) => `Traps · ${id} · ${label}`;

test.beforeEach(async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
});

test('the lesson is listed and opens with three traps, none trained yet', async ({ page }, testInfo) => {
  await openView(page, host!.url, '#/lessons');
  await expect(page.locator('[data-lesson="traps"]')).toContainText('Why does my network not learn?');
  await page.locator('[data-lesson="traps"]').click();
  await expect(page.locator('main h1')).toHaveText('Traps');
  await expect(page.getByTestId('lesson-intro')).toContainText('√6/√(L_in + L_out)');
  for (const id of ['vanishing', 'saturation', 'learning-rate'])
    await expect(page.getByTestId(`trap-empty-${id}`)).toBeVisible();
  await shot(page, testInfo, 'traps-01-top');
});

test('vanishing gradients: the ratio of layer 2 to layer 4 at Θ₀ is the stored health’s', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await openView(page, host!.url, '#/lessons/traps');
  await startTrap(page, 'vanishing', 4);
  const runs = await tagged('trap-vanishing');
  expect(runs.every((r) => r.status === 'finished')).toBe(true);
  const health = await callApi<Health>(host!.url, 'runs.health', [runs.map((r) => r.id)]);
  const ratios: Record<string, number> = {};
  for (const [key, label] of [
    ['sigmoid', 'sigmoid, ε = 0.12'],
    ['per-layer', 'sigmoid, per-layer ε'],
    ['tanh', 'tanh, per-layer ε'],
    ['relu', 'ReLU, He ε'],
  ]) {
    const run = runs.find((r) => r.name === nameOf('vanishing', label))!;
    const start = health.find((h) => h.runId === run.id)!.health.find((s) => s.iteration === 0)!;
    const norm = (l: number) => start.layers.find((x) => x.layer === l)!.biasGradientNorm;
    ratios[key] = norm(2) / norm(4);
    const cell = page.getByTestId(`vanishing-ratio-${key}`);
    await expect(cell).not.toHaveText('—');
    expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(ratios[key], 12);
  }
  // The symptom and its cures, as measured here: the sigmoid's first hidden layer learns many times slower.
  expect(ratios.sigmoid).toBeLessThan(0.1);
  expect(ratios['per-layer']).toBeGreaterThan(ratios.sigmoid);
  expect(ratios.tanh).toBeGreaterThan(ratios['per-layer']);
  expect(ratios.relu).toBeGreaterThan(ratios['per-layer']);
  await expect(page.getByTestId('vanishing-sentence')).toContainText("At Θ₀ the sigmoid network's first hidden layer");
  const trap = page.getByTestId('trap-vanishing');
  await trap.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'traps-02-vanishing');
  await trap.getByText('Training health panel of one of these runs').click();
  await trap.getByTestId('trap-health-run-vanishing').selectOption({ label: 'sigmoid, ε = 0.12' });
  await expect(trap.getByTestId('training-health')).toBeVisible();
  await expect(trap.getByTestId('health-bias')).toBeVisible();
  await trap.getByTestId('health-bias').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'traps-03-vanishing-health');
});

test('saturation: the saturated fraction at Θ₀ and J at iteration 5 are the stored ones', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await openView(page, host!.url, '#/lessons/traps');
  await startTrap(page, 'saturation', 3);
  const runs = await tagged('trap-saturation');
  const ids = runs.map((r) => r.id);
  const health = await callApi<Health>(host!.url, 'runs.health', [ids]);
  const curves = await callApi<{ runId: number; iteration: number[]; cost: number[] }[]>(host!.url, 'runs.histories', [
    ids,
  ]);
  const saturated: number[] = [];
  for (const [key, label] of [
    ['eps-0.12', 'ε = 0.12'],
    ['eps-2', 'ε = 2'],
    ['eps-5', 'ε = 5'],
  ]) {
    const run = runs.find((r) => r.name === nameOf('saturation', label))!;
    const start = health.find((h) => h.runId === run.id)!.health.find((s) => s.iteration === 0)!;
    const fraction = start.layers.find((l) => l.layer === 2)!.saturatedFraction;
    saturated.push(fraction);
    const cell = page.getByTestId(`saturated-start-${key}`);
    await expect(cell).toHaveAttribute('data-value', String(fraction));
    const curve = curves.find((c) => c.runId === run.id)!;
    const at5 = curve.cost[curve.iteration.lastIndexOf(Math.max(...curve.iteration.filter((i) => i <= 5)))];
    await expect(page.getByTestId(`saturation-j-${key}`)).toHaveAttribute('data-value', String(at5));
  }
  expect(saturated[0]).toBeLessThan(saturated[1]);
  expect(saturated[1]).toBeLessThan(saturated[2]);
  // Another iteration to read at, typed: the column follows.
  await page.fill('#saturation-read-at', '10');
  await expect(page.getByTestId('saturation-table')).toContainText('J at iteration 10');
  const trap = page.getByTestId('trap-saturation');
  await trap.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'traps-04-saturation');
});

test('a learning rate too large: each SGD curve is named by the detector, divergence with the lab’s message', async ({
  page,
}, testInfo) => {
  test.setTimeout(300_000);
  await openView(page, host!.url, '#/lessons/traps');
  await startTrap(page, 'learning-rate', 3);
  const runs = await tagged('trap-learning-rate');
  const curves = await callApi<{ runId: number; cost: number[] }[]>(host!.url, 'runs.histories', [
    runs.map((r) => r.id),
  ]);
  const small = runs.find((r) => r.name === nameOf('learning-rate', 'η = 0.5'))!;
  expect(small.status).toBe('finished');
  const smallCurve = curves.find((c) => c.runId === small.id)!.cost;
  expect(Math.max(...smallCurve.slice(1))).toBeLessThan(smallCurve[0]);
  await expect(page.getByTestId('rate-rate-0.5')).toHaveAttribute('data-kind', 'none');
  for (const key of ['rate-5', 'rate-20']) {
    const row = page.getByTestId(`rate-${key}`);
    await expect(row).not.toHaveAttribute('data-kind', '');
    expect(['overshoot', 'oscillating', 'diverged']).toContain(await row.getAttribute('data-kind'));
  }
  // A run stopped on a cost that is not a number shows the lab's message, never NaN as a J.
  const failed = runs.filter((r) => r.status === 'failed');
  for (const run of failed) {
    const key = run.name.endsWith('η = 20') ? 'rate-20' : 'rate-5';
    await expect(page.getByTestId(`rate-${key}`)).toHaveAttribute('data-kind', 'diverged');
    await expect(page.getByTestId(`rate-verdict-${key}`)).toContainText('the cost became');
  }
  await expect(page.getByTestId('rate-table')).not.toContainText('NaN');
  const trap = page.getByTestId('trap-learning-rate');
  await trap.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'traps-05-rate');

  // Run detail of the overshooting run says so under its curve, with its numbers.
  const overshot = runs.find((r) => r.name === nameOf('learning-rate', 'η = 5'))!;
  expect(overshot.status).toBe('finished');
  await expect(page.getByTestId('rate-rate-5')).toHaveAttribute('data-kind', 'overshoot');
  await openView(page, host!.url, `#/runs/${overshot.id}`);
  await expect(page.getByTestId('cost-trouble')).toContainText('J overshot: it rose to');
  await shot(page, testInfo, 'traps-06-run-detail');
  await openView(page, host!.url, `#/runs/${small.id}`);
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.getByTestId('cost-trouble')).toHaveCount(0);

  // On the next visit the newest sets are there again.
  await openView(page, host!.url, '#/lessons/traps');
  await expect(page.getByTestId('vanishing-table')).toBeVisible();
  await expect(page.getByTestId('rate-table')).toBeVisible();
});
