/**
 * Names of the Electron IPC channels, shared by main and preload (no `electron` import here). Each
 * request of the table gets its own invoke channel, prefixed so it can't collide with Electron's own;
 * all events travel on one channel as batches (ApiEvent[]), one batch per tick.
 */
import type { RequestChannel } from '../table';

export const IPC_PREFIX = 'backprop-lab:';
/** The channel main sends event batches on. */
export const IPC_EVENTS = `${IPC_PREFIX}events`;

/** The invoke channel of a request, e.g. "backprop-lab:runs.list". */
export function ipcChannelOf(channel: RequestChannel): string {
  return `${IPC_PREFIX}${channel}`;
}
