/**
 * Verdicts measured from the learner's own runs, on a host of their own: the Overfit preset's three
 * seeds are called overfitting and the Regularized preset's three are not (one rule, its threshold in
 * the text); the learning curve answers "would more data help?" with its rule; the loop-vs-vectorized
 * lesson counts the digits its curves agree to; a sweep's time estimate appears only once this machine
 * has timed runs of those sizes.
 */
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

// Three runs of 400 iterations at once share two busy cores: allow minutes, not the default 90 s.
test.describe.configure({ mode: 'serial', timeout: 300_000 });

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('honest-verdicts');
});
test.afterAll(async () => {
  await host?.stop();
});

function open(page: Page, hash: string): Promise<void> {
  return openView(page, host!.url, hash);
}

/** The view at 1280×800 and at 1024×700, scrolled to the part this spec is about. */
async function shots(page: Page, testInfo: TestInfo, name: string, part: Locator): Promise<void> {
  await part.scrollIntoViewIfNeeded();
  await shot(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 700 });
  // chart.js resizes its canvas on the next frames, not with the window
  await page.waitForTimeout(300);
  await part.scrollIntoViewIfNeeded();
  await shot(page, testInfo, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Starts 3 seeds of a New run preset as they come (300 examples, 400 iterations) and returns their run ids. */
async function trainPreset(page: Page, preset: 'overfit' | 'regularized'): Promise<number[]> {
  await open(page, '#/new');
  await page.click(`[data-preset="${preset}"]`);
  await page.fill('#f-count', '3');
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+,\d+,\d+$/);
  const runs = page.locator('article.run');
  await expect(runs).toHaveCount(3);
  for (let i = 0; i < 3; i++)
    await expect(runs.nth(i)).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  return Promise.all([0, 1, 2].map(async (i) => Number(await runs.nth(i).getAttribute('data-run-id'))));
}

test('the Overfit preset is called overfitting on all 3 seeds, with the rule and its 10 % threshold', async ({
  page,
}, testInfo) => {
  const ids = await trainPreset(page, 'overfit');
  for (const [k, id] of ids.entries()) {
    await open(page, `#/runs/${id}`);
    const note = page.getByTestId('validation-note');
    await expect(note).toHaveAttribute('data-verdict', 'overfitting');
    await expect(note).toContainText('Rule: overfitting when validation J ends at least 10 % above its lowest');
    await expect(note.getByTestId('overfitting-verdict')).toContainText(/^Overfitting: validation J rose \d+\s%/);
    if (k === 0) await shots(page, testInfo, 'verdict-01-overfit-run', note);
  }
});

test('the Regularized preset is not, on any of its 3 seeds', async ({ page }, testInfo) => {
  const ids = await trainPreset(page, 'regularized');
  for (const [k, id] of ids.entries()) {
    await open(page, `#/runs/${id}`);
    const note = page.getByTestId('validation-note');
    await expect(note).toHaveAttribute('data-verdict', 'no-clear-rise');
    await expect(note).toContainText(/(is under 10\s%: no clear sign|It is lowest now: no sign) of overfitting\./);
    await expect(note.getByTestId('overfitting-verdict')).toHaveCount(0);
    if (k === 0) await shots(page, testInfo, 'verdict-02-regularized-run', note);
  }
});

test('the learning curve answers "would more data help?" from its points, with no time claimed before it has one', async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/learning-curve');
  // Default sizes 100, 500, 1,000, 2,000: keep 100 and 500 and add 200, three points from a fresh machine.
  for (const m of ['1,000', '2,000', '200'])
    await page.locator('label.chip', { hasText: new RegExp(`^${m}$`) }).click();
  await page.fill('#sw-iterations', '15');
  await page.fill('#sw-seeds-per-point', '2');
  await expect(page.getByTestId('sweep-start')).toHaveText('Start 6 runs');
  await expect(page.getByTestId('sweep-estimate')).toHaveText(/^No time estimate: not every one of these sizes/);
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('6 of 6 runs done', { timeout: 90_000 });

  const verdict = page.getByTestId('learning-curve-verdict');
  await expect(verdict).toContainText(/^Would more data help\? (Yes|A little at most|No)\./);
  await expect(verdict).toContainText('At the largest m = 500 the training error is');
  await expect(verdict).toContainText(
    /Over the last 3 points the validation error (fell|rose)\s+\d+\.\d\d points per doubling/,
  );
  await expect(page.getByTestId('learning-curve-rule')).toContainText(
    'still falling when, over the last 3 points, the validation error drops by at least 1.00 points per doubling of m',
  );
  expect(['high-variance', 'high-bias']).toContain(await verdict.getAttribute('data-diagnosis'));
  // The same six runs again are now timed by the six just finished.
  await expect(page.getByTestId('sweep-estimate')).toHaveText(
    /^About [\d.]+ (ms|s) of training for these 6\s+runs, timed by 6 of your finished runs of the same sizes on this\s+machine/,
  );
  await shots(page, testInfo, 'verdict-03-learning-curve', verdict);
});

test('loop vs vectorized counts the digits the curves agree to from their largest difference', async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/loop-vs-vectorized');
  await expect(page.getByTestId('lesson-intro')).not.toContainText('12 significant digits');
  await page.fill('#impl-iterations', '10');
  await page.fill('#impl-train', '300');
  await page.getByTestId('impl-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('3 of 3 runs done', { timeout: 90_000 });
  const note = page.getByTestId('cost-difference');
  await expect(note.getByTestId('agreeing-digits')).toHaveText(
    /^(they agree to \d+ significant\s+digits? \(⌊−log₁₀ of the relative difference⌋\)|they agree to the last bit)$/,
  );
  const relative = Number(await note.locator('.mono').nth(1).textContent());
  const shown = (await note.getByTestId('agreeing-digits').textContent())!;
  if (relative > 0) {
    const digits = Number(/agree to (\d+)/.exec(shown)![1]);
    // The relative difference is shown to 3 digits, so ⌊−log₁₀⌋ of the shown value can be off by one at a power of 10.
    expect(Math.abs(digits - Math.floor(-Math.log10(relative)))).toBeLessThanOrEqual(1);
  }
  await shots(page, testInfo, 'verdict-04-implementations', note);
});

test("the numerical gradient's cost is scaled from the learner's own run, not from a claimed training time", async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/gradient-check');
  await page.getByTestId('gc-timing-start').click();
  const answer = page.getByTestId('gc-timing-answer');
  await expect(answer).toBeVisible({ timeout: 240_000 });
  // The latest finished 784 → 25 → 10 run of this host is the loop-vs-vectorized lesson's fast run.
  await expect(answer.getByTestId('gc-timing-own-run')).toContainText(
    /^Your run “[^”]+” \(300 examples, 10 iterations\s+of cg\) trained in [\d.]+ (ms|s) with backprop; at the ratio just measured the\s+numerical gradient would have taken about/,
  );
  await shots(page, testInfo, 'verdict-05-gradient-timing', answer);
});
