/**
 * How the renderer reaches the lab, chosen once at start-up: the preload bridge in the desktop app
 * (`window.backpropLab`), else the localhost web host — HTTP POSTs for requests, a WebSocket for events
 * that reconnects by itself. The host's token is taken from the page URL (?token=…), kept in
 * sessionStorage for reloads, and removed from the address bar so it never reaches history or later URLs.
 */
import type { BridgeApi, Transport } from '../../../src-main/api/transport/client';
import type { ApiErrorCode, ApiResult } from '../../../src-main/api/errors';
import type { ApiEvent, RequestChannel } from '../../../src-main/api/table';
import {
  API_PATH_PREFIX,
  EVENTS_PATH,
  EVENTS_PROTOCOL,
  TOKEN_PARAM,
  TOKEN_PROTOCOL_PREFIX,
} from '../../../src-main/api/transport/web';
import {
  DEFAULT_UPLOAD_LIMIT,
  UPLOAD_NAME_PARAM,
  UPLOAD_PATH,
  type UploadedFile,
} from '../../../src-main/api/transport/upload-route';

/** A transport that also says whether its event stream is connected (events sent meanwhile are lost). */
export interface LabTransport extends Transport {
  readonly kind: 'electron' | 'web';
  /** Called with true when events flow again after a break (views should reload), false when the stream breaks. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /**
   * A path the API can read for a File the user dropped or chose: the file's own path in the desktop
   * app, the path of a copy uploaded to the host in a browser (which can't see paths on disk).
   */
  placeFile(file: File): Promise<ApiResult<{ path: string }>>;
}

/** The transport over Electron's preload bridge: its invoke and subscribe are the transport's own. */
export function bridgeTransport(bridge: BridgeApi): LabTransport {
  return {
    kind: 'electron',
    invoke: (channel, args) => bridge.invoke(channel, args),
    subscribe: (listener) => bridge.subscribe(listener),
    // IPC does not break while the window lives.
    onConnectionChange: () => () => {},
    async placeFile(file) {
      const path = bridge.pathForFile?.(file) ?? '';
      if (path) return { ok: true, value: { path } };
      return failure(
        'invalid-argument',
        `"${file.name}" is not a file on this computer (dragged from a web page?); save it to a folder, then choose it`,
      );
    },
  };
}

/** What the web transport needs from its environment (the browser's, or Node's in tests). */
export interface WebEnvironment {
  /** e.g. "http://127.0.0.1:5000" */
  origin: string;
  token: string;
  fetch: typeof fetch;
  WebSocket: new (url: string, protocols: string[]) => WebSocketLike;
  /** Longest wait between reconnection attempts; default 5000 ms. */
  maxRetryMs?: number;
  /** Largest file placeFile sends (the host's limit); default 256 MiB. */
  uploadLimit?: number;
}

/** The part of the WebSocket API the transport uses (browsers' and the ws package's both fit). */
export interface WebSocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}

/** The transport over the web host's HTTP API and event WebSocket. */
export function webTransport(env: WebEnvironment): LabTransport {
  const listeners = new Set<(event: ApiEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const maxRetryMs = env.maxRetryMs ?? 5000;
  let socket: WebSocketLike | undefined;
  let retries = 0;
  let everConnected = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const connect = () => {
    retryTimer = undefined;
    const ws = new env.WebSocket(`${env.origin.replace(/^http/, 'ws')}${EVENTS_PATH}`, [
      EVENTS_PROTOCOL,
      `${TOKEN_PROTOCOL_PREFIX}${env.token}`,
    ]);
    socket = ws;
    ws.onopen = () => {
      retries = 0;
      if (everConnected) connectionListeners.forEach((l) => l(true));
      everConnected = true;
    };
    ws.onmessage = (m) => {
      let batch: ApiEvent[];
      try {
        batch = JSON.parse(String(m.data));
      } catch {
        return;
      }
      for (const event of batch) for (const l of listeners) l(event);
    };
    ws.onerror = () => {};
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      if (listeners.size === 0) return;
      if (everConnected && retries === 0) connectionListeners.forEach((l) => l(false));
      // Back off 250 ms, 500 ms, 1 s, … up to maxRetryMs, so a stopped host is not hammered.
      const wait = Math.min(maxRetryMs, 250 * 2 ** retries++);
      retryTimer = setTimeout(connect, wait);
    };
  };

  return {
    kind: 'web',
    async invoke(channel: RequestChannel, args: unknown[]): Promise<ApiResult<unknown>> {
      let res: Response;
      try {
        res = await env.fetch(`${env.origin}${API_PATH_PREFIX}${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${env.token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(args),
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (e) {
        return failure(
          'unreachable',
          `${channel}: cannot reach the lab at ${env.origin} (${(e as Error).message}); is it still running?`,
        );
      }
      try {
        return (await res.json()) as ApiResult<unknown>;
      } catch {
        return failure('internal', `${channel}: the lab answered HTTP ${res.status} without a result`);
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!socket && !retryTimer) connect();
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(retryTimer);
        retryTimer = undefined;
        const ws = socket;
        socket = undefined;
        ws?.close();
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    async placeFile(file) {
      const limit = env.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
      // Refused before sending: the host would stop reading at the limit, and a browser may report that as a network error.
      if (file.size > limit) {
        return failure(
          'too-large',
          `upload: "${file.name}" is ${sizeText(file.size)}; the lab takes files up to ${sizeText(limit)}`,
        );
      }
      let res: Response;
      try {
        res = await env.fetch(`${env.origin}${UPLOAD_PATH}?${UPLOAD_NAME_PARAM}=${encodeURIComponent(file.name)}`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${env.token}`, 'Content-Type': 'application/octet-stream' },
          body: file,
          cache: 'no-store',
          credentials: 'omit',
        });
      } catch (e) {
        return failure(
          'unreachable',
          `upload: cannot send "${file.name}" to the lab at ${env.origin} (${(e as Error).message})`,
        );
      }
      try {
        const result = (await res.json()) as ApiResult<UploadedFile>;
        return result.ok ? { ok: true, value: { path: result.value.path } } : result;
      } catch {
        return failure('internal', `upload: the lab answered HTTP ${res.status} without a result`);
      }
    },
  };
}

function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/**
 * The token of the web host: from ?token=… (then removed from the address bar, keeping path and
 * #route), else from this tab's sessionStorage after a reload. Empty when the page was opened without one.
 */
export function takeToken(location: Location, history: History, storage: Storage): string {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get(TOKEN_PARAM);
  if (fromUrl) {
    storage.setItem('backprop-lab.token', fromUrl);
    url.searchParams.delete(TOKEN_PARAM);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  return storage.getItem('backprop-lab.token') ?? '';
}

/** The transport of this page: the preload bridge if present, else the web host that served the page. */
export function chooseTransport(): LabTransport {
  const bridge = (globalThis as { backpropLab?: BridgeApi }).backpropLab;
  if (bridge) return bridgeTransport(bridge);
  return webTransport({
    origin: location.origin,
    token: takeToken(location, history, sessionStorage),
    fetch: (input, init) => fetch(input, init),
    WebSocket: WebSocket as unknown as WebEnvironment['WebSocket'],
  });
}

function failure(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}
