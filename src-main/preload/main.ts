/**
 * Preload of the sandboxed renderer (built as CommonJS, with the table bundled in): exposes exactly
 * the table's API as `window.backpropLab` — `backpropLab.runs.list(query)`, … resolving to result
 * envelopes `{ ok, value | error }` — and `backpropLab.on(event, listener)` returning its unsubscribe
 * function — and `backpropLab.pathForFile(file)`, the path on disk of a dropped File (Electron gives
 * the page none). ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildMethods } from '../api/client';
import { IPC_EVENTS, ipcChannelOf } from '../api/ipc';
import { EVENT_NAMES, isEventName, type ApiEvent, type EventName } from '../api/table';

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENTS, (_event, batch: ApiEvent[]) => {
  if (!Array.isArray(batch)) return;
  for (const e of batch) {
    for (const listener of listeners.get(e.name) ?? []) {
      try {
        listener(e.payload);
      } catch (err) {
        // One view's bug must not stop the others from hearing the event.
        console.error(`backpropLab: a listener of ${e.name} threw`, err);
      }
    }
  }
});

function on(name: unknown, listener: unknown): () => void {
  if (!isEventName(name))
    throw new Error(`backpropLab.on: unknown event ${String(name)}; the events are ${EVENT_NAMES.join(', ')}`);
  if (typeof listener !== 'function') throw new Error(`backpropLab.on(${name}): the listener must be a function`);
  const set = listeners.get(name) ?? new Set();
  listeners.set(name, set);
  const l = listener as (payload: unknown) => void;
  set.add(l);
  return () => {
    set.delete(l);
  };
}

/** The path on disk of a File the user dropped or chose; "" for one built in script, not backed by a file. */
function pathForFile(file: unknown): string {
  try {
    return webUtils.getPathForFile(file as File);
  } catch {
    throw new Error('backpropLab.pathForFile: expected a File from a drop or an <input type="file">');
  }
}

const methods = buildMethods(
  (channel) =>
    (...args: unknown[]) =>
      ipcRenderer.invoke(ipcChannelOf(channel), args),
);

contextBridge.exposeInMainWorld('backpropLab', { ...methods, on, pathForFile });
