/**
 * A read-only database at an older schema (issue 20, B9's leftover), on a real read-only mount (a
 * tmpfs remounted ro; skipped with a note where this machine cannot mount): the host shows it from a
 * copy upgraded in memory, the banner says so and how to upgrade the file itself, and a run whose
 * trainer is gone reads as interrupted. Screenshots at 1280×800 and 1024×700.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { MIGRATIONS } from '../src-main/store/migrations';
import { mountTmpfs, remount, unmount } from '../src-main/store/torn-checkpoint';
import { startHost, type RunningHost } from './host';
import { shot } from './shots';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-read-only-old-'));
const mount = path.join(dir, 'disk');
fs.mkdirSync(mount);
const mounted = mountTmpfs(mount, '8m');
let host: RunningHost | null = null;

test.skip(!mounted, 'cannot mount a tmpfs here (needs root); store/read-only-old-schema.test.ts covers it in place');

test.beforeAll(async () => {
  const file = path.join(mount, 'lab.db');
  // Schema 4, as a lab from before owner tokens left it: one run it was training when it stopped.
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  for (let v = 0; v < 4; v++) {
    db.transaction(() => {
      MIGRATIONS[v](db);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  db.prepare(
    `INSERT INTO runs (name, status, created_at, started_at, hyperparameters, dataset, width, height, optimizer, lambda,
       hidden_layers, hidden_size, layer_count, iterations, batch_size, learning_rate, momentum, init, epsilon, seed, impl,
       train_size, validation_size, test_size, data_seed)
     VALUES ('left running at schema 4', 'running', 1700000000000, 1700000001000, ?, ?, 28, 28, 'cg', 1, '[25]', 25, 3,
       50, 100, 0.5, 0.9, 'uniform', 0.12, 1, 'fast', 100, 0, 0, 1)`,
  ).run(
    JSON.stringify({ hiddenLayers: [25], lambda: 1, optimizer: 'cg', iterations: 50 }),
    JSON.stringify({ source: 'mnist', trainSize: 100, validationSize: 0, testSize: 0, dataSeed: 1 }),
  );
  db.close();
  remount(mount, 'ro');
  host = await startHost(file);
});

test.afterAll(async () => {
  await host?.stop();
  if (mounted) unmount(mount);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('an older schema on a read-only mount: shown upgraded in memory, the banner says how to upgrade the file', async ({
  page,
}, testInfo) => {
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto(`${host!.url}#/runs`);
    const banner = page.getByTestId('read-only');
    await expect(banner).toContainText('it is on a read-only file system; it is at schema 4');
    await expect(banner).toContainText('open it once where it can be written to upgrade the file itself');
    const row = page.getByRole('row', { name: /left running at schema 4/ });
    await expect(row).toContainText('interrupted');
    await shot(page, testInfo, `read-only-old-schema-${width}x${height}`);
  }
  await page.getByRole('link', { name: 'left running at schema 4' }).click();
  await expect(
    page.getByText(
      'the app stopped while the run was running; the database is read-only, so on disk it still says running',
    ),
  ).toBeVisible();
  await shot(page, testInfo, 'read-only-old-schema-detail-1024x700');
});
