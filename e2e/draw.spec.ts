/**
 * The drawing pad against a real host of its own: train a 784-25-10 network, draw a 1 and a 0 with the mouse
 * and get those readings, undo with Ctrl+Z, save drawings to "My handwriting", evaluate the network on
 * them, and train a run tested on them. The pad's update time is measured in the page and reported
 * (annotations and the console), never asserted: the 2-core machine is shared.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });

// A host of its own, so the story specs' run counts never see the pad's runs.
let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('draw');
});
test.afterAll(async () => {
  await host?.stop();
});
const url = () => host!.url;

function open(page: Page, hash: string): Promise<void> {
  return openView(page, url(), hash);
}

/** Drags the mouse through `points` (pad units 0…280) as one stroke, in small steps like a hand. */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  await page.getByTestId('draw-pad').evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await page.getByTestId('draw-pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + (x * box.width) / 280, box.y + (y * box.height) / 280] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
}

/** A 1 as people write it: one vertical stroke down the middle, slightly slanted. */
const ONE: [number, number][] = Array.from({ length: 12 }, (_, k) => [134 + k, 45 + 17 * k]);

/** A 0: an upright ellipse, closed, drawn counter-clockwise from the top. */
const ZERO: [number, number][] = Array.from({ length: 33 }, (_, k) => {
  const t = (2 * Math.PI * k) / 32;
  return [140 - 62 * Math.sin(t), 140 - 92 * Math.cos(t)];
});

const prediction = (page: Page) => page.getByTestId('prediction');
const readout = (page: Page) => page.getByTestId('readout');

test('a trained network reads a drawn 1 and 0; undo and clear empty the pad', async ({ page }, testInfo) => {
  // Train the pad's network: 784-25-10, L-BFGS, 100 iterations on the default 5,000 digits.
  await open(page, '#/new');
  await page.fill('#f-name', 'Pad network');
  await page.selectOption('#f-optimizer', 'lbfgs');
  await page.fill('#f-iterations', '100');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });

  await page.getByRole('link', { name: 'Draw' }).click();
  await expect(page.locator('main h1')).toHaveText('Draw');
  await expect(page.getByTestId('draw-run').locator('option:checked')).toContainText('Pad network');
  // Empty pad: a prompt, and no prediction.
  await expect(prediction(page)).toHaveText('Draw a digit');
  await expect(readout(page)).toHaveAttribute('data-predicted', '');
  await expect(page.getByTestId('hidden-activations').locator('figure')).toHaveCount(25);
  await shot(page, testInfo, 'draw-01-empty');

  await stroke(page, ONE);
  await expect(readout(page)).toHaveAttribute('data-predicted', '1');
  await expect(prediction(page)).toHaveText('It reads 1');
  // Every hidden unit now shows its activation a(2)_j in (0, 1).
  const activations = await page
    .getByTestId('hidden-activations')
    .locator('figure')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-activation'))));
  expect(activations).toHaveLength(25);
  for (const a of activations) expect(a > 0 && a < 1).toBe(true);
  await shot(page, testInfo, 'draw-02-one');

  await page.getByTestId('clear').click();
  await expect(prediction(page)).toHaveText('Draw a digit');
  await stroke(page, ZERO);
  await expect(readout(page)).toHaveAttribute('data-predicted', '0');
  await shot(page, testInfo, 'draw-03-zero');

  // "Why this answer?": the hidden units' votes Θ(2)ₖⱼ·a(2)ⱼ for the answer and the runner-up, largest
  // |vote| first, adding up (with the bias) to the z whose sigmoid the forward pass gave as h.
  await page.getByTestId('why').click();
  const answer = page.getByTestId('votes-answer');
  await expect(answer).toHaveAttribute('data-class', '0');
  await expect(answer.getByTestId('vote-row')).toHaveCount(8);
  await expect(page.getByTestId('votes-runner-up').getByTestId('vote-row')).toHaveCount(8);
  const votes = (await answer.locator('td.vote').allTextContents()).map((t) => Number(t.trim().replace('−', '-')));
  expect(votes.map(Math.abs)).toEqual(votes.map(Math.abs).sort((p, q) => q - p));
  for (const check of await page.getByTestId('votes-check').all())
    expect(Number(await check.getAttribute('data-difference'))).toBeLessThan(1e-12);
  testInfo.annotations.push({ type: 'votes for 0', description: votes.join(', ') });
  await page.getByTestId('votes').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'draw-03-votes');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'draw-03-votes-1024');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByTestId('why').click();
  await expect(page.getByTestId('votes')).toHaveCount(0);

  // A stray stroke, then Ctrl+Z takes it back and the 0 is read again; Ctrl+Z again empties the pad.
  await stroke(page, [
    [40, 250],
    [120, 260],
    [240, 250],
  ]);
  await page.keyboard.press('Control+z');
  await expect(readout(page)).toHaveAttribute('data-predicted', '0');
  await page.keyboard.press('Control+z');
  await expect(prediction(page)).toHaveText('Draw a digit');
  await expect(readout(page)).toHaveAttribute('data-predicted', '');

  // The update time: the read-out (raster, preprocessing, forward pass) and with every view updated.
  const updates = Number(await readout(page).getAttribute('data-updates'));
  const compute = Number(await readout(page).getAttribute('data-compute-ms'));
  const total = Number(await readout(page).getAttribute('data-update-ms'));
  const max = Number(await readout(page).getAttribute('data-update-max-ms'));
  expect(updates).toBeGreaterThan(10);
  const line = `draw pad: ${updates} updates, median ${total.toFixed(2)} ms per update (read-out ${compute.toFixed(2)} ms), slowest ${max.toFixed(2)} ms`;
  testInfo.annotations.push({ type: 'timing', description: line });
  console.log(line);
});

