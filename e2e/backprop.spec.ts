/**
 * The Backprop view against a real host of its own: train a small 784-25-10 network, open a
 * misclassified test digit from Run detail, change the label, take one step and see the output for
 * the new label rise; then the sum check and the view at 1024×700. Numbers are read from the page.
 * Each test trains the run it needs, so each passes alone and in any order.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView, trainDigits } from './steps';

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('backprop');
});
test.afterAll(async () => {
  await host?.stop();
});

const value = async (page: Page, testid: string) => Number(await page.getByTestId(testid).getAttribute('data-value'));

test('from a misclassified digit into the Backprop view: what if the label were k, one step, the output rises', async ({
  page,
}, testInfo) => {
  // A quick, imperfect network, so it misreads some test digits.
  await openView(page, host!.url, '#/new');
  await page.fill('#f-name', 'Backprop network');
  await page.fill('#f-trainSize', '600');
  await page.fill('#f-validationSize', '100');
  await page.fill('#f-testSize', '200');
  await page.fill('#f-iterations', '15');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText('Backprop network');

  const first = page.getByTestId('misclassified').locator('a').first();
  await expect(first).toBeVisible();
  const position = Number(await first.getAttribute('data-position'));
  await first.click();
  await expect(page).toHaveURL(new RegExp(`#/backprop/\\d+/test:${position}$`));
  const view = page.getByTestId('bp-view');
  await expect(view).toBeVisible();
  await expect(view).toContainText(`test example ${position} of run`);
  await expect(page.getByTestId('bp-help')).toHaveAttribute('open', '');
  await shot(page, testInfo, 'backprop-misclassified');

  // Hovering a hidden unit's δ shows its formula with the numbers filled in.
  await page.getByTestId('bp-hidden-2-0').locator('td.delta').hover();
  await expect(page.getByTestId('bp-formula')).toContainText(
    /δ\(2\)₁ = \(Θ\(2\)ᵀδ\(3\)\)₁ · g′\(z\(2\)₁\) = -?[\d.e-]+ · [\d.e-]+ = /,
  );

  // Θᵀδ has a formula too: the sum written out with its largest terms, each weight named by class and unit.
  const formula = page.getByTestId('bp-formula');
  const back = page.getByTestId('bp-hidden-2-4').locator('td.back');
  await back.hover();
  await expect(formula).toContainText('(Θ(2)ᵀδ(3))₅ = Σ over the 10 units above of Θ(2)[·, unit 5]·δ(3)');
  await expect(formula).toContainText(/Θ\(2\)\[class \d, unit 5\]·δ\(3\)\[class \d\] = /);
  await expect(formula).toContainText('+ the other 7 terms together: ');
  // …shown beside the pointer, not at the top of the page.
  const cell = (await back.boundingBox())!;
  const tip = (await formula.boundingBox())!;
  const gap = Math.min(Math.abs(tip.y + tip.height - cell.y), Math.abs(tip.y - (cell.y + cell.height)));
  expect(gap).toBeLessThan(40); // just above or just below the cell
  expect(Math.abs(tip.x - (cell.x + cell.width / 2))).toBeLessThan(60);
  await shot(page, testInfo, 'backprop-formula-back');
  // Pointing at something without a formula clears the last one.
  await page.getByTestId('bp-hidden-2-4').locator('th').hover();
  await expect(formula).toHaveCount(0);
  // The example's cost J, with its formula.
  await page.getByTestId('bp-cost').hover();
  await expect(formula).toContainText('this example’s cost J = Σₖ −yₖ·log hₖ − (1 − yₖ)·log(1 − hₖ)');
  await shot(page, testInfo, 'backprop-formula-cost');

  // One name for a weight: the ∂J/∂Θ(2) heat map's cell for class 7 and hidden unit 5 (row 8, column 6 in
  // Ng's 1-based Θ(2) with the bias in column 1) — the same name the hidden-unit panel gives it.
  const grad2 = page.getByTestId('bp-grad2');
  await grad2.scrollIntoViewIfNeeded();
  const g = (await grad2.boundingBox())!;
  await page.mouse.move(g.x + (g.width * 5.5) / 26, g.y + (g.height * 7.5) / 10);
  await expect(formula).toContainText('∂J/∂Θ(2)[class 7, unit 5] = δ(3)[class 7] · a(2)₅ = ');
  await page.getByRole('button', { name: 'Hidden unit 5', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Hidden unit 5' });
  await expect(dialog.getByTestId('outgoing-weights').locator('li').nth(7)).toHaveAttribute(
    'data-weight',
    'Θ(2)[class 7, unit 5]',
  );
  await expect(dialog).toContainText('Θ(2)[class k, unit 5] for each class k');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // "What if the label were k": a class that is neither its label nor the network's answer.
  const label = Number(await page.getByTestId('bp-label').inputValue());
  const predictedText = await page.locator('tr.answer th').first().textContent();
  const predicted = Number(predictedText!.trim());
  const k = [0, 1, 2, 3].find((c) => c !== label && c !== predicted)!;
  await page.getByTestId('bp-label').selectOption(String(k));
  await expect(page.getByTestId(`bp-output-${k}`)).toHaveClass(/target/);
  const before = await value(page, `bp-output-${k}`);
  const deltaText = await page.getByTestId(`bp-output-${k}`).locator('td.delta').textContent();
  expect(Number(deltaText!.trim())).toBeLessThan(0); // δ = a − 1 < 0: the output is too low for this target

  await page.getByTestId('bp-step').click();
  await expect(page.getByTestId('bp-step-result')).toBeVisible();
  const after = await value(page, `bp-after-${k}`);
  expect(after).toBeGreaterThan(before);
  testInfo.annotations.push({ type: 'one step', description: `a(3) for class ${k}: ${before} → ${after}` });
  await page.getByTestId('bp-step-result').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'backprop-one-step');

  // The sum over the training set equals the vectorized gradient up to rounding.
  await page.getByTestId('bp-sum').click();
  const sum = page.getByTestId('bp-sum-result');
  await expect(sum).toBeVisible({ timeout: 30_000 });
  expect(Number(await sum.getAttribute('data-difference'))).toBeLessThan(1e-12);
  await expect(sum).toContainText('m = 600 examples');
  await shot(page, testInfo, 'backprop-sum');

  // Readable at 1024×700: the output column is on screen, not cut off.
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.getByTestId('bp-network').scrollIntoViewIfNeeded();
  const out = (await page.getByTestId('bp-output-9').boundingBox())!;
  expect(out.x + out.width).toBeLessThanOrEqual(1024);
  await shot(page, testInfo, 'backprop-1024');
});

test('an unknown run and a missing example say what is wrong', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const sizes = { trainSize: 100, validationSize: 50, testSize: 200 };
  const id = await trainDigits(host!.url, 'Backprop errors', sizes, 2);
  await openView(page, host!.url, `#/backprop/${id}/test:100000`);
  await expect(page.getByRole('alert')).toContainText(
    new RegExp(`test example 100000 is out of range: run ${id} has 200 \\(0…199\\)`, 'i'),
  );
  await shot(page, testInfo, 'backprop-error');
  await openView(page, host!.url, `#/backprop/${id}/pad`);
  await expect(page.getByRole('alert')).toContainText('No drawing was handed over from Draw');
});

test('a drawing handed over from Draw is still there after the Backprop view reloads', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await trainDigits(host!.url, 'Backprop drawing', { trainSize: 300, validationSize: 50, testSize: 50 }, 5);
  await openView(page, host!.url, '#/draw');
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  // One vertical stroke down the middle: a 1.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.15);
  await page.mouse.down();
  for (let k = 1; k <= 20; k++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.15 + 0.035 * k));
  await page.mouse.up();
  await page.getByTestId('why').click();
  await page.getByTestId('why-blame').click();
  await expect(page).toHaveURL(/#\/backprop\/\d+\/pad$/);
  await expect(page.getByTestId('bp-network')).toBeVisible();
  const before = await page.getByTestId('bp-network').innerText();

  await page.reload();
  await expect(page.getByTestId('bp-network')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // The same drawing, so the same numbers.
  expect(await page.getByTestId('bp-network').innerText()).toBe(before);
  await shot(page, testInfo, 'backprop-pad-reloaded');
});

test('a quadratic-cost tanh run: the form moves ε and keeps the fast implementation, the view writes its δ(L) and checks δ node by node', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  await openView(page, host!.url, '#/new');
  await page.fill('#f-name', 'Quadratic tanh');
  await page.selectOption('#f-cost', 'quadratic');
  await page.selectOption('#f-activation', 'tanh');
  // tanh starts from Glorot's per-layer ε; the fast kernel computes every model, so the implementation stays.
  await expect(page.locator('#f-impl')).toHaveValue('fast');
  await expect(page.getByText('per layer: √6 / √(Lin + Lout)')).toBeVisible();
  await expect(page.getByText('δ(L) = (a − y)·a(1 − a): a confidently wrong output learns slowly.')).toBeVisible();
  await page.locator('#f-activation').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'new-run-cost-activation');
  await page.fill('#f-trainSize', '300');
  await page.fill('#f-validationSize', '50');
  await page.fill('#f-testSize', '50');
  await page.fill('#f-iterations', '5');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  const id = /#\/live\/(\d+)$/.exec(page.url())![1];

  await openView(page, host!.url, `#/backprop/${id}/test:0`);
  const check = page.getByTestId('bp-delta-check');
  await expect(check).toContainText('quadratic cost, tanh hidden units · δ checked node by node');
  await expect(check).toContainText(/over 35 units; largest relative difference \d\.\de-\d+ at δ\(\d\)/);
  await expect(check).toContainText('(agrees: ≤ 1e-7 expected)');
  const largest = Number(/largest relative difference (\S+)/.exec((await check.innerText())!)![1]);
  expect(largest).toBeLessThanOrEqual(1e-7);

  await page.getByTestId('bp-output-0').locator('td.delta').hover();
  const formula = page.getByTestId('bp-formula');
  await expect(formula).toContainText('= (a(3)[class 0] − y)·a(1 − a) = (');
  await expect(formula).toContainText(/checked: \(C\(z \+ e\) − C\(z − e\)\)\/2e = -?[\d.e-]+, relative difference/);
  await page.getByTestId('bp-hidden-2-0').locator('td.back + td').hover();
  await expect(formula).toContainText(/g′\(z\(2\)₁\) = 1 − a² = 1 − /);
  await shot(page, testInfo, 'backprop-quadratic-tanh');
  await check.scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'backprop-quadratic-tanh-check');
});
