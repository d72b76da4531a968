/** Steps several specs share: opening a view on a host, and a tiny CSV data set a run learns in a few iterations. */
import { expect, type Page, type TestInfo } from '@playwright/test';
import { shot } from './shots';

/** Opens the app at a view of the host at `baseUrl` (token included) and waits for its heading. */
export async function openView(page: Page, baseUrl: string, hash: string): Promise<void> {
  await page.goto(`${baseUrl}${hash}`);
  await expect(page.locator('main h1')).toBeVisible();
}

/** `count` tiny 4×4 digits whose label lights one pixel, so a network learns them in a few iterations. */
export function tinyDigits(count: number): string {
  const lines = ['label,' + Array.from({ length: 16 }, (_, j) => `p${j}`).join(',')];
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    lines.push([label, ...Array.from({ length: 16 }, (_, j) => (j === label ? 255 : (j * 7 + i) % 40))].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * With New run showing an inspected 300-digit tinyDigits file: splits it 200/50/50, trains 20
 * iterations under `name` (screenshot `shotName` before starting), waits for the run to finish and
 * checks its detail shows the name and the 16 → 25 → 10 network.
 */
export async function trainOnTinyDigits(page: Page, testInfo: TestInfo, name: string, shotName: string): Promise<void> {
  await page.fill('#f-trainSize', '200');
  await page.fill('#f-validationSize', '50');
  await page.fill('#f-testSize', '50');
  await page.fill('#f-iterations', '20');
  await page.fill('#f-name', name);
  await shot(page, testInfo, shotName);
  await page.click('[data-testid="start"]');
  await expect(page).toHaveURL(/#\/live\/\d+$/);
  const run = page.locator('article.run');
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 60_000 });
  await expect(run.getByTestId('train-accuracy')).toHaveText(/^\d{1,3}\.\d\d%$/);
  await page.getByRole('link', { name: 'Open details' }).click();
  await expect(page.locator('main h1')).toHaveText(name);
  await expect(page.getByText('16 → 25 → 10')).toBeVisible();
}

/** One request to the host's API at `baseUrl` (token included), as the renderer makes it; throws its error. */
export async function callApi<T>(baseUrl: string, channel: string, args: unknown[]): Promise<T> {
  const url = new URL(baseUrl);
  const res = await fetch(new URL(`/api/${channel}`, url), {
    method: 'POST',
    headers: { authorization: `Bearer ${url.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  const answer = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
  if (!answer.ok) throw new Error(`${channel}: ${answer.error?.message}`);
  return answer.value;
}

/**
 * Trains a 784-25-10 network on the bundled digits through the API and waits until it finished, so a test
 * has a run of its own rather than one an earlier test left behind. Returns its id.
 */
export async function trainDigits(
  baseUrl: string,
  name: string,
  sizes: { trainSize: number; validationSize: number; testSize: number },
  iterations: number,
): Promise<number> {
  const { ids } = await callApi<{ ids: number[] }>(baseUrl, 'training.start', [
    { name, hyperparameters: { iterations }, dataset: { source: 'mnist', ...sizes } },
  ]);
  for (const deadline = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 300))) {
    const { status } = await callApi<{ status: string }>(baseUrl, 'runs.get', [ids[0]]);
    if (status === 'finished') return ids[0];
    if (status !== 'queued' && status !== 'running') throw new Error(`run "${name}" ended ${status}`);
    if (Date.now() > deadline) throw new Error(`run "${name}" did not finish within 90 s`);
  }
}
