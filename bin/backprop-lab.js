#!/usr/bin/env node
// `npx backprop-lab`: runs the built CLI, building it first when this checkout has not been built yet.
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const { buildApp } = require('../scripts/build-once.js');

const root = join(__dirname, '..');
const cli = join(root, 'out', 'main', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('backprop-lab: building once (electron-vite build)…\n');
  const failure = buildApp(root);
  if (failure) {
    process.stderr.write(`backprop-lab: the build failed: ${failure} (run \`npx electron-vite build\` to see all)\n`);
    process.exit(1);
  }
}
require(cli);
