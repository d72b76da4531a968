/**
 * The typed shape of the API as callers see it, derived from the table: `api.runs.snapshot(id, index)`
 * for the channel "runs.snapshot", and `api.on('run.progress', listener)` for events. Both the preload
 * bridge (which answers with result envelopes) and the renderer's client (which throws ApiError) are
 * built here from the same rows, so neither can drift from the table.
 */
import { ApiError, type ApiResult } from '../errors';
import {
  REQUEST_CHANNELS,
  type ApiEvent,
  type EventName,
  type EventPayload,
  type RequestArgs,
  type RequestChannel,
  type RequestResult,
} from '../table';

export type Namespace = RequestChannel extends infer C ? (C extends `${infer NS}.${string}` ? NS : never) : never;

/** `{ runs: { list(...), get(...), … }, training: {…}, … }` with each method's result wrapped by `Wrap`. */
export type Methods<Mode extends 'envelope' | 'throw'> = {
  [NS in Namespace]: {
    [C in RequestChannel as C extends `${NS}.${infer M}` ? M : never]: (
      ...args: RequestArgs<C>
    ) => Promise<Mode extends 'envelope' ? ApiResult<RequestResult<C>> : RequestResult<C>>;
  };
};

/** Subscribes to one event; returns the function that unsubscribes. */
export type On = <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;

/**
 * What the preload exposes as `window.backpropLab` (built by preload/bridge.ts): one invoke checked
 * against the table, one subscription to every event. Envelopes, because exceptions lose their fields
 * across contextBridge; the renderer's client builds the nested methods on its side.
 */
export interface BridgeApi {
  invoke(channel: RequestChannel, args: unknown[]): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
  /** The path on disk of a dropped or chosen File ("" when it has none); optional, so a test bridge may leave it out. */
  pathForFile?: (file: File) => string;
}

/** What views import as `api`: results, or an ApiError thrown with its code and path. */
export type ApiClient = Methods<'throw'> & { on: On };

/** Builds the nested method object of every channel from one function per channel. */
export function buildMethods<F>(make: (channel: RequestChannel) => F): Record<string, Record<string, F>> {
  const out: Record<string, Record<string, F>> = {};
  for (const channel of REQUEST_CHANNELS) {
    const dot = channel.indexOf('.');
    const ns = channel.slice(0, dot);
    (out[ns] ??= {})[channel.slice(dot + 1)] = make(channel);
  }
  return out;
}

/** How a client reaches the API: one request, and the stream of events. */
export interface Transport {
  invoke(channel: RequestChannel, args: unknown[]): Promise<ApiResult<unknown>>;
  subscribe(listener: (event: ApiEvent) => void): () => void;
}

/** The renderer's client over any transport: unwraps envelopes, throwing ApiError on failure. */
export function createClient(transport: Transport): ApiClient {
  const methods = buildMethods((channel) => async (...args: unknown[]) => {
    const result = await transport.invoke(channel, withoutTrailingUndefined(args));
    if (!result.ok) throw new ApiError(result.error);
    return result.value;
  });
  const on: On = (name, listener) =>
    transport.subscribe((event) => {
      if (event.name === name) (listener as (p: unknown) => void)(event.payload);
    });
  return { ...methods, on } as unknown as ApiClient;
}

/**
 * `api.data.inspect(file, undefined)` means "no labels": JSON would carry that undefined as null,
 * which the schema rightly refuses, so optional arguments left undefined at the end are not sent.
 */
export function withoutTrailingUndefined(args: readonly unknown[]): unknown[] {
  let end = args.length;
  while (end > 0 && args[end - 1] === undefined) end--;
  return args.slice(0, end);
}
