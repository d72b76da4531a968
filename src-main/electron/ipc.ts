/**
 * The table served over Electron IPC: one ipcMain.handle per request channel, registered in one
 * loop, each answering only our window's main frame showing our page; and the event stream forwarded
 * to that window in one batch per tick.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Api } from '../api/handlers';
import { IPC_EVENTS, ipcChannelOf } from '../api/transport/ipc';
import { REQUEST_CHANNELS, type ApiEvent } from '../api/table';

/** Decides whether an IPC call comes from our page (our window, main frame, our URL). */
export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

/** Registers every channel of the table; returns the function that removes them. */
export function registerIpc(api: Api, isTrusted: SenderCheck): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(ipcChannelOf(channel), (event, args: unknown) => {
      if (!isTrusted(event)) {
        return { ok: false, error: { code: 'forbidden', message: `${channel}: this page may not use the lab's API` } };
      }
      return api.dispatch(channel, args);
    });
  }
  return () => {
    for (const channel of REQUEST_CHANNELS) ipcMain.removeHandler(ipcChannelOf(channel));
  };
}

/** A sender check: the call must come from `contents`' main frame while it shows one of `isOurUrl`. */
export function senderCheck(contents: () => WebContents | undefined, isOurUrl: (url: string) => boolean): SenderCheck {
  return (event) => {
    const ours = contents();
    if (!ours || event.sender !== ours) return false;
    const frame = event.senderFrame;
    if (!frame || frame !== ours.mainFrame) return false;
    return isOurUrl(frame.url);
  };
}

/** Sends the API's events to the window, batched per tick; returns the unsubscribe function. */
export function forwardEvents(api: Api, contents: () => WebContents | undefined): () => void {
  let batch: ApiEvent[] = [];
  return api.subscribe((event) => {
    batch.push(event);
    if (batch.length > 1) return;
    setImmediate(() => {
      const target = contents();
      const events = batch;
      batch = [];
      if (target && !target.isDestroyed()) target.send(IPC_EVENTS, events);
    });
  });
}
