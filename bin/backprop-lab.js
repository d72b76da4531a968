#!/usr/bin/env node
// `npx backprop-lab`: runs the built CLI, building it first when this checkout has not been built yet.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('backprop-lab: building once (electron-vite build)…\n');
  const r = spawnSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js', { paths: [root] }), 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require(cli);
