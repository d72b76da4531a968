#!/usr/bin/env node
// `npm run serve -- [--port N] [--db PATH] [--concurrency N]`: the lab in a browser on this machine.
// Builds once when out/ lacks the host, worker or renderer, then runs the built host (out/main/host.js),
// which prints the URL to open (token included). Ctrl+C stops it and any training it runs.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawn } = require('node:child_process');
const { buildApp } = require('./build-once.js');

const root = join(__dirname, '..');
const NEEDED = ['out/main/host.js', 'out/main/worker.js', 'out/renderer/index.html'];

/** Builds with electron-vite unless every file the host needs is there; returns false (after one line) on failure. */
function buildIfNeeded() {
  if (NEEDED.every((f) => existsSync(join(root, f)))) return true;
  process.stderr.write('backprop-lab: building once (electron-vite build)…\n');
  const failure = buildApp(root);
  if (!failure) return true;
  process.stderr.write(`backprop-lab: the build failed: ${failure} (run \`npx electron-vite build\` to see all)\n`);
  return false;
}

/** Runs the host with `args` until it ends; resolves with its exit code. */
function serve(args) {
  if (!buildIfNeeded()) return Promise.resolve(1);
  const child = spawn(process.execPath, [join(root, 'out/main/host.js'), ...args], { cwd: root, stdio: 'inherit' });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}

module.exports = { serve, buildIfNeeded };

if (require.main === module) {
  serve(process.argv.slice(2)).then((code) => process.exit(code));
}
