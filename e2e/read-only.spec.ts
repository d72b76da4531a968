/**
 * A database the lab cannot write (issue 20, B9): on a real read-only mount (a tmpfs remounted ro,
 * which binds root too; skipped with a note where this machine cannot mount), the host opens it,
 * every view says so once, the runs are there to browse, and New run's Start is off, saying why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { DEFAULT_HYPERPARAMETERS } from '../src-main/run/hyperparameters';
import { openStore } from '../src-main/store/open';
import { mountTmpfs, remount, unmount } from '../src-main/store/torn-checkpoint';
import { startHost, type RunningHost } from './host';
import { shot } from './shots';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-read-only-'));
const mount = path.join(dir, 'disk');
fs.mkdirSync(mount);
const mounted = mountTmpfs(mount, '8m');
let host: RunningHost | null = null;

test.skip(!mounted, 'cannot mount a tmpfs here (needs root); store/read-only.test.ts covers what it can');

test.beforeAll(async () => {
  const db = path.join(mount, 'lab.db');
  const store = openStore(db);
  store.createRun({
    name: 'kept from before',
    hyperparameters: DEFAULT_HYPERPARAMETERS,
    dataset: { source: 'mnist', trainSize: 10, validationSize: 0, testSize: 0, dataSeed: 1 },
    width: 28,
    height: 28,
  });
  store.close();
  remount(mount, 'ro');
  host = await startHost(db);
});

test.afterAll(async () => {
  await host?.stop();
  if (mounted) unmount(mount);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a read-only database: a banner says why, runs can be browsed, Start is off', async ({ page }, testInfo) => {
  await page.goto(`${host!.url}#/runs`);
  const banner = page.getByTestId('read-only');
  await expect(banner).toContainText('it is on a read-only file system');
  await expect(page.getByRole('link', { name: 'kept from before' })).toBeVisible();
  await shot(page, testInfo, 'read-only-runs');
  await page.goto(`${host!.url}#/new`);
  await expect(page.getByTestId('start')).toBeDisabled();
  await expect(page.getByTestId('start-read-only')).toContainText("the lab's database is read-only");
  await expect(page.getByTestId('read-only')).toHaveCount(1);
});
