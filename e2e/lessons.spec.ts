/**
 * The lessons against a real host of their own: the index; a gradient check that passes, then fails
 * with a planted bug; the overfit/regularized pair reaching its comparison; a 3-point validation curve
 * that completes and plots with the best λ marked; symmetry, the three implementations and a
 * learning curve as small sweeps; the training evolution player; and a run's misclassified digits.
 * Runs are tiny (a few hundred digits, tens of iterations) so the whole file stays near a minute.
 */
import { expect, test, type Page } from '@playwright/test';
import { startOwnHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });

let host: RunningHost | null = null;
test.beforeAll(async () => {
  host = await startOwnHost('lessons');
});
test.afterAll(async () => {
  await host?.stop();
});

function open(page: Page, hash: string): Promise<void> {
  return openView(page, host!.url, hash);
}

test('the lesson index lists every lesson with its question', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  await page.getByRole('link', { name: 'Lessons' }).click();
  await expect(page.locator('main h1')).toHaveText('Lessons');
  await expect(page.locator('[data-lesson]')).toHaveCount(11);
  await expect(page.locator('[data-lesson="gradient-check"]')).toContainText('Does my gradient have a bug?');
  await shot(page, testInfo, 'lessons-01-index');
  await page.locator('[data-lesson="gradient-check"]').click();
  await expect(page).toHaveURL(/#\/lessons\/gradient-check$/);
});

test('gradient check: backprop passes on the debug network, a planted bug fails it', async ({ page }, testInfo) => {
  await open(page, '#/lessons/gradient-check');
  await expect(page.getByTestId('lesson-intro')).toContainText('What am I looking at?');
  const verdict = page.getByTestId('gc-verdict');
  // The check runs once on opening: Ng's 3-5-3 network, all 38 weights, λ = 0.
  await expect(verdict).toHaveAttribute('data-passed', 'true');
  await expect(verdict).toContainText('Backprop is correct');
  const passed = Number(await page.getByTestId('gc-difference').textContent());
  expect(passed).toBeLessThan(1e-9);
  await expect(page.getByTestId('gc-table').locator('tbody tr')).toHaveCount(38);
  await expect(page.getByTestId('gc-table').locator('tr[data-flagged]')).toHaveCount(0);
  // Weights are named as in Backprop and the hidden-unit panel: Ng's Θ(l), 1-based, bias in column 1, in words.
  const names = await page.getByTestId('gc-table').locator('tbody th').allTextContents();
  expect(names[0]).toBe('Θ(1)[unit 1, bias]');
  expect(names.filter((n) => /^Θ\(1\)\[unit [1-5], (bias|input [1-3])\]$/.test(n))).toHaveLength(20);
  expect(names.filter((n) => /^Θ\(2\)\[class \S+, (bias|unit [1-5])\]$/.test(n))).toHaveLength(18);
  await shot(page, testInfo, 'lessons-02-gradient-pass');

  // Not dividing by m makes every partial derivative m = 5 times too large: (5 − 1)/(5 + 1) = 0.667.
  // Choosing the bug makes the green verdict stale at once: it belongs to the correct backprop.
  await page.getByTestId('gc-bug').selectOption('forget-divide-by-m');
  await expect(verdict).toHaveAttribute('data-stale', 'true');
  await expect(verdict).toContainText('Settings changed');
  await expect(verdict).not.toHaveClass(/\bpass\b/);
  await shot(page, testInfo, 'lessons-02b-gradient-stale');
  await page.getByTestId('gc-run').click();
  await expect(verdict).toHaveAttribute('data-stale', 'false');
  await expect(verdict).toHaveAttribute('data-passed', 'false');
  await expect(verdict).toContainText('Backprop has a bug');
  await expect(page.getByTestId('gc-difference')).toHaveText('6.67e-1');
  await expect(page.getByTestId('gc-table').locator('tr[data-flagged]')).toHaveCount(38); // every weight is 5× too large
  await shot(page, testInfo, 'lessons-03-gradient-bug');

  // A bug invisible at λ = 0 says so, and offers λ = 3, where it shows.
  await page.getByTestId('gc-bug').selectOption('regularize-bias');
  await expect(page.getByText('At λ = 0 this bug is invisible.')).toBeVisible();
  await page.getByRole('button', { name: 'Use λ = 3' }).click();
  await expect(page.locator('#gc-lambda')).toHaveValue('3');
  await page.getByTestId('gc-run').click();
  await expect(verdict).toContainText('λ = 3');
  await expect(verdict).toHaveAttribute('data-passed', 'false');

  // A chosen network: 784 → 25 → 10 with 20 sampled weights passes with the vectorized code.
  await page.getByTestId('gc-bug').selectOption('');
  await page.getByTestId('gc-chosen').check();
  await page.getByTestId('gc-run').click();
  await expect(verdict).toContainText('784 → 25 → 10');
  await expect(verdict).toHaveAttribute('data-passed', 'true');
  await expect(page.getByTestId('gc-table').locator('tbody tr')).toHaveCount(20);
});

