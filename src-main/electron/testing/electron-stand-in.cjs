/**
 * A recording stand-in for the `electron` module, for machines where the Electron binary cannot be had
 * (these cannot download it). The built out/main/index.js and out/preload/index.js run against it in a
 * plain Node process: it records what the shell asks of Electron (the window's options, the IPC
 * handlers, the hardening hooks, the menu) and wires the preload's ipcRenderer to main's ipcMain the
 * way Electron would, so a call from the page's `window.backpropLab` really reaches the store and back.
 * A utility process is a Node child given a `process.parentPort` (parent-port-shim.cjs), so the worker
 * file runs the branch it runs in the app. Nothing here decides an outcome: it only carries calls.
 */
'use strict';
const { EventEmitter } = require('node:events');
const { fork } = require('node:child_process');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const dir = process.env.STAND_IN_DIR;
if (!dir) throw new Error('electron stand-in: set STAND_IN_DIR to a scratch folder');

// Electron's process reports its own version; the shell looks for a native build made for it (absent
// here, so better-sqlite3's Node build is used, which is the one this Node can load).
if (!process.versions.electron) {
  Object.defineProperty(process.versions, 'electron', {
    value: require('electron/package.json').version,
    enumerable: true,
  });
}

const record = {
  windows: [],
  handlers: new Map(),
  menu: null,
  errorBoxes: [],
  exitCode: null,
  headersHook: null,
  permissionRequest: null,
  permissionCheck: null,
  exposed: {},
  utilityForks: [],
};
globalThis.__electronStandIn = record;

const app = new EventEmitter();
Object.assign(app, {
  name: 'Backprop Lab',
  isPackaged: true,
  getPath: (name) => path.join(dir, name),
  getAppPath: () => process.cwd(),
  getVersion: () => '0.0.0-stand-in',
  requestSingleInstanceLock: () => true,
  whenReady: () => new Promise((resolve) => setImmediate(resolve)),
  quit: () => app.emit('quit-requested'),
  exit: (code) => {
    record.exitCode = code;
  },
});

const rendererListeners = new Map();

class WebContents extends EventEmitter {
  constructor() {
    super();
    this.mainFrame = { url: 'about:blank' };
    this.windowOpenHandler = null;
    this.destroyed = false;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** main → renderer: what ipcRenderer.on listeners hear. */
  send(channel, ...args) {
    for (const listener of rendererListeners.get(channel) ?? []) listener({ sender: null }, ...args);
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new WebContents();
    this.destroyed = false;
    record.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadFile(file, options) {
    const url = new URL(pathToFileURL(file).href);
    for (const [k, v] of Object.entries(options?.query ?? {})) url.searchParams.set(k, v);
    this.webContents.mainFrame.url = url.href;
    this.loaded = file;
    setImmediate(() => this.emit('ready-to-show'));
    return Promise.resolve();
  }
  loadURL(url) {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show() {
    this.shown = true;
  }
  maximize() {}
  focus() {}
  restore() {}
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  isMaximized() {
    return false;
  }
  getNormalBounds() {
    return { x: 0, y: 0, ...(this.options.width ? { width: this.options.width, height: this.options.height } : {}) };
  }
}

const ipcMain = {
  handle(channel, handler) {
    if (record.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    record.handlers.set(channel, handler);
  },
  removeHandler(channel) {
    record.handlers.delete(channel);
  },
};

/** renderer → main, as the first window's main frame (the page the preload runs in). */
const ipcRenderer = {
  async invoke(channel, ...args) {
    const handler = record.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    const win = record.windows[0];
    const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
    // Electron structured-clones both ways; a JSON round trip is the part of that the API relies on.
    return structuredClone(await handler(event, ...structuredClone(args)));
  },
  on(channel, listener) {
    const set = rendererListeners.get(channel) ?? new Set();
    set.add(listener);
    rendererListeners.set(channel, set);
  },
};

const contextBridge = {
  exposeInMainWorld(name, value) {
    record.exposed[name] = value;
  },
};

const session = {
  defaultSession: {
    setPermissionRequestHandler: (h) => (record.permissionRequest = h),
    setPermissionCheckHandler: (h) => (record.permissionCheck = h),
    webRequest: { onHeadersReceived: (h) => (record.headersHook = h) },
  },
};

/** Electron's utilityProcess over a Node child that is given `process.parentPort`. */
const utilityProcess = {
  fork(modulePath, args, options) {
    const handle = new EventEmitter();
    const child = fork(modulePath, args ?? [], {
      serialization: 'advanced',
      execArgv: ['--require', path.join(__dirname, 'parent-port-shim.cjs')],
      stdio: 'inherit',
    });
    record.utilityForks.push({ modulePath, serviceName: options?.serviceName });
    handle.pid = undefined;
    child.once('spawn', () => {
      handle.pid = child.pid;
      handle.emit('spawn');
    });
    child.on('message', (m) => handle.emit('message', m));
    child.once('exit', (code) => handle.emit('exit', code ?? 1));
    handle.postMessage = (m) => child.send(m);
    handle.kill = () => child.kill('SIGTERM');
    return handle;
  },
};

module.exports = {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  contextBridge,
  session,
  utilityProcess,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  dialog: {
    showErrorBox: (title, content) => record.errorBoxes.push({ title, content }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  Menu: {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (menu) => (record.menu = menu),
  },
  webUtils: { getPathForFile: (file) => file?.path ?? '' },
};
