/**
 * What the walkthrough of issue 13 hit, against a host of its own on a lab seeded as after a session
 * (e2e/seed-walkthrough.ts) plus one real 784-25-10 run trained through the API: lesson runs hidden
 * and grouped in Runs, the tag filter by prefix with suggestions, every view fitting 1024×700, numbers
 * for people, keyboard focus rings, Draw's timing line behind ?debug=timings, a cancelled run said to
 * be cancelled, the gallery's legend, and the training evolution opening on the run it came from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { LESSON_IDS } from '../src-main/lessons/descriptions';
import { startHost, type RunningHost } from './host';
import { seedWalkthrough, type WalkthroughRuns } from './seed-walkthrough';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });

let host: RunningHost | null = null;
let dir = '';
let runs: WalkthroughRuns;
/** The real run: 784-25-10 on 300 bundled digits, so Draw and Backprop have a network to show. */
let mnistRun = 0;

/** One request to the host's API, as the renderer makes it. */
async function call<T>(channel: string, args: unknown[]): Promise<T> {
  const url = new URL(host!.url);
  const res = await fetch(new URL(`/api/${channel}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${url.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const answer = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
  return answer.value;
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-walkthrough-'));
  runs = seedWalkthrough(path.join(dir, 'lab.db'));
  host = await startHost(path.join(dir, 'lab.db'));
  const { ids } = await call<{ ids: number[] }>('training.start', [
    {
      name: 'Digits, 300 examples',
      hyperparameters: { iterations: 15 },
      dataset: { source: 'mnist', trainSize: 300, validationSize: 100, testSize: 100 },
    },
  ]);
  mnistRun = ids[0];
  for (const deadline = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 300))) {
    const { status } = await call<{ status: string }>('runs.get', [mnistRun]);
    if (status === 'finished') break;
    if (status !== 'queued' && status !== 'running') throw new Error(`the MNIST run ended ${status}`);
    if (Date.now() > deadline) throw new Error('the MNIST run did not finish within 90 s');
  }
});
test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function open(page: Page, hash: string): Promise<void> {
  return openView(page, host!.url, hash);
}

const rows = (page: Page) => page.locator('tbody tr[data-run-id]');
const names = (page: Page) => rows(page).getByTestId('run-name');

test('Runs hides the lessons’ runs, counts them, and shows them grouped under their lesson', async ({
  page,
}, testInfo) => {
  await open(page, '#/runs');
  await expect(rows(page)).toHaveCount(5);
  await expect(page.locator('main header p')).toHaveText('20 runs in this lab, 5 shown.');
  await expect(page.getByTestId('lessons-hidden')).toContainText('15 lesson runs hidden.');
  await expect(page.getByTestId('show-lessons')).not.toBeChecked();
  await shot(page, testInfo, 'walk-01-runs-lessons-hidden');

  await page.getByTestId('lessons-hidden').getByRole('button', { name: 'Show them' }).click();
  await expect(page.getByTestId('show-lessons')).toBeChecked();
  await expect(rows(page)).toHaveCount(20);
  await expect(page.getByTestId('lessons-hidden')).toHaveCount(0);
  const groups = page.locator('tbody tr.group');
  await expect(groups).toHaveCount(6);
  await expect(groups.nth(0)).toContainText('Will the optimizer get stuck? lesson');
  await expect(groups.nth(0)).toContainText('3 runs');
  await expect(groups.nth(1)).toContainText('Overfitting and λ lesson');
  // The rows under a heading are that sweep's runs, named for what they are.
  await expect(names(page)).toContainText([
    'Digits, 300 examples',
    'Seeds · seed 3',
    'Seeds · seed 2',
    'Seeds · seed 1',
    'Overfitting lesson · regularized λ = 1',
    'Overfitting lesson · no regularization λ = 0',
  ]);
  await expect(groups.nth(1).getByRole('link', { name: 'Open lesson' })).toHaveAttribute(
    'href',
    '#/lessons/overfit-vs-regularized',
  );
  await expect(groups.nth(1).getByRole('link', { name: 'Compare' })).toHaveAttribute(
    'href',
    `#/compare/${runs.lessons[1]},${runs.lessons[0]}`,
  );
  await shot(page, testInfo, 'walk-02-runs-lessons-grouped');

  // The choice is kept: back on Runs later, lesson runs are still shown.
  await open(page, '#/new');
  await open(page, '#/runs');
  await expect(rows(page)).toHaveCount(20);
  await page.getByTestId('show-lessons').uncheck();
  await expect(rows(page)).toHaveCount(5);
});

