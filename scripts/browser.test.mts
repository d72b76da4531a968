import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_BROWSER_MESSAGE, pickBrowser, unpackSparticuz, type BrowserCandidates } from '../e2e/browser';

// Real files with real permission bits: the finder must skip a file that exists but cannot run.
const dir = mkdtempSync(join(tmpdir(), 'browser-finder-'));
function file(name: string, mode: number): string {
  const p = join(dir, name);
  writeFileSync(p, '#!/bin/sh\n');
  chmodSync(p, mode);
  return p;
}
const runnableA = file('chrome-a', 0o755);
const runnableB = file('chrome-b', 0o755);
const notRunnable = file('chrome-readonly', 0o644);
const missing = join(dir, 'not-there');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function executable(f: string): boolean {
  try {
    accessSync(f, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(over: Partial<BrowserCandidates>): BrowserCandidates {
  return { playwright: () => null, system: [], sparticuz: () => null, executable, ...over };
}

describe('pickBrowser: the order a fresh machine is searched in', () => {
  it('takes BACKPROP_LAB_BROWSER first, and refuses one that cannot run, naming it', () => {
    expect(pickBrowser(candidates({ env: runnableB, system: [runnableA] }))).toEqual({
      source: 'env',
      executablePath: runnableB,
    });
    expect(() => pickBrowser(candidates({ env: notRunnable }))).toThrow(
      `BACKPROP_LAB_BROWSER is ${notRunnable}, which is not an executable file.`,
    );
  });

  it("prefers Playwright's own browser over a system one", () => {
    const found = pickBrowser(candidates({ playwright: () => runnableA, system: [runnableB] }));
    expect(found).toEqual({ source: 'playwright', executablePath: runnableA });
  });

  it('skips a Playwright path that was never installed, and system paths that are missing or not executable', () => {
    const found = pickBrowser(candidates({ playwright: () => missing, system: [missing, notRunnable, runnableB] }));
    expect(found).toEqual({ source: 'system', executablePath: runnableB });
  });

  it('falls back to @sparticuz/chromium last, and only then asks it to unpack', () => {
    let unpacked = 0;
    const sparticuz = () => {
      unpacked += 1;
      return runnableA;
    };
    expect(pickBrowser(candidates({ system: [runnableB], sparticuz }))?.source).toBe('system');
    expect(unpacked).toBe(0);
    expect(pickBrowser(candidates({ system: [missing], sparticuz }))).toEqual({
      source: 'sparticuz',
      executablePath: runnableA,
    });
    expect(unpacked).toBe(1);
  });

  it('BACKPROP_LAB_BROWSER=sparticuz goes straight to the packaged one', () => {
    const found = pickBrowser(candidates({ env: 'sparticuz', system: [runnableB], sparticuz: () => runnableA }));
    expect(found).toEqual({ source: 'sparticuz', executablePath: runnableA });
  });

  it('finds nothing when nothing is there; the message is one line that says how to get one', () => {
    expect(pickBrowser(candidates({ system: [missing, notRunnable] }))).toBeNull();
    expect(NO_BROWSER_MESSAGE).not.toContain('\n');
    expect(NO_BROWSER_MESSAGE).toContain('apt-get install chromium');
    expect(NO_BROWSER_MESSAGE).toContain('@sparticuz/chromium');
  });
});

// The last resort, for real: the Chromium inside the npm package unpacks and renders the lab's symbols.
const require = createRequire(import.meta.url);
let packaged = true;
try {
  require.resolve('@sparticuz/chromium');
} catch {
  packaged = false;
}
const onLinuxX64 = process.platform === 'linux' && process.arch === 'x64';

describe.skipIf(!packaged || !onLinuxX64)('the Chromium inside @sparticuz/chromium (optional; Linux x64)', () => {
  it('unpacks, launches headless under playwright-core and renders Δ θ ∂J/∂Θ', async () => {
    const exe = unpackSparticuz();
    expect(exe).toMatch(/chromium$/);
    const browser = await chromium.launch({
      executablePath: exe!,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<p id="symbols">Δ θ ∂J/∂Θ</p>');
      expect(await page.textContent('#symbols')).toBe('Δ θ ∂J/∂Θ');
      expect(Number(browser.version().split('.')[0])).toBeGreaterThanOrEqual(143);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
