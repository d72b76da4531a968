// The one way our launchers (bin/backprop-lab.js, scripts/serve.js, scripts/start.js) run `electron-vite build`.
// electron-vite 6 declares an exports map that hides bin/electron-vite.js from require.resolve, so its CLI is found
// through the `bin` field of its package.json, which the exports map does allow.
'use strict';
const { dirname, join } = require('node:path');
const { spawnSync } = require('node:child_process');

/** Absolute path of electron-vite's CLI as installed for the checkout at `root`. */
function electronViteBin(root) {
  const manifestPath = require.resolve('electron-vite/package.json', { paths: [root] });
  const { bin } = require(manifestPath);
  const relative = typeof bin === 'string' ? bin : bin && bin['electron-vite'];
  if (!relative) throw new Error(`electron-vite's package.json (${manifestPath}) names no bin`);
  return join(dirname(manifestPath), relative);
}

/**
 * Runs `electron-vite build` in `root`, its output hidden; returns null on success, else the first line of its
 * errors (or the exit code) for a one-line message.
 */
function buildApp(root) {
  const r = spawnSync(process.execPath, [electronViteBin(root), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (r.status === 0) return null;
  const lines = (r.stderr || '').split('\n');
  const firstError = lines.find((l) => /error/i.test(l)) || lines.find((l) => l.trim()) || `exit code ${r.status}`;
  return firstError.trim();
}

module.exports = { electronViteBin, buildApp };
