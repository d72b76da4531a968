/**
 * "Why this cost?" against a real host of its own: before any run, δ(L) is derived on the neuron's own
 * numbers and Nielsen's neuron trains on the spot with both costs (its plateau, fastest fall and outputs
 * the numbers numpy gives, src-main/lessons/single-neuron.test.ts); then the digits pair, one run per cost
 * from the same Θ₀, measured as the stored curves say; after a small run of the learner's own, the
 * derivation uses one of its training examples, checked against explain.example asked directly.
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

test('on digits: one click trains both costs from the same Θ₀, and each is measured on its own curve', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page);
  const digits = page.getByTestId('why-cost-digits');
  await expect(digits.getByTestId('pair-empty')).toBeVisible();
  await page.fill('#pair-train', '300');
  await page.fill('#pair-iterations', '10');
  await digits.getByTestId('pair-start').click();
  for (const cost of ['quadratic', 'cross-entropy']) {
    await expect(digits.getByTestId(`pair-${cost}`).getByText('finished')).toBeVisible({ timeout: 200_000 });
  }
  await page.fill('#pair-read-at', '5');
  // The δ(L) panel, which had only the neuron's numbers, took up the first finished run without a reload.
  await expect(page.getByTestId('why-cost-no-run')).toHaveCount(0);
  await expect(page.getByTestId('why-cost-run')).toBeVisible();

  const runs = await callApi<{ id: number; name: string }[]>(host!.url, 'runs.list', [
    { tag: 'why-this-cost', sort: 'createdAt', order: 'desc' },
  ]);
  expect(runs.map((r) => r.name).sort()).toEqual(['Why this cost? · cross-entropy', 'Why this cost? · quadratic']);
  const idOf = (cost: string) => runs.find((r) => r.name.endsWith(cost))!.id;
  const quadratic = await callApi<{ hyperparameters: { cost?: string; impl: string; seed: number } }>(
    host!.url,
    'runs.get',
    [idOf('quadratic')],
  );
  expect(quadratic.hyperparameters).toMatchObject({ cost: 'quadratic', impl: 'fast', seed: 1 });

  // The same Θ₀: the untrained networks answer an example identically.
  const initialOutput = async (id: number) =>
    (
      await callApi<{ a: number[][] }>(host!.url, 'explain.example', [
        { runId: id, source: { kind: 'train', index: 0 }, weights: 'initial' },
      ])
    ).a.at(-1);
  expect(await initialOutput(idOf('quadratic'))).toEqual(await initialOutput(idOf('cross-entropy')));

  // Each share of J(Θ₀) left at iteration 5, from the stored curves, is the one the page shows.
  const curves = await callApi<{ runId: number; iteration: number[]; cost: number[] }[]>(host!.url, 'runs.histories', [
    [idOf('quadratic'), idOf('cross-entropy')],
  ]);
  for (const cost of ['quadratic', 'cross-entropy']) {
    const h = curves.find((c) => c.runId === idOf(cost))!;
    const at = h.iteration.lastIndexOf(Math.max(...h.iteration.filter((i) => i <= 5)));
    const left = (h.cost[at] / h.cost[0]) * 100;
    const shown = await digits.getByTestId(`pair-left-${cost}`).textContent();
    const percent = Number(/\(([\d.]+) %\)/.exec(shown ?? '')?.[1]);
    expect(Math.abs(percent - left)).toBeLessThan(0.005 * left);
  }
  // Ng's J of ten sigmoid outputs near 0.5 starts near 10·ln 2; the quadratic ½Σ(a − y)² near 1.25.
  const start = (cost: string) => curves.find((c) => c.runId === idOf(cost))!.cost[0];
  expect(start('cross-entropy')).toBeGreaterThan(6);
  expect(start('quadratic')).toBeLessThan(2);
  // The validation accuracy by iteration 5 is the last snapshot's at or before it, as stored.
  for (const cost of ['quadratic', 'cross-entropy']) {
    const { snapshots } = await callApi<{ snapshots: { iteration: number; validationAccuracy: number | null }[] }>(
      host!.url,
      'runs.get',
      [idOf(cost)],
    );
    const by5 = snapshots.filter((s) => s.iteration <= 5 && s.validationAccuracy !== null).at(-1);
    if (by5)
      await expect(digits.getByTestId(`pair-accuracy-${cost}`)).toHaveText(
        `${(by5.validationAccuracy! * 100).toFixed(2)}% (iteration ${by5.iteration})`,
      );
  }
  await expect(digits.getByTestId('pair-sentence')).toContainText('After iteration 5 the quadratic run had');
  await expect(digits.getByTestId('pair-test-quadratic')).toHaveText(/^\d{1,3}\.\d\d%$/);
  await digits.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'why-cost-06-digits');
  await page.setViewportSize({ width: 1024, height: 700 });
  await digits.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'why-cost-07-digits-1024');

  // On the next visit the newest pair is there again.
  await open(page);
  await expect(page.getByTestId('why-cost-digits').getByTestId('pair-measures')).toBeVisible();
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
  // The run is Ng's (cross-entropy): the lab's own δ(L) is exactly a − y, and the page says so.
  const agreement = page.getByTestId('why-cost-agreement');
  await expect(agreement).toContainText('over its 10 output units');
  await expect(agreement).toContainText('This run was trained on the cross-entropy cost.');
  await expect(agreement).toContainText("differs from the cross-entropy's a − y by at most 0 and");
  await expect(agreement).toHaveAttribute('data-cross-entropy', '0');

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

  // The quadratic run of the pair: explain now computes its δ(L) = (a − y)·a(1 − a), and the page shows which
  // formula the lab's numbers follow.
  const pair = await callApi<{ id: number; name: string }[]>(host!.url, 'runs.list', [{ tag: 'why-this-cost' }]);
  const quadraticRun = pair.find((r) => r.name.endsWith('quadratic'))!.id;
  await page.getByTestId('why-cost-run').selectOption(String(quadraticRun));
  await expect(agreement).toContainText('This run was trained on the quadratic cost.');
  expect(Number(await agreement.getAttribute('data-quadratic'))).toBeLessThan(1e-15);
  expect(Number(await agreement.getAttribute('data-cross-entropy'))).toBeGreaterThan(1e-3);
});
