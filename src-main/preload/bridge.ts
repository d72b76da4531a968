/**
 * What the preload exposes as `window.backpropLab`, kept free of `electron` so it is tested in Node:
 * one `invoke(channel, args)` checked against the API table, one `subscribe(listener)` hearing every
 * event batch main sends, and `pathForFile`. The renderer's client builds the nested methods
 * (`api.runs.get(id)`) once, on its side; nothing is flattened and rebuilt on the way.
 */
import type { BridgeApi } from '../api/transport/client';
import type { ApiResult } from '../api/errors';
import { isEventName, isRequestChannel, REQUEST_CHANNELS, type ApiEvent, type RequestChannel } from '../api/table';

/** How the preload reaches main: an invoke per channel, and the stream of event batches. */
export interface BridgeWiring {
  invoke(channel: RequestChannel, args: unknown[]): Promise<ApiResult<unknown>>;
  onEventBatch(listener: (batch: unknown) => void): void;
  pathForFile(file: unknown): string;
}

/** Builds the bridge over `wiring`; refuses a channel the table does not have before anything crosses to main. */
export function createBridge(wiring: BridgeWiring): Required<BridgeApi> {
  const listeners = new Set<(event: ApiEvent) => void>();
  wiring.onEventBatch((batch) => {
    if (!Array.isArray(batch)) return;
    for (const event of batch as ApiEvent[]) {
      if (!isEventName(event?.name)) continue;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (err) {
          // One view's bug must not stop the others from hearing the event.
          console.error(`backpropLab: a listener of ${event.name} threw`, err);
        }
      }
    }
  });
  return {
    invoke(channel, args) {
      if (!isRequestChannel(channel)) {
        return Promise.resolve({
          ok: false,
          error: {
            code: 'unknown-channel',
            message: `backpropLab.invoke: unknown channel ${String(channel)}; there are ${REQUEST_CHANNELS.length} channels, e.g. runs.list`,
          },
        });
      }
      if (!Array.isArray(args)) {
        return Promise.resolve({
          ok: false,
          error: { code: 'invalid-argument', message: `${channel}: the arguments must be a list` },
        });
      }
      return wiring.invoke(channel, args);
    },
    subscribe(listener) {
      if (typeof listener !== 'function') throw new Error('backpropLab.subscribe: the listener must be a function');
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    pathForFile: (file) => wiring.pathForFile(file),
  };
}