test('the tag filter matches tags by their start, any case, and suggests the tags in use', async ({
  page,
}, testInfo) => {
  await open(page, '#/runs');
  await expect(page.getByTestId('tag-options').locator('option')).toHaveCount(3);
  const suggested = await page
    .getByTestId('tag-options')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(suggested.sort()).toEqual(['experiment-1', 'Experiment-2', 'ng'].sort());
  await expect(page.locator('#run-tag')).toHaveAttribute('list', 'run-tag-options');

  await page.locator('#run-tag').focus();
  await page.keyboard.type('EXP');
  await expect(names(page)).toHaveText(['Tagged experiment B', 'Tagged experiment A']);
  await expect(page.locator('main header p')).toHaveText('20 runs in this lab, 2 shown.');
  await shot(page, testInfo, 'walk-03-runs-tag-prefix');
  await page.keyboard.type('eriment-2');
  await expect(names(page)).toHaveText(['Tagged experiment B']);
  await page.fill('#run-tag', 'periment');
  await expect(page.getByText('No run matches')).toBeVisible();
});

/** Every place of the app, with the seeded and trained runs. */
function views(): string[] {
  return [
    '#/new',
    '#/runs',
    `#/runs/${mnistRun}`,
    `#/runs/${runs.tiny}`,
    `#/runs/${runs.cancelled}`,
    `#/live/${mnistRun}`,
    `#/live/${runs.cancelled},${runs.taggedA}`,
    `#/compare/${mnistRun},${runs.taggedA},${runs.tiny}`,
    `#/compare/${runs.lessons[0]},${runs.lessons[1]}`,
    // three runs that differ only in seed, grouped (mean ± sd, the band), beside a λ = 0 run
    `#/compare/${runs.lessons.slice(2, 5).join(',')},${runs.lessons[0]}`,
    '#/compare',
    '#/draw',
    '#/lessons',
    ...LESSON_IDS.map((id) => `#/lessons/${id}`),
    `#/backprop/${mnistRun}/test:0`,
    '#/backprop',
    '#/nowhere',
  ];
}

test('every view fits 1024×700: nothing wider than the main area, no card clipped', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1024, height: 700 });
  // Lesson runs shown too, so the Runs table has its group headings.
  await page.addInitScript(() => localStorage.setItem('backprop-lab.runs.showLessons', 'true'));
  for (const hash of views()) {
    await open(page, hash);
    await page.waitForLoadState('networkidle');
    // Let charts and images take their size.
    await page.waitForTimeout(400);
    const fit = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const right = main.getBoundingClientRect().right;
      const clipped = [...main.querySelectorAll<HTMLElement>('.card')]
        // A card that scrolls sideways hides columns just as one that clips them.
        .filter((c) => c.scrollWidth > c.clientWidth + 1)
        .map((c) => c.getAttribute('aria-label') ?? c.className);
      const beyond = [...main.querySelectorAll<HTMLElement>('button, a, summary, input, select, th, td')]
        .filter((e) => e.getClientRects().length > 0 && e.getBoundingClientRect().right > right + 1)
        .map((e) => e.textContent?.trim().slice(0, 30) || e.tagName);
      return { scrollWidth: main.scrollWidth, clientWidth: main.clientWidth, clipped, beyond };
    });
    expect(fit.scrollWidth, `${hash}: main scrolls sideways`).toBeLessThanOrEqual(fit.clientWidth);
    expect(fit.clipped, `${hash}: cards whose content is wider than the card`).toEqual([]);
    expect(fit.beyond, `${hash}: controls past the right edge`).toEqual([]);
    await shot(page, testInfo, `walk-fit-${hash.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}`);
  }
  // The Runs table's last column, the ⋯ menu, is on screen.
  await open(page, '#/runs');
  const menu = rows(page).first().getByTestId('actions');
  await expect(menu).toBeInViewport();
  // Run detail's Settings card shows its values whole.
  await open(page, `#/runs/${mnistRun}`);
  const settings = page.getByRole('region', { name: 'Settings' });
  await settings.scrollIntoViewIfNeeded();
  const box = (await settings.boundingBox())!;
  const table = (await settings.locator('table').boundingBox())!;
  expect(table.x + table.width).toBeLessThanOrEqual(box.x + box.width);
});

