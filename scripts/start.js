#!/usr/bin/env node
// `npm start [-- --web] [-- --port N --db PATH]`: the desktop app, or the lab in the browser where it can't run.
//
// 1. Electron's binary: present after `npm install`; if not, one download attempt (electron's install.js).
// 2. better-sqlite3 for Electron's ABI, in .electron-native/<electron version>/better_sqlite3.node — built
//    from a copy of the package (prebuild-install --runtime electron, else node-gyp against Electron's
//    headers), so node_modules keeps the Node build that `npm test` and the CLI use.
// 3. electron-vite build, then Electron on this folder, told where the native build is.
// Where that can't work (offline, no display, --web), it says why in one line and serves the lab
// through the localhost host instead (scripts/serve.js), which prints the URL to open.
'use strict';
// First, before anything that a newer Node may need: the Node this is, against package.json's engines.
const needed = require('./node-needed.js');
const tooOld = needed.refusal(process.version, needed.enginesNode());
if (tooOld) {
  process.stderr.write(`${tooOld}\n`);
  process.exit(1);
}
const fs = require('node:fs');
const path = require('node:path');
const { spawn, spawnSync } = require('node:child_process');
const { serve, buildIfNeeded } = require('./serve');
const { buildApp } = require('./build-once.js');

const root = path.join(__dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const electronVersion = require(path.join(electronDir, 'package.json')).version;
const nativeDir = path.join(root, '.electron-native', electronVersion);
const nativeFile = path.join(nativeDir, 'better_sqlite3.node');

class CannotRun extends Error {}

/** The first meaningful line of a tool's output, for a one-line reason. */
function firstLine(text, fallback) {
  const line = String(text || '')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('at ') && !/^npm (WARN|notice)/.test(l));
  return (line || fallback).slice(0, 200);
}

/** The Electron executable, downloading it once if npm install could not; throws CannotRun naming why not. */
async function electronBinary() {
  const read = () => {
    try {
      const rel = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
      const file = path.join(electronDir, 'dist', rel);
      return fs.existsSync(file) ? file : undefined;
    } catch {
      return undefined;
    }
  };
  if (read()) return read();
  const child = spawn(process.execPath, [path.join(electronDir, 'install.js')], {
    cwd: electronDir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  // Say something only when the download really takes a while (a failing one ends in about a second).
  const notice = setTimeout(
    () => process.stderr.write(`backprop-lab: downloading Electron ${electronVersion} once…\n`),
    3000,
  );
  const killer = setTimeout(() => child.kill(), 600_000);
  await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(notice);
  clearTimeout(killer);
  const file = read();
  if (!file)
    throw new CannotRun(
      `the Electron ${electronVersion} binary can't be had here (download failed: ${firstLine(output, 'no output')} — offline?)`,
    );
  return file;
}

/** Builds (or finds) better_sqlite3.node for Electron's ABI without touching node_modules/better-sqlite3. */
function electronNativeBinding() {
  if (fs.existsSync(nativeFile)) return nativeFile;
  const source = path.dirname(require.resolve('better-sqlite3/package.json', { paths: [root] }));
  const work = path.join(nativeDir, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (fs.existsSync(path.join(source, entry)))
      fs.cpSync(path.join(source, entry), path.join(work, entry), { recursive: true });
  }
  const built = path.join(work, 'build', 'Release', 'better_sqlite3.node');
  const env = {
    ...process.env,
    npm_config_runtime: 'electron',
    npm_config_target: electronVersion,
    npm_config_disturl: 'https://electronjs.org/headers',
  };
  process.stderr.write(`backprop-lab: getting better-sqlite3 for Electron ${electronVersion} once…\n`);
  const prebuild = require.resolve('prebuild-install/bin.js', { paths: [root] });
  const pre = spawnSync(
    process.execPath,
    [
      prebuild,
      '--runtime',
      'electron',
      '--target',
      electronVersion,
      '--arch',
      process.arch,
      '--platform',
      process.platform,
    ],
    {
      cwd: work,
      env,
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (!fs.existsSync(built)) {
    const gyp = path.join(
      path.dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    );
    const args = [
      'rebuild',
      '--release',
      `--target=${electronVersion}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
      `--arch=${process.arch}`,
    ];
    const g = fs.existsSync(gyp)
      ? spawnSync(process.execPath, [gyp, ...args], { cwd: work, env, encoding: 'utf8', timeout: 900_000 })
      : { stderr: 'node-gyp was not found next to npm' };
    if (!fs.existsSync(built)) {
      throw new CannotRun(
        `better-sqlite3 for Electron ${electronVersion} can't be had here (prebuilt: ${firstLine(pre.stderr, 'none')}; ` +
          `compiling: ${firstLine(g.stderr, 'failed')})`,
      );
    }
  }
  fs.copyFileSync(built, nativeFile);
  fs.rmSync(work, { recursive: true, force: true });
  return nativeFile;
}

async function main() {
  const args = process.argv.slice(2);
  const web = args.includes('--web');
  const hostArgs = args.filter((a) => a !== '--web');
  try {
    if (web) throw new CannotRun('--web asked for the browser');
    const binary = await electronBinary();
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      throw new CannotRun('there is no display (DISPLAY and WAYLAND_DISPLAY are unset)');
    }
    const binding = electronNativeBinding();
    const failure = buildApp(root);
    if (failure) {
      process.stderr.write(`backprop-lab: the build failed: ${failure}\n`);
      return 1;
    }
    const env = { ...process.env, BACKPROP_LAB_NATIVE_BINDING: binding };
    delete env.ELECTRON_RUN_AS_NODE;
    const child = spawn(binary, [root], { cwd: root, env, stdio: 'inherit' });
    return await new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 0)));
  } catch (e) {
    if (!(e instanceof CannotRun)) throw e;
    process.stdout.write(`Backprop Lab: no desktop window: ${e.message}; serving it in your browser instead.\n`);
    if (!buildIfNeeded()) return 1;
    return serve(hostArgs);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`backprop-lab: ${firstLine(e && e.message, 'failed to start')}\n`);
    process.exit(1);
  },
);
