/**
 * Preload of the sandboxed renderer (built as CommonJS, with the table bundled in): exposes
 * `window.backpropLab` = { invoke(channel, args), subscribe(listener), pathForFile(file) } (bridge.ts),
 * over one ipcRenderer.invoke per request and one listener for the event batches main sends.
 * ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { IPC_EVENTS, ipcChannelOf } from '../api/transport/ipc';
import { createBridge } from './bridge';

const bridge = createBridge({
  invoke: (channel, args) => ipcRenderer.invoke(ipcChannelOf(channel), args),
  onEventBatch: (listener) => ipcRenderer.on(IPC_EVENTS, (_event, batch: unknown) => listener(batch)),
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      throw new Error('backpropLab.pathForFile: expected a File from a drop or an <input type="file">');
    }
  },
});

contextBridge.exposeInMainWorld('backpropLab', bridge);
