/**
 * Electron main process, kept thin: one hardened window, the menu, the table served over IPC, the
 * store (better-sqlite3 built for Electron's ABI) and the supervisor training in utility processes.
 * Everything else lives in Node modules shared with the web host and the CLI.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, app, dialog, screen } from 'electron';
import { threadInspector } from '../api/threads/data-reader';
import { dataThreadLoaders } from '../api/threads/data-thread';
import { threadSumChecker } from '../api/threads/sum-check-runner';
import { threadLandscape } from '../api/threads/landscape-runner';
import { createApi, type Api } from '../api/handlers';
import { defaultAllowedRoots } from '../api/paths';
import { openStore } from '../store/open';
import { resolveDatabasePath } from '../store/paths';
import type { RunStore } from '../store/types';
import { Supervisor } from '../training/supervisor';
import { pickDataFile, pickExportPath } from './file-dialog';
import { forwardEvents, registerIpc, senderCheck } from './ipc';
import { installMenu } from './menu';
import { findNativeBinding } from './native-binding';
import { hardenAllContents, hardenSession } from './security';
import { spawnUtilityWorker } from './utility-worker';
import { MIN_HEIGHT, MIN_WIDTH, loadWindowState, saveWindowState } from './window-state';

const TITLE = 'Backprop Lab';
/** electron-vite sets this while `electron-vite dev` serves the renderer; never in a built app. */
const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const indexHtml = path.join(__dirname, '..', 'renderer', 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;

/** Our page: the built index.html (any #route), or the dev server's origin in development. */
function isOurUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (devServerUrl) return u.origin === new URL(devServerUrl).origin;
    u.hash = '';
    u.search = '';
    return u.protocol === 'file:' && u.href === indexUrl;
  } catch {
    return false;
  }
}

let mainWindow: BrowserWindow | undefined;
let store: RunStore | undefined;
let supervisor: Supervisor | undefined;
let api: Api | undefined;

function createWindow(): BrowserWindow {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = loadWindowState(
    stateFile,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    title: TITLE,
    ...state,
    minWidth: MIN_WIDTH,
    minHeight: MIN_HEIGHT,
    show: false,
    backgroundColor: '#ffffff',
    // resources/icon-512.png, copied into out/renderer by the build (macOS takes the bundle's icon instead).
    icon: path.join(__dirname, '..', 'renderer', 'icon-512.png'),
    webPreferences: {
      // Reviewed: the preload exposes only the table's named methods and `on`, never ipcRenderer.
      preload: path.join(__dirname, '..', 'preload', 'index.js'), // eng-disable PRELOAD_JS_CHECK
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click would try to open links in a new window.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined;
  });
  // BACKPROP_LAB_DEBUG=timings (or off) reaches the renderer as ?debug=…, which remembers it (lib/debug.ts).
  const debugFlag = process.env.BACKPROP_LAB_DEBUG;
  if (devServerUrl) {
    const url = new URL(devServerUrl);
    if (debugFlag) url.searchParams.set('debug', debugFlag);
    void win.loadURL(url.href);
  } else void win.loadFile(indexHtml, debugFlag ? { query: { debug: debugFlag } } : undefined);
  return win;
}

function showMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) mainWindow = createWindow();
  else {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
}

async function start(): Promise<void> {
  hardenSession(devServerUrl ? new URL(devServerUrl).origin : undefined);
  hardenAllContents(isOurUrl);

  const dbPath = resolveDatabasePath();
  try {
    store = openStore(dbPath, { nativeBinding: findNativeBinding(app.getAppPath(), process.versions.electron) });
  } catch (e) {
    dialog.showErrorBox(TITLE, `The lab's database could not be opened.\n\n${(e as Error).message}`);
    app.exit(1);
    return;
  }
  supervisor = new Supervisor({ store, spawn: spawnUtilityWorker, workerPath: path.join(__dirname, 'worker.js') });
  const userData = app.getPath('userData');
  const dataThreads = dataThreadLoaders(path.join(__dirname, 'data-reader.js'));
  api = createApi({
    store,
    supervisor,
    allowedRoots: [
      ...defaultAllowedRoots(userData),
      path.dirname(store.path),
      app.getPath('documents'),
      app.getPath('downloads'),
    ],
    shell: 'electron',
    version: app.getVersion(),
    pickFile: (purpose) => pickDataFile(mainWindow, purpose),
    inspectData: threadInspector(path.join(__dirname, 'data-reader.js')),
    // One long-lived thread loads runs' data for the Backprop view and the hidden units, and keeps the last split.
    loadSplit: dataThreads.loadSplit,
    loadActivations: dataThreads.loadActivations,
    sumCheck: threadSumChecker(path.join(__dirname, 'sum-check.js')),
    landscape: threadLandscape(path.join(__dirname, 'landscape.js')),
    pickSavePath: (fileName) => pickExportPath(mainWindow, fileName),
  });
  const contents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : undefined);
  registerIpc(api, senderCheck(contents, isOurUrl));
  forwardEvents(api, contents);
  const theApi = api;
  installMenu(
    (view) => {
      showMainWindow();
      theApi.emit('app.navigate', { view });
    },
    { devTools: !app.isPackaged },
  );
  showMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // A second start brings the running lab forward instead of opening the same database twice.
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.on('activate', () => {
    if (api) showMainWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  let shuttingDown = false;
  app.on('before-quit', (event) => {
    if (shuttingDown || !supervisor) return;
    // Cancel training cleanly (history kept, status written) before the database closes.
    event.preventDefault();
    shuttingDown = true;
    api?.close();
    supervisor
      .close()
      .catch(() => undefined)
      .finally(() => {
        store?.close();
        app.quit();
      });
  });

  app.whenReady().then(start, (e: Error) => {
    dialog.showErrorBox(TITLE, e.message);
    app.exit(1);
  });
}
