/**
 * "Why this cost?" against a real host of its own: before any run, δ(L) is derived on the neuron's own
 * numbers and Nielsen's neuron trains on the spot with both costs (its plateau, fastest fall and outputs
 * the numbers numpy gives, src-main/lessons/single-neuron.test.ts); after a small digits run, the same
 * derivation uses one of that run's training examples, checked against explain.example asked directly.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { callApi, openView, trainDigits } from './steps';

test.describe.configure({ mode: 'serial' });

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('why-cost');
});
test.afterAll(async () => {
  await host?.stop();
});

function open(page: Page): Promise<void> {
  return openView(page, host!.url, '#/lessons/why-cost');
}

/** A number the page shows ("0.01735", "−0.982", "1,234") as a number. */
function shownNumber(text: string | null): number {
  return Number((text ?? '').replace(/,/g, '').replace('−', '-'));
}

test('without a run: δ on the neuron’s numbers, then the neuron under both costs, measured', async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page);
  await expect(page.locator('main h1')).toHaveText('Why this cost?');
  await expect(page.getByTestId('lesson-intro')).toContainText('δ = a − y');
  // No finished run: the neuron at w = b = 2 stands in, a = σ(4) = 0.98201, y = 0.
  await expect(page.getByTestId('why-cost-no-run')).toBeVisible();
  await expect(page.getByTestId('ce-delta')).toHaveText('0.982');
  // (a − y)·a(1 − a) = 0.98201 · 0.017663 = 0.017345.
  await expect(page.getByTestId('quadratic-delta')).toHaveText('0.01735');
  await expect(page.getByTestId('why-cost-ratio')).toContainText('0.01766 times the cross-entropy δ');

  // The neuron from w = b = 2, η = 0.15, 300 epochs: numpy's plateau (152 vs 5 epochs) and fastest falls.
  const neuron = page.getByTestId('why-cost-neuron');
  await expect(page.getByTestId('neuron-a0')).toHaveText('0.982');
  await expect(page.getByTestId('plateau-quadratic')).toHaveText('152');
  await expect(page.getByTestId('plateau-crossEntropy')).toHaveText('5');
  await expect(page.getByTestId('fastest-quadratic')).toHaveText('215');
  await expect(page.getByTestId('fastest-crossEntropy')).toHaveText('1');
  await expect(page.getByTestId('output-at-quadratic')).toHaveText('0.933');
  await expect(page.getByTestId('output-end-quadratic')).toHaveText('0.203');
  await expect(page.getByTestId('output-end-crossEntropy')).toHaveText('0.012');
  await expect(page.getByTestId('neuron-sentence')).toContainText("for 152 epochs and cross-entropy's for 5 epochs");
  await expect(neuron.getByTestId('neuron-output-chart')).toBeVisible();
  await expect(neuron.getByTestId('neuron-cost-chart')).toBeVisible();
  await neuron.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'why-cost-01-neuron-2-2');

  // Nielsen's other start: the quadratic cost takes 0.82 to about 0.09.
  await page.getByTestId('neuron-preset-0.6-0.9').click();
  await expect(page.getByTestId('neuron-a0')).toHaveText('0.818');
  await expect(page.getByTestId('output-end-quadratic')).toHaveText('0.094');
  await expect(page.getByTestId('plateau-quadratic')).toHaveText('8');

  // Fewer epochs than the plateau: it says the output never left.
  await page.getByTestId('neuron-preset-2-2').click();
  await page.fill('#neuron-read-at', '50');
  await page.fill('#neuron-epochs', '100');
  await expect(page.getByTestId('plateau-quadratic')).toHaveText('≥ 100');
  await expect(page.getByTestId('neuron-sentence')).toContainText('for all 100 epochs');

  // A bad setting is named, and the keyboard reaches the fields.
  await page.fill('#neuron-rate', '0');
  await expect(page.getByTestId('neuron-error')).toHaveText(
    'the learning rate η must be greater than 0 and at most 1000, got 0',
  );
  await page.fill('#neuron-rate', '0.15');
  await page.focus('#neuron-w');
  await page.keyboard.press('Tab');
  await expect(page.locator('#neuron-b')).toBeFocused();
  await expect(page.getByTestId('neuron-error')).toHaveCount(0);

  await page.setViewportSize({ width: 1024, height: 700 });
  await open(page);
  await shot(page, testInfo, 'why-cost-02-top-1024');
  await page.getByTestId('why-cost-neuron').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'why-cost-03-neuron-1024');
});

test('with a finished run: δ(L) of one of its training examples, as explain computes it', async ({
  page,
}, testInfo) => {
  test.setTimeout(150_000);
  const runId = await trainDigits(
    host!.url,
    'Cost lesson run',
    { trainSize: 300, validationSize: 100, testSize: 100 },
    10,
  );
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page);
  await expect(page.getByTestId('why-cost-run')).toHaveValue(String(runId));
  await page.fill('#why-cost-example', '3');

  // The same example asked of the API directly: the most wrong output unit and its two δ.
  const view = await callApi<{ a: number[][]; delta: number[][]; label: number }>(host!.url, 'explain.example', [
    { runId, source: { kind: 'train', index: 3 } },
  ]);
  const out = view.a[view.a.length - 1];
  const y = out.map((_, k) => (k === view.label ? 1 : 0));
  let worst = 0;
  out.forEach((a, k) => {
    if (Math.abs(a - y[k]) > Math.abs(out[worst] - y[worst])) worst = k;
  });
  const a = out[worst];
  const chain = page.getByTestId('why-cost-chain');
  await expect(chain).toHaveAttribute('data-unit', String(worst));
  await expect(page.getByTestId('why-cost-units').locator('tbody tr')).toHaveCount(10);
  const ce = shownNumber(await page.getByTestId('ce-delta').textContent());
  const quadratic = shownNumber(await page.getByTestId('quadratic-delta').textContent());
  expect(Math.abs(ce - (a - y[worst]))).toBeLessThan(5e-4 * Math.abs(a - y[worst]) + 1e-12);
  const wanted = (a - y[worst]) * a * (1 - a);
  expect(Math.abs(quadratic - wanted)).toBeLessThan(5e-4 * Math.abs(wanted) + 1e-12);
  // The lab's own δ(L) is a − y (cross-entropy): the page says by how little it differs.
  await expect(page.getByTestId('why-cost-agreement')).toContainText(/\b10 output units/);

  // Another unit by keyboard: its row's button.
  const other = worst === 0 ? 1 : 0;
  await page
    .getByTestId('why-cost-units')
    .getByRole('button', { name: `class ${other}` })
    .focus();
  await page.keyboard.press('Enter');
  await expect(chain).toHaveAttribute('data-unit', String(other));
  await shot(page, testInfo, 'why-cost-04-own-run');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'why-cost-05-own-run-1024');
});
