/**
 * End-to-end tests: the real renderer in Chromium against the real web host (real store, real
 * training processes), started by e2e/global-setup.ts on a free port with a fresh database.
 * No browser is downloaded: e2e/browser.ts finds one (Playwright's, the system's, or the one inside
 * the optional npm package @sparticuz/chromium). The Electron binary cannot run here, so the host
 * stands in for it.
 */
import { defineConfig } from '@playwright/test';
import { findBrowser } from './e2e/browser';

const browser = findBrowser();

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // The story specs share one host and build on each other's runs; the machine has 2 cores.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  globalSetup: './e2e/global-setup.ts',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: browser.executablePath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
  },
});
