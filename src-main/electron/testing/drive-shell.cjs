/**
 * Drives the built desktop shell against the electron stand-in (run with --require register.cjs):
 * loads out/main/index.js as Electron would, then out/preload/index.js as the page's preload, and
 * prints one JSON line of what it saw. The test (electron/shell.test.ts) judges it; this only looks.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const outDir = process.argv[2];
// Loading the stand-in first makes its record exist before the shell runs.
const electron = require('electron');
const record = globalThis.__electronStandIn;

function waitFor(test, what, ms = 60_000) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      const value = test();
      if (value) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 20);
    };
    tick();
  });
}

async function main() {
  require(path.join(outDir, 'main', 'index.js'));
  const win = await waitFor(() => record.handlers.size > 0 && record.windows[0], 'the window and its handlers');
  const contents = win.webContents;
  const seen = {};
  seen.errorBoxes = record.errorBoxes;
  seen.webPreferences = win.options.webPreferences;
  seen.preloadExists = fs.existsSync(win.options.webPreferences.preload);
  seen.loaded = path.relative(outDir, win.loaded);
  seen.channels = [...record.handlers.keys()];
  seen.menu = record.menu.map((m) => m.label ?? m.role);

  let csp;
  record.headersHook({ responseHeaders: {} }, (r) => (csp = r.responseHeaders['Content-Security-Policy']));
  seen.csp = csp;
  let granted;
  record.permissionRequest(contents, 'camera', (ok) => (granted = ok));
  seen.permissionGranted = granted;
  seen.permissionCheck = record.permissionCheck(contents, 'geolocation');
  seen.windowOpen = contents.windowOpenHandler({ url: 'https://example.com/' });
  const navigate = (url) => {
    let prevented = false;
    contents.emit('will-navigate', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  seen.navigateAwayPrevented = navigate('https://example.com/');
  seen.navigateOwnPrevented = navigate(pathToFileURL(win.loaded).href + '#/runs');

  const list = record.handlers.get('backprop-lab:runs.list');
  seen.foreignFrame = await list({ sender: contents, senderFrame: { url: contents.mainFrame.url } }, [{}]);
  seen.foreignSender = await list({ sender: {}, senderFrame: contents.mainFrame }, [{}]);
  // Our own frame answered while it shows our page, refused once it shows another one.
  const ownFrame = { sender: contents, senderFrame: contents.mainFrame };
  const before = (await list(ownFrame, [{}])).ok;
  const ourUrl = contents.mainFrame.url;
  contents.mainFrame.url = 'https://example.com/';
  seen.otherPage = { before, after: await list(ownFrame, [{}]) };
  contents.mainFrame.url = ourUrl;

  require(path.join(outDir, 'preload', 'index.js'));
  const lab = record.exposed.backpropLab;
  seen.exposed = Object.keys(lab).sort();
  seen.firstList = await lab.invoke('runs.list', [{}]);
  const done = new Promise((resolve) => lab.subscribe((e) => e.name === 'run.done' && resolve(e.payload)));
  seen.started = await lab.invoke('training.start', [
    {
      name: 'through the preload',
      hyperparameters: { iterations: 3 },
      dataset: { trainSize: 200, validationSize: 50, testSize: 50 },
    },
  ]);
  const noDone = new Promise((_, fail) => setTimeout(() => fail(new Error('no run.done in 120 s')), 120_000));
  seen.done = await Promise.race([done, noDone]);
  seen.forks = record.utilityForks.map((f) => ({ ...f, exists: fs.existsSync(f.modulePath) }));
  seen.run = await lab.invoke('runs.get', [seen.started.value.ids[0]]);
  seen.unknownChannel = await lab.invoke('runs.drop', []);

  let quit = false;
  electron.app.once('quit-requested', () => (quit = true));
  electron.app.emit('before-quit', { preventDefault: () => {} });
  await waitFor(() => quit, 'the app to close its store and quit');
  process.stdout.write(JSON.stringify(seen) + '\n');
  process.exit(0);
}

main().catch((e) => {
  process.stderr.write(`drive-shell: ${e.stack}\n`);
  process.exit(1);
});
