/**
 * The Cost surface view on a feature table instead of digits: two seeds trained by the built CLI on iris
 * (4 standardized inputs, 5 hidden units, 3 classes, a validation split) into the host's database, then
 * the line from Θ₀ to Θ*, the line between the two minima before and after matching units, both planes
 * and the path's plane, with screenshots at 1280×800 and 1024×700. A third run on two species is not
 * offered as the other end of a line (its Θ has 2 outputs, not 3), nor is a fourth with tanh units (another J).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';
import { shot } from './shots';
import { openView } from './steps';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '..');
let host: RunningHost | null = null;
let dir = '';

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'backprop-e2e-landscape-table-'));
  const db = path.join(dir, 'lab.db');
  for (const seed of ['1', '2']) {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'out', 'main', 'cli.js'),
        'train',
        ...['--data', path.join(ROOT, 'src-main', 'data', 'testing', 'iris.csv'), '--label-column', 'species'],
        ...['--standardize', '--hidden', '5', '--iterations', '40', '--seed', seed, '--name', `iris seed ${seed}`],
        ...['--train-size', '90', '--validation-size', '30', '--test-size', '30', '--db', db],
      ],
      { stdio: 'pipe' },
    );
  }
  // A third run of the same 4 inputs and 5 hidden units but 2 species: its Θ has another output layer,
  // so the Cost surface must not offer it as the other end of a line.
  const iris = path.join(ROOT, 'src-main', 'data', 'testing', 'iris.csv');
  const twoSpecies = path.join(dir, 'iris-two-species.csv');
  const lines = fs.readFileSync(iris, 'utf8').trim().split(/\r?\n/); // the file has CRLF line ends
  fs.writeFileSync(
    twoSpecies,
    [lines[0], ...lines.slice(1).filter((l) => !l.endsWith(',virginica'))].join('\n') + '\n',
  );
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'out', 'main', 'cli.js'),
      'train',
      ...['--data', twoSpecies, '--label-column', 'species', '--standardize', '--hidden', '5', '--iterations', '20'],
      ...[
        '--name',
        'iris two species',
        '--train-size',
        '60',
        '--validation-size',
        '20',
        '--test-size',
        '20',
        '--db',
        db,
      ],
    ],
    { stdio: 'pipe' },
  );
  // A fourth of the same shape trained with tanh hidden units (on the fast code, the default): another J,
  // so it is not offered either, and the view says why.
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'out', 'main', 'cli.js'),
      'train',
      ...['--data', iris, '--label-column', 'species', '--standardize', '--hidden', '5', '--iterations', '20'],
      ...['--activation', 'tanh', '--seed', '3', '--name', 'iris tanh'],
      ...['--train-size', '90', '--validation-size', '30', '--test-size', '30', '--db', db],
    ],
    { stdio: 'pipe' },
  );
  host = await startHost(db);
});
test.afterAll(async () => {
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function shots(page: Page, testInfo: Parameters<typeof shot>[1], name: string): Promise<void> {
  await shot(page, testInfo, `${name}-1280`);
  await page.setViewportSize({ width: 1024, height: 700 });
  await shot(page, testInfo, `${name}-1024`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('the Cost surface of an iris run: the line, the line to the other seed, the planes and the path', async ({
  page,
}, testInfo) => {
  await openView(page, host!.url, '#/surface/1');
  await expect(page.getByTestId('line-chart')).toHaveAttribute('data-points', '51', { timeout: 30_000 });
  // The network as the run has it: 4 features, 5 hidden units, 3 species (not the digits' 10 outputs).
  await expect(page.getByText('4 → 5 → 3 · λ = 1 · m = 90')).toBeVisible();
  // J(Θ₀) of a small random start on 3 classes is about 3·ln 2 ≈ 2.08 plus λ's share.
  const jStart = Number(/(\d+\.\d{6})/.exec((await page.getByTestId('j-start').textContent()) ?? '')![1]);
  expect(jStart).toBeGreaterThan(1.5);
  expect(jStart).toBeLessThan(3);
  await shots(page, testInfo, 'landscape-table-01-line');

  // Run 3 has 2 classes and run 4 tanh units: neither is offered as the other end of the line, and the view says why.
  const offered = await page
    .getByTestId('surface-to')
    .locator('option')
    .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  expect(offered).toEqual(['', '2']);
  await expect(page.getByTestId('surface-missing')).toHaveText(
    '2 other finished runs are not offered (1 with another number of classes and 1 trained on another cost or hidden ' +
      'activation than cross-entropy with sigmoid units): a line or a plane between two networks needs their Θ to ' +
      'have the same shape and one J (the same cost and hidden activation).',
  );
  await page.getByTestId('surface-to').selectOption('2');
  await expect(page).toHaveURL(/#\/surface\/1,2$/);
  await expect(page.getByTestId('pair-chart')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('barrier')).toContainText(/\d/);
  await expect(page.getByTestId('relabel-note')).toContainText('5! = 120');
  await page.getByTestId('pair-chart').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-table-02-pair');

  await page.fill('#plane-grid', '9');
  await page.getByTestId('plane-draw').click();
  await expect(page.getByTestId('plane-map-0')).toHaveAttribute('data-grid', '9', { timeout: 30_000 });
  await page.getByTestId('plane-map-0').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-table-03-planes');

  await page.fill('#path-grid', '9');
  await page.getByTestId('path-draw').click();
  await expect(page.getByTestId('path-map')).toHaveAttribute('data-grid', '9', { timeout: 30_000 });
  await page.getByTestId('path-map').scrollIntoViewIfNeeded();
  await shots(page, testInfo, 'landscape-table-04-path');
});