test('gradient check: backprop against the numerical gradient of all 19,885 weights, timed, cancellable', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await open(page, '#/lessons/gradient-check');
  const timing = page.getByTestId('gc-timing');
  await expect(timing).toContainText('Why not just use the numerical gradient?');
  // Started, it reports progress and stops on Cancel.
  await page.getByTestId('gc-timing-start').click();
  await expect(timing.getByRole('progressbar')).toBeVisible();
  await expect(timing).toContainText(/of 19,885 parameters/, { timeout: 30_000 });
  await page.getByTestId('gc-timing-cancel').click();
  await expect(timing).toContainText('Cancelled.');
  // Run to the end: 39,770 evaluations of J, far slower than one backprop, agreeing to many digits.
  await page.getByTestId('gc-timing-start').click();
  await expect(page.getByTestId('gc-timing-answer')).toBeVisible({ timeout: 200_000 });
  await expect(page.getByTestId('gc-timing-table')).toContainText('39,770 evaluations of J');
  const agreement = Number(await page.getByTestId('gc-time-agreement').textContent());
  expect(agreement).toBeLessThan(1e-6);
  await expect(page.getByTestId('gc-timing-answer')).toContainText('times as long as backprop');
  await page.getByTestId('gc-timing').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'lessons-03b-gradient-timing');
});

test('overfit vs regularized: one click trains the pair from 2 seeds each and opens their grouped comparison', async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/overfit-vs-regularized');
  // The measured settings are the defaults, and what they gave is in view before training.
  await expect(page.locator('#of-train')).toHaveValue('300');
  await expect(page.locator('#of-epsilon')).toHaveValue('2');
  await expect(page.getByTestId('overfit-measured').locator('tbody tr')).toHaveCount(5);
  await expect(page.getByTestId('lesson-intro')).toContainText(
    'on seeds 1–5 with these settings, and the paired test on them',
  );
  // The measured seeds, paired by seed (numbers as scipy.stats.ttest_rel gives them: t = −13.748, p = 1.622e-4).
  await expect(page.getByTestId('overfit-measured-verdict')).toHaveText(
    'Test accuracy 76.5 ± 1.5 % (λ = 0, 5 seeds) vs 83.8 ± 0.6 % (λ = 1, 5 seeds): the difference, +7.3 points ' +
      '(95 % CI +5.8 to +8.8), is larger than the seed-to-seed spread (paired t = 13.7, df = 4, p = 1.6 × 10⁻⁴). ' +
      "Paired t-test on the 5 per-seed differences, because each seed's λ = 1 run started from the same seed of Θ₀ " +
      'and the same data split as its λ = 0 run, with only λ changed.',
  );
  await expect(page.locator('#of-seeds')).toHaveValue('3');
  await page.fill('#of-iterations', '100');
  await page.fill('#of-lambda', '3');
  await page.fill('#of-seeds', '2');
  await expect(page.getByTestId('overfit-start')).toHaveText('Train λ = 0 and λ = 3, 2 seeds each');
  await shot(page, testInfo, 'lessons-04-overfit-before');
  await page.getByTestId('overfit-start').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('of 4 runs done');
  await expect(page).toHaveURL(/#\/compare\/\d+,\d+,\d+,\d+$/, { timeout: 90_000 });
  await expect(page.locator('main header p').first()).toHaveText('4 runs in 2 groups of seeds');
  const hyper = page.getByTestId('hyper-table');
  await expect(hyper.locator('tbody tr')).toHaveCount(1);
  await expect(hyper.locator('tbody tr td')).toHaveText(['0', '3']);
  await expect(page.getByTestId('verdict')).toContainText(
    /^Test accuracy .* \(λ = 0, 2 seeds\) vs .* \(λ = 3, 2 seeds\): /,
  );
  // Seed k of both λ shares Θ₀'s seed and the split: Compare pairs them, and says so.
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-test', 'paired');
  await expect(page.getByTestId('verdict')).toContainText('Paired t-test on the 2 per-seed differences, because');
  const compareTest = (await page.getByTestId('verdict').textContent())!.trim();
  await page.selectOption('#verdict-metric', 'validationAccuracy');
  await expect(page.getByTestId('verdict')).toContainText(/^Validation accuracy /);
  const compareValidation = (await page.getByTestId('verdict').textContent())!.trim();
  await page.selectOption('#verdict-metric', 'testAccuracy');
  // The lesson's explanation stays above the comparison, and each run's validation cost is drawn dashed.
  await expect(page.getByTestId('lesson-context')).toContainText('the paired test on them');
  await expect(page.getByRole('link', { name: '← Back to the lesson' })).toHaveAttribute(
    'href',
    '#/lessons/overfit-vs-regularized',
  );
  await expect(page.getByTestId('compare-validation-note')).toBeVisible();
  // Each run's J_cv at its snapshots: iteration 0 and 20 more (λ = 0 may stop early, so at least 2 each).
  const validationPoints = Number(await page.getByTestId('cost-chart').getAttribute('data-validation-points'));
  expect(validationPoints).toBeGreaterThanOrEqual(4);
  expect(validationPoints).toBeLessThanOrEqual(42);
  await shot(page, testInfo, 'lessons-05-overfit-compare');

  // Back in the lesson: the same sentences about the same runs, word for word (one verdict source).
  await page.getByRole('link', { name: '← Back to the lesson' }).click();
  const yours = page.getByTestId('overfit-your-verdict');
  await expect(yours).toHaveCount(2);
  await expect(yours.nth(0)).toHaveText(compareValidation);
  await expect(yours.nth(1)).toHaveText(compareTest);
  await expect(yours.nth(1)).toHaveAttribute('data-test', 'paired');
  await page.getByTestId('overfit-your-verdicts').scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'lessons-05b-overfit-your-verdicts');
});