test('numbers for people: 5.7 × 10⁻⁹ on one line, a log axis in powers of ten, Draw’s axis in quarters', async ({
  page,
}, testInfo) => {
  await open(page, `#/runs/${runs.tiny}`);
  const finalCost = page.getByTestId('final-cost');
  await expect(finalCost).toHaveText('5.7 × 10⁻⁹');
  await expect(finalCost).toHaveAttribute('title', '5.6659e-9');
  const lineHeight = await finalCost.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
  expect((await finalCost.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);

  const chart = page.getByTestId('cost-chart');
  await page.getByLabel('Log scale').check();
  await expect(chart).toHaveAttribute('data-y-ticks', /10⁻⁸/);
  const ticks = (await chart.getAttribute('data-y-ticks'))!.split('|');
  expect(ticks.every((t) => !/0\.0000|e-/.test(t))).toBe(true);
  await shot(page, testInfo, 'walk-04-tiny-cost-log-axis');

  await open(page, '#/draw');
  await expect(page.getByTestId('output-bars')).toHaveAttribute('data-y-ticks', '0|0.25|0.5|0.75|1');
});

/** Drags across the pad as one stroke, so Draw reads a drawing and times its update. */
async function scribble(page: Page): Promise<void> {
  const pad = page.getByTestId('draw-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height * 0.2);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width / 2, box.y + box.height * (0.2 + k * 0.06));
  await page.mouse.up();
  await expect
    .poll(async () => Number(await page.getByTestId('readout').getAttribute('data-updates')))
    .toBeGreaterThan(0);
}

test('Draw keeps its developer timing line hidden unless ?debug=timings asked for it (remembered)', async ({
  page,
}) => {
  const base = host!.url.replace(/#.*$/, '');
  await page.goto(`${base}#/draw`);
  await scribble(page);
  await expect(page.getByTestId('timing')).toHaveCount(0);

  await page.goto(`${base}&debug=timings#/draw`);
  await scribble(page);
  await expect(page.getByTestId('timing')).toContainText(/^Update: [\d.]+ ms \(read-out [\d.]+ ms\), median of \d+$/);

  // Remembered without the parameter, forgotten with debug=off.
  await page.goto(`${base}#/draw`);
  await scribble(page);
  await expect(page.getByTestId('timing')).toBeVisible();
  await page.goto(`${base}&debug=off#/draw`);
  await scribble(page);
  await expect(page.getByTestId('timing')).toHaveCount(0);
});

/** Tabs until an element matching `selector` has focus (at most 60 presses); returns its outline. */
async function tabTo(page: Page, selector: string): Promise<{ style: string; width: number }> {
  for (let k = 0; k < 60; k++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);
    if (found) {
      return page.evaluate(() => {
        const style = getComputedStyle(document.activeElement!);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('preset cards, lesson cards, misclassified digits and hidden units show a focus ring from the keyboard', async ({
  page,
}, testInfo) => {
  await open(page, '#/new');
  const preset = await tabTo(page, 'button.preset');
  expect(preset.style).not.toBe('none');
  expect(preset.width).toBeGreaterThanOrEqual(2);
  await shot(page, testInfo, 'walk-05-preset-focus');

  await open(page, '#/lessons');
  const lesson = await tabTo(page, 'a[data-lesson]');
  expect(lesson.style).not.toBe('none');
  expect(lesson.width).toBeGreaterThanOrEqual(2);

  await open(page, `#/runs/${mnistRun}`);
  const tile = await tabTo(page, '.tile');
  expect(tile.style).not.toBe('none');
  const digit = await tabTo(page, '[data-testid="misclassified"] a');
  expect(digit.style).not.toBe('none');
  expect(digit.width).toBeGreaterThanOrEqual(2);
});

test('a cancelled run says it was cancelled, not that training is over', async ({ page }, testInfo) => {
  await open(page, `#/live/${runs.cancelled}`);
  await expect(page.getByTestId('ending')).toHaveText(
    'Cancelled at iteration 2 of 50: training was stopped before the end.',
  );
  await expect(page.getByText('Training is over')).toHaveCount(0);
  await shot(page, testInfo, 'walk-06-live-cancelled');
  await open(page, `#/live/${mnistRun}`);
  await expect(page.getByTestId('ending')).toHaveText('Training finished.');
  await open(page, `#/live/${runs.cancelled},${mnistRun}`);
  await expect(page.getByTestId('ending')).toHaveText('1 finished, 1 cancelled.');
});

test('the misclassified gallery explains itself with a legend drawn like its labels', async ({ page }, testInfo) => {
  await open(page, `#/runs/${runs.tiny}`);
  const legend = page.getByTestId('misclassified-legend');
  await expect(legend).toHaveText('what it is→what the network read');
  const gallery = page.getByTestId('misclassified');
  await expect(gallery.locator('li')).toHaveCount(3);
  await expect(gallery.locator('li').first()).toContainText('7→1');
  const style = (el: Element) => {
    const s = getComputedStyle(el);
    return `${s.color} ${s.fontWeight}`;
  };
  const legendIs = await legend.locator('.is').evaluate(style);
  const legendRead = await legend.locator('.read').evaluate(style);
  // The two numbers under a digit look different, and each like its part of the legend.
  expect(legendIs).not.toBe(legendRead);
  expect(await gallery.locator('.is').first().evaluate(style)).toBe(legendIs);
  expect(await gallery.locator('.read').first().evaluate(style)).toBe(legendRead);
  await page.getByRole('heading', { name: 'Misclassified test digits' }).scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'walk-07-gallery-legend');
});

test('the training evolution opens on the run it was launched from, else on the best run, and says which', async ({
  page,
}, testInfo) => {
  await open(page, `#/runs/${runs.cancelled}`);
  await page.getByTestId('replay-training').click();
  await expect(page).toHaveURL(new RegExp(`#/lessons/training-evolution/${runs.cancelled}$`));
  await expect(page.getByTestId('evo-why')).toHaveAttribute('data-reason', 'launched');
  await expect(page.getByTestId('evo-why')).toHaveText('The run you came from; pick another above.');
  await expect(page.locator('#evo-run')).toHaveValue(String(runs.cancelled));
  await shot(page, testInfo, 'walk-08-evolution-launched');

  // From the lesson list: the best test accuracy (the seeded 95% run), not the newest (the MNIST run).
  await open(page, '#/lessons/training-evolution');
  await expect(page.getByTestId('evo-why')).toHaveAttribute('data-reason', 'best');
  await expect(page.getByTestId('evo-why')).toContainText('Your best run so far (test accuracy 95.00%)');
  await expect(page.locator('#evo-run')).toHaveValue(String(runs.tiny));
  // Picking another run drops the explanation.
  await page.locator('#evo-run').selectOption(String(mnistRun));
  await expect(page.getByTestId('evo-why')).toHaveCount(0);
});