test('drawings saved to My handwriting, a network evaluated on them, and a run tested on them', async ({
  page,
}, testInfo) => {
  await open(page, '#/draw');
  await expect(page.getByTestId('draw-run').locator('option:checked')).toContainText('Pad network');
  await expect(page.getByTestId('sample-count')).toHaveText('0 drawings');
  await expect(page.getByTestId('save-drawing')).toBeDisabled();

  await stroke(page, ONE);
  await expect(readout(page)).toHaveAttribute('data-predicted', '1');
  await page.getByRole('radiogroup', { name: 'It is a' }).getByText('1', { exact: true }).click();
  await expect(page.getByRole('radio', { name: '1', exact: true })).toBeChecked();
  await page.getByTestId('save-drawing').click();
  await expect(page.getByText('Saved as a 1.')).toBeVisible();
  await expect(page.getByTestId('sample-count')).toHaveText('1 drawing');
  await expect(prediction(page)).toHaveText('Draw a digit'); // saving clears the pad for the next one

  await stroke(page, ZERO);
  await expect(readout(page)).toHaveAttribute('data-predicted', '0');
  // The label is a radio group: focus and Space choose it, as with any radio button.
  await page.getByTestId('label-0').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('label-0')).toBeChecked();
  await page.getByTestId('save-drawing').click();
  await expect(page.getByTestId('sample-count')).toHaveText('2 drawings');
  await expect(page.locator('[data-sample-id] img')).toHaveCount(2);

  await page.getByTestId('evaluate').click();
  await expect(page.getByTestId('handwriting-accuracy')).toHaveText('100.00%');
  const cells = page
    .getByTestId('evaluation')
    .getByRole('table', { name: /Confusion matrix/ })
    .locator('tbody td:not(.acc)');
  await expect(cells).toHaveCount(100);
  expect((await cells.allTextContents()).map(Number).reduce((a, b) => a + b, 0)).toBe(2);
  await shot(page, testInfo, 'draw-04-my-handwriting');

  // A new run tested on the two drawings: its confusion matrix counts exactly them.
  await open(page, '#/new');
  await page.getByTestId('test-on-handwriting').check();
  await expect(page.locator('#f-testSize')).toHaveValue('2 drawings');
  await page.fill('#f-iterations', '20');
  await page.fill('#f-trainSize', '1000');
  await page.fill('#f-validationSize', '500');
  await page.fill('#f-name', 'Tested on my drawings');
  await shot(page, testInfo, 'draw-05-new-run-handwriting');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  await expect(page.locator('article.run')).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await page.getByRole('link', { name: 'Open details' }).click();
  const detailCells = page.getByRole('table', { name: /Confusion matrix/ }).locator('tbody td:not(.acc)');
  await expect(detailCells).toHaveCount(100);
  expect((await detailCells.allTextContents()).map(Number).reduce((a, b) => a + b, 0)).toBe(2);

  // Deleting a drawing removes it from the list.
  await open(page, '#/draw');
  await expect(page.getByTestId('sample-count')).toHaveText('2 drawings');
  await page.getByRole('button', { name: /Delete drawing \d+ \(a 1\)/ }).click();
  await expect(page.getByTestId('sample-count')).toHaveText('1 drawing');
});
