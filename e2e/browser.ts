/**
 * Which Chromium drives the e2e tests. A fresh machine has only Node, so the README's `npm test` must
 * find a browser without downloading one at run time (these machines reach only the npm registry and
 * Debian's packages). In order:
 *   1. BACKPROP_LAB_BROWSER, when set (a path; or `sparticuz` to force step 4);
 *   2. a Chromium that Playwright itself installed (`npx playwright install`), where one exists;
 *   3. a system Chromium or Chrome (Debian's `apt-get install chromium`, Google's packages);
 *   4. the Chromium carried inside the optional npm dependency @sparticuz/chromium (Linux x64),
 *      unpacked into the temp folder on first use.
 * With none, one line says how to get one.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

export type BrowserSource = 'env' | 'playwright' | 'system' | 'sparticuz';

export interface FoundBrowser {
  source: BrowserSource;
  executablePath: string;
}

/** Where Debian, Ubuntu, Fedora and Google's packages put Chromium or Chrome, most likely first. */
export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/snap/bin/chromium',
];

export const NO_BROWSER_MESSAGE =
  'No Chromium for the e2e tests: install one (Debian/Ubuntu: `sudo apt-get install chromium`), or run ' +
  '`npm install` on Linux x64 so the optional @sparticuz/chromium is present, or set BACKPROP_LAB_BROWSER ' +
  'to a Chromium or Chrome executable.';

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Unpacks @sparticuz/chromium's browser (async in the package) in a child, so config can stay synchronous. */
export function unpackSparticuz(): string | null {
  try {
    const script =
      "const m = require('@sparticuz/chromium'); const c = m.default ?? m;" +
      'c.executablePath().then((p) => process.stdout.write(p), (e) => { process.stderr.write(String(e)); process.exit(1); });';
    const out = execFileSync(process.execPath, ['-e', script], {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    }).trim();
    return out && isExecutable(out) ? out : null;
  } catch {
    return null;
  }
}

export interface BrowserCandidates {
  env?: string;
  playwright: () => string | null;
  system: readonly string[];
  sparticuz: () => string | null;
  executable: (file: string) => boolean;
}

/** Walks the order above over the given candidates; null when none is there. */
export function pickBrowser(c: BrowserCandidates): FoundBrowser | null {
  if (c.env && c.env !== 'sparticuz') {
    if (!c.executable(c.env)) throw new Error(`BACKPROP_LAB_BROWSER is ${c.env}, which is not an executable file.`);
    return { source: 'env', executablePath: c.env };
  }
  if (c.env !== 'sparticuz') {
    const installed = c.playwright();
    if (installed && c.executable(installed)) return { source: 'playwright', executablePath: installed };
    const system = c.system.find((file) => c.executable(file));
    if (system) return { source: 'system', executablePath: system };
  }
  const unpacked = c.sparticuz();
  return unpacked ? { source: 'sparticuz', executablePath: unpacked } : null;
}

function playwrightInstalled(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/**
 * The browser for this test run. The config is evaluated by the runner and again by each worker; the
 * first evaluation records its choice in the environment (which workers inherit), so the search and
 * the line saying which browser ran happen once.
 */
export function findBrowser(): FoundBrowser {
  const chosen = process.env.BACKPROP_LAB_BROWSER_CHOSEN;
  if (chosen) {
    const [source, ...rest] = chosen.split(':');
    return { source: source as BrowserSource, executablePath: rest.join(':') };
  }
  const found = pickBrowser({
    env: process.env.BACKPROP_LAB_BROWSER || undefined,
    playwright: playwrightInstalled,
    system: SYSTEM_BROWSERS,
    sparticuz: unpackSparticuz,
    executable: isExecutable,
  });
  if (!found) throw new Error(NO_BROWSER_MESSAGE);
  process.env.BACKPROP_LAB_BROWSER_CHOSEN = `${found.source}:${found.executablePath}`;
  console.log(`e2e browser: ${found.executablePath} (${describeSource(found.source)})`);
  return found;
}

function describeSource(source: BrowserSource): string {
  switch (source) {
    case 'env':
      return 'from BACKPROP_LAB_BROWSER';
    case 'playwright':
      return "Playwright's own";
    case 'system':
      return 'the system one';
    case 'sparticuz':
      return 'the one inside the npm package @sparticuz/chromium';
  }
}