test('validation curve: 3 λ from 2 seeds each complete and plot with ± 1 sd bars, the best λ marked', async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/validation-curve');
  await expect(page.getByText('No sweep yet')).toBeVisible();
  // Default points 0, 0.01, 0.1, 1, 10 from 3 seeds each: drop 0.01 and 10, and take 2 seeds.
  await expect(page.getByTestId('sweep-start')).toHaveText('Start 15 runs');
  await page.locator('label.chip', { hasText: /^0\.01$/ }).click();
  await page.locator('label.chip', { hasText: /^10$/ }).click();
  await page.fill('#sw-seeds-per-point', '2');
  await page.fill('#sw-train', '500');
  await page.fill('#sw-iterations', '30');
  await expect(page.getByTestId('sweep-start')).toHaveText('Start 6 runs');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toContainText('of 6 runs done');
  await expect(page.getByTestId('sweep-progress')).toHaveText('6 of 6 runs done', { timeout: 90_000 });
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('bars-note')).toContainText('the mean of 2 seeds; bars: ± 1 sample standard deviation');
  const rows = page.getByTestId('curve-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^\d+\.\d\d ± \d+\.\d\d %$/);
  await expect(rows.first().locator('td').nth(2)).toHaveText('2');
  await expect(page.getByTestId('best-lambda')).toContainText(/λ = (0|0\.1|1)\b.*on average over 2 seeds/);
  await shot(page, testInfo, 'lessons-06-validation-curve');
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, 'lessons-06-validation-curve-1024');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Leaving and coming back resumes the sweep from sweeps.list.
  await open(page, '#/lessons');
  await open(page, '#/lessons/validation-curve');
  await expect(page.getByTestId('sweep-progress')).toHaveText('6 of 6 runs done');
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-points', '3');

  // Its runs in Compare: one group of 2 seeds per λ, each λ > 0 judged against λ = 0 paired by seed.
  await page.getByRole('link', { name: 'Compare its runs' }).click();
  await expect(page.locator('main header p').first()).toHaveText('6 runs in 3 groups of seeds');
  await expect(page.getByTestId('metrics-table').locator('thead th')).toHaveText([
    'Metric',
    'λ = 0',
    'λ = 0.1',
    'λ = 1',
  ]);
  const verdicts = page.getByTestId('verdict');
  await expect(verdicts).toHaveCount(2);
  await expect(verdicts.first()).toContainText(
    /^Test accuracy \d+\.\d+ ± \d+\.\d+ % \(λ = 0, 2 seeds\) vs .*\(λ = 0\.1, 2 seeds\)/,
  );
  await expect(verdicts.first()).toContainText(
    /(is larger than the seed-to-seed spread|could be seed noise) \(paired t = /,
  );
  await shot(page, testInfo, 'lessons-06-validation-curve-compare');
});

