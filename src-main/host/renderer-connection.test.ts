/**
 * The renderer's connection state (src-renderer/src/lib/connection.svelte.ts) over the web transport,
 * against a real localhost host stopped and started again on the same port: the break is reported,
 * then the return, and reconnect listeners run once. It lives here, beside client-transport.test.ts,
 * because the renderer's folders may not import the host. Node stands in for the browser only where
 * it must: the page's location (with the host's ?token=), its history and sessionStorage, and the ws
 * package as WebSocket.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHost, type Host } from './server';
import { until } from '../../src-renderer/src/lib/testing/real-api';

let dir: string;
let host: Host;
let connection: typeof import('../../src-renderer/src/lib/connection.svelte').connection;
let onReconnect: typeof import('../../src-renderer/src/lib/connection.svelte').onReconnect;
let stopEvents: () => void;

const options = (port: number) => ({
  port,
  dbPath: path.join(dir, 'runs.db'),
  rendererDir: dir,
  workerPath: path.join(dir, 'none.js'),
  allowedRoots: [dir],
});

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'connection-')));
  host = await startHost(options(0));
  const stored = new Map<string, string>();
  Object.assign(globalThis, {
    location: new URL(`http://127.0.0.1:${host.port}/?token=${host.token}#/runs`),
    history: { state: null, replaceState: () => {} },
    sessionStorage: {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => stored.set(k, v),
    },
    WebSocket,
  });
  ({ connection, onReconnect } = await import('../../src-renderer/src/lib/connection.svelte'));
  // The event stream opens with the first subscriber, as it does when the app's views start.
  const { onEvents } = await import('../../src-renderer/src/lib/events');
  stopEvents = onEvents(() => {});
}, 60_000);

afterAll(async () => {
  stopEvents?.();
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('connection', () => {
  it('reports the host stopped, then back, calling reconnect listeners once (not those unsubscribed)', async () => {
    const { api } = await import('../../src-renderer/src/lib/api');
    expect((await api.runs.list()).length).toBe(0);
    expect(connection.connected).toBe(true);
    let reconnects = 0;
    let dropped = 0;
    onReconnect(() => reconnects++);
    const off = onReconnect(() => dropped++);
    off();

    const { port, token } = host;
    await host.close();
    await until('the break to be reported', () => !connection.connected, 10_000);
    expect(reconnects).toBe(0);
    await expect(api.runs.list()).rejects.toThrow(`runs.list: cannot reach the lab at http://127.0.0.1:${port}`);

    host = await startHost({ ...options(port), token });
    await until('the return to be reported', () => connection.connected, 15_000);
    expect(reconnects).toBe(1);
    expect(dropped).toBe(0);
    expect((await api.runs.list()).length).toBe(0);
  }, 60_000);
});
