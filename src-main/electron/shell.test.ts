/**
 * The desktop shell as built, without the Electron binary (these machines cannot download it): the
 * built out/main/index.js and out/preload/index.js run in a real Node process against a recording
 * stand-in for the `electron` module (testing/electron-stand-in.cjs), with a real store file and a
 * real training process that gets Electron's `process.parentPort`. What it checks is what the app
 * would do in Electron up to Electron's own behaviour, which only a run under the real binary shows.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannelOf } from '../api/transport/ipc';
import { REQUEST_CHANNELS } from '../api/table';
import { REPO_ROOT, ensureBuiltWorker } from '../training/testing/build-worker';

interface Seen {
  errorBoxes: unknown[];
  webPreferences: Record<string, unknown>;
  preloadExists: boolean;
  loaded: string;
  channels: string[];
  menu: string[];
  csp: string[];
  permissionGranted: boolean;
  permissionCheck: boolean;
  windowOpen: { action: string };
  navigateAwayPrevented: boolean;
  navigateOwnPrevented: boolean;
  foreignFrame: { ok: boolean; error?: { code: string; message: string } };
  foreignSender: { ok: boolean; error?: { code: string } };
  otherPage: { before: boolean; after: { ok: boolean; error?: { code: string } } };
  exposed: string[];
  firstList: { ok: boolean; value: unknown[] };
  started: { ok: boolean; value: { ids: number[] } };
  done: { runId: number; status: string; metrics: { costEvaluations: number } };
  forks: { modulePath: string; serviceName: string; exists: boolean }[];
  run: { ok: boolean; value: { name: string; status: string; lastIteration: number; hasWeights: boolean } };
  unknownChannel: { ok: boolean; error: { code: string; message: string } };
}

const STAND_IN = join(REPO_ROOT, 'src-main/electron/testing');
let dir: string;
let seen: Seen;

beforeAll(async () => {
  await ensureBuiltWorker();
  dir = mkdtempSync(join(tmpdir(), 'bpl-shell-'));
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ['--require', join(STAND_IN, 'register.cjs'), join(STAND_IN, 'drive-shell.cjs'), join(REPO_ROOT, 'out')],
      {
        env: { ...process.env, STAND_IN_DIR: dir, BACKPROP_LAB_DB: join(dir, 'lab.db') },
        timeout: 180_000,
        maxBuffer: 16 << 20,
      },
      (error, out, err) => (error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out)),
    ),
  );
  seen = JSON.parse(stdout.trim().split('\n').pop()!) as Seen;
}, 200_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the built main process', () => {
  it('opens one hardened window on the built page, with a preload file that exists', () => {
    expect(seen.errorBoxes).toEqual([]);
    expect(seen.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(seen.webPreferences.preload).toBe(join(REPO_ROOT, 'out/preload/index.js'));
    expect(seen.preloadExists).toBe(true);
    expect(seen.loaded).toBe(join('renderer', 'index.html'));
    expect(existsSync(join(REPO_ROOT, 'out', seen.loaded))).toBe(true);
  });

  it('registers a handler for every request of the table, and nothing else', () => {
    expect([...seen.channels].sort()).toEqual(REQUEST_CHANNELS.map(ipcChannelOf).sort());
  });

  it('refuses calls from a foreign frame, a foreign sender and our frame showing another page', () => {
    expect(seen.foreignFrame).toEqual({
      ok: false,
      error: { code: 'forbidden', message: "runs.list: this page may not use the lab's API" },
    });
    expect(seen.foreignSender.error?.code).toBe('forbidden');
    expect(seen.otherPage.before).toBe(true);
    expect(seen.otherPage.after.error?.code).toBe('forbidden');
  });

  it('denies permissions, new windows and navigation away; sends the CSP on every response', () => {
    expect(seen.permissionGranted).toBe(false);
    expect(seen.permissionCheck).toBe(false);
    expect(seen.windowOpen).toEqual({ action: 'deny' });
    expect(seen.navigateAwayPrevented).toBe(true);
    expect(seen.navigateOwnPrevented).toBe(false);
    expect(seen.csp).toHaveLength(1);
    expect(seen.csp[0]).toContain("default-src 'none'");
    expect(seen.csp[0]).toContain("script-src 'self'");
  });

  it('installs the File, Edit, View and Window menus', () => {
    expect(seen.menu).toEqual(['File', 'Edit', 'View', 'windowMenu']);
  });
});

describe('the built preload, wired to main as Electron wires them', () => {
  it('exposes invoke, subscribe and pathForFile, and nothing else', () => {
    expect(seen.exposed).toEqual(['invoke', 'pathForFile', 'subscribe']);
  });

  it('a request from the page reaches the store and comes back', () => {
    expect(seen.firstList).toEqual({ ok: true, value: [] });
    expect(seen.run.ok).toBe(true);
    expect(seen.run.value).toMatchObject({
      name: 'through the preload',
      status: 'finished',
      lastIteration: 3,
      hasWeights: true,
    });
  });

  it('trains in a utility process running the built worker over process.parentPort, and the page hears run.done', () => {
    expect(seen.started).toEqual({ ok: true, value: { ids: [1] } });
    expect(seen.forks).toEqual([
      { modulePath: join(REPO_ROOT, 'out/main/worker.js'), serviceName: 'Backprop Lab training', exists: true },
    ]);
    // The worker saw no process.send (the shim removes it), so it can only have spoken through parentPort.
    expect(seen.done.runId).toBe(1);
    expect(seen.done.status).toBe('finished');
    expect(seen.done.metrics.costEvaluations).toBeGreaterThan(0);
  });

  it('refuses a channel the table does not have before it reaches main', () => {
    expect(seen.unknownChannel).toEqual({
      ok: false,
      error: {
        code: 'unknown-channel',
        message: `backpropLab.invoke: unknown channel runs.drop; there are ${REQUEST_CHANNELS.length} channels, e.g. runs.list`,
      },
    });
  });
});
