/**
 * The real desktop app through Playwright's Electron launcher, wherever the Electron binary exists
 * (npm downloads it from GitHub at install, which some machines cannot reach: there this file is
 * skipped with a note, and src-main/electron/shell.test.ts checks the built shell against a stand-in).
 * Started with the built out/main/index.js, a fresh database, and better-sqlite3 built for Electron
 * (`npm start` prepares it; its path comes in BACKPROP_LAB_NATIVE_BINDING).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const ROOT = path.resolve(__dirname, '..');
const pathFile = path.join(ROOT, 'node_modules/electron/path.txt');
const binary = fs.existsSync(pathFile)
  ? path.join(ROOT, 'node_modules/electron/dist', fs.readFileSync(pathFile, 'utf8').trim())
  : null;
const hasBinary = binary !== null && fs.existsSync(binary);

test.skip(
  !hasBinary,
  'no Electron binary on this machine (it is downloaded from GitHub at install); see shell.test.ts',
);

test('the window opens, a run trains in a utility process, and Export saves through the save dialog', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpl-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: [path.join(ROOT, 'out/main/index.js')],
    env: { ...process.env, BACKPROP_LAB_DB: path.join(dir, 'lab.db') },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Backprop Lab/);
    // Sandboxed, isolated, no Node: the page sees neither require nor process, only the bridge.
    const reach = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: typeof (globalThis as { backpropLab?: unknown }).backpropLab,
    }));
    expect(reach).toEqual({ require: 'undefined', process: 'undefined', bridge: 'object' });

    const started = await page.evaluate(() =>
      (
        window as unknown as {
          backpropLab: { training: { start: (r: unknown) => Promise<{ ok: boolean; value: { ids: number[] } }> } };
        }
      ).backpropLab.training.start({
        name: 'in Electron',
        hyperparameters: { iterations: 3 },
        dataset: { trainSize: 200, validationSize: 50, testSize: 50 },
      }),
    );
    expect(started.ok).toBe(true);
    const id = started.value.ids[0];
    await page.goto(`${page.url().split('#')[0]}#/runs/${id}`);
    await expect(page.getByText('finished', { exact: false }).first()).toBeVisible({ timeout: 60_000 });

    const target = path.join(dir, 'in-electron.zip');
    await app.evaluate(({ dialog }, file) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: file })) as typeof dialog.showSaveDialog;
    }, target);
    await page.getByRole('button', { name: 'Export' }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Save|Download/ })
      .click();
    await expect.poll(() => fs.existsSync(target), { timeout: 30_000 }).toBe(true);
  } finally {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