test('symmetry: zero init keeps one distinct hidden unit, random init 25', async ({ page }, testInfo) => {
  await open(page, '#/lessons/symmetry');
  await page.fill('#sym-iterations', '20');
  await page.fill('#sym-train', '500');
  await page.getByTestId('symmetry-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('2 of 2 runs done', { timeout: 60_000 });
  await expect(page.getByTestId('symmetry-zeros').getByTestId('distinct-units')).toHaveText('1 of 25');
  await expect(page.getByTestId('symmetry-uniform').getByTestId('distinct-units')).toHaveText('25 of 25');
  await expect(page.getByRole('img', { name: /Hidden units of run \d+ at iteration 20/ })).toHaveCount(2);
  await shot(page, testInfo, 'lessons-07-symmetry');
});

test('loop vs vectorized: three identical curves and the time per iteration of each', async ({ page }, testInfo) => {
  await open(page, '#/lessons/loop-vs-vectorized');
  await page.fill('#impl-iterations', '10');
  await page.fill('#impl-train', '300');
  await page.getByTestId('impl-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('3 of 3 runs done', { timeout: 60_000 });
  await expect(page.getByTestId('impl-times')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-points', '33');
  const difference = Number((await page.getByTestId('cost-difference').locator('.mono').first().textContent())!);
  expect(difference).toBeLessThan(1e-9);
  await shot(page, testInfo, 'lessons-08-implementations');
});

// The seeds lesson ("Will the optimizer get stuck?") has its own spec: e2e/landscape.spec.ts.
test('learning curve: a small sweep plots its curve', async ({ page }, testInfo) => {
  await open(page, '#/lessons/learning-curve');
  // Default sizes 100, 500, 1,000, 2,000: drop the two largest to keep it small.
  for (const m of ['1,000', '2,000']) await page.locator('label.chip', { hasText: new RegExp(`^${m}$`) }).click();
  await page.fill('#sw-iterations', '15');
  await page.fill('#sw-seeds-per-point', '2');
  await expect(page.getByTestId('sweep-start')).toHaveText('Start 4 runs');
  await page.getByTestId('sweep-start').click();
  await expect(page.getByTestId('sweep-progress')).toHaveText('4 of 4 runs done', { timeout: 60_000 });
  await expect(page.getByTestId('sweep-chart')).toHaveAttribute('data-points', '2');
  await expect(page.getByTestId('bars-note')).toContainText('the mean of 2 seeds');
  await shot(page, testInfo, 'lessons-10-learning-curve');
});

test('training evolution: the player steps through the snapshots with a marker on the curve', async ({
  page,
}, testInfo) => {
  await open(page, '#/lessons/training-evolution');
  // Every run so far was started by a lesson, and the replay leaves those out until asked for them.
  await expect(page.getByText('No trained run yet')).toBeVisible();
  await page.getByTestId('show-lesson-runs').check();
  const slider = page.getByTestId('evo-slider');
  await expect(slider).toBeVisible();
  await slider.focus();
  await page.keyboard.press('End');
  const last = Number(await slider.getAttribute('max'));
  expect(last).toBeGreaterThan(1);
  const endMarker = Number(await page.getByTestId('cost-chart').getAttribute('data-marker'));
  expect(endMarker).toBeGreaterThan(0);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('cost-chart')).toHaveAttribute('data-marker', '0');
  await expect(page.getByRole('img', { name: /at iteration 0$/ })).toBeVisible();
  await page.getByTestId('evo-play').click();
  await expect(page.getByTestId('evo-play')).toHaveAttribute('aria-pressed', 'true');
  await expect
    .poll(async () => Number(await page.getByTestId('cost-chart').getAttribute('data-marker')))
    .toBeGreaterThan(0);
  await shot(page, testInfo, 'lessons-11-evolution');
  await page.getByTestId('evo-play').click();
  await expect(page.getByTestId('evo-play')).toHaveAttribute('aria-pressed', 'false');
});

test('run detail: a gallery of the misclassified test digits with true and read labels', async ({ page }, testInfo) => {
  await open(page, '#/runs');
  // Every run here was made by a lesson, and Runs hides those until asked.
  await expect(page.getByTestId('lessons-hidden')).toBeVisible();
  await page.getByTestId('show-lessons').check();
  await page.locator('tbody tr[data-run-id]').first().getByTestId('run-name').click();
  const gallery = page.getByTestId('misclassified');
  await expect(gallery.locator('li').first()).toBeVisible();
  const count = await gallery.locator('li').count();
  expect(count).toBeGreaterThan(0);
  expect(count).toBeLessThanOrEqual(100);
  const alt = (await gallery.locator('img').first().getAttribute('alt'))!;
  const [, label, read] = /^A (\d) read as (\d)$/.exec(alt)!;
  expect(label).not.toBe(read);
  await page.getByRole('heading', { name: 'Misclassified test digits' }).scrollIntoViewIfNeeded();
  await shot(page, testInfo, 'lessons-12-misclassified');
});
