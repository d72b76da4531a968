import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bridgeTransport, takeToken, webTransport, type WebEnvironment } from '../../src-renderer/src/lib/transport';
import { createClient, withoutTrailingUndefined, type ApiClient } from '../api/transport/client';
import { createApi } from '../api/handlers';
import { REQUEST_CHANNELS, type RequestChannel } from '../api/table';
import { createBridge } from '../preload/bridge';
import { Supervisor } from '../training/supervisor';
import { spawnNodeWorker } from '../training/node-worker';
import { ApiError } from '../api/errors';
import { startHost, type Host } from './server';

// The renderer's client and web transport, run in Node against a real host (ws stands in for the browser's WebSocket).
let dir: string;
let host: Host;
let api: ApiClient;

const options = () => ({
  port: host?.port ?? 0,
  dbPath: path.join(dir, 'runs.db'),
  rendererDir: dir,
  workerPath: path.join(dir, 'none.js'),
  allowedRoots: [dir],
});
const env = (token: string): WebEnvironment => ({
  origin: `http://127.0.0.1:${host.port}`,
  token,
  fetch,
  WebSocket: WebSocket as unknown as WebEnvironment['WebSocket'],
  maxRetryMs: 200,
});

async function until(what: string, ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  for (const start = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 20))) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
  }
}

async function thrown(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'client-transport-')));
  host = await startHost(options());
  api = createClient(webTransport(env(host.token)));
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the typed client over the web transport', () => {
  it('calls methods named after the channels and returns their results', async () => {
    expect(await api.app.info()).toMatchObject({ shell: 'web', databasePath: path.join(dir, 'runs.db') });
    expect(await api.runs.list()).toEqual([]);
    expect(await api.runs.count({ status: ['running', 'queued'] })).toBe(0);
  });

  it('throws ApiError with the code, message and path of a failure', async () => {
    const missing = await thrown(api.runs.get(999));
    expect([missing.code, missing.message]).toEqual(['not-found', 'runs.get: run 999 does not exist']);
    const bad = await thrown(api.runs.snapshot(1, -2));
    expect([bad.code, bad.message, bad.path]).toEqual([
      'invalid-argument',
      'runs.snapshot: index: must be ≥ 0, got -2',
      ['index'],
    ]);
    const denied = await thrown(createClient(webTransport(env('wrong'))).app.info());
    expect(denied.code).toBe('unauthorized');
  });

  it('does not send optional arguments left undefined at the end (JSON would turn them into null)', async () => {
    const csv = path.join(dir, 'two.csv');
    fs.writeFileSync(csv, '3,0,1,0,1\n7,1,0,1,0\n');
    const info = await api.data.inspect(csv, undefined);
    expect([info.format, info.count, info.width, info.height]).toEqual(['csv', 2, 2, 2]);
    expect(withoutTrailingUndefined([1, undefined, 2, undefined, undefined])).toEqual([1, undefined, 2]);
    expect(withoutTrailingUndefined([undefined])).toEqual([]);
  });

  it("says 'unreachable' when no host listens", async () => {
    const e = await thrown(createClient(webTransport({ ...env(host.token), origin: 'http://127.0.0.1:1' })).app.info());
    expect(e.code).toBe('unreachable');
    expect(e.message).toMatch(
      /^app\.info: cannot reach the lab at http:\/\/127\.0\.0\.1:1 \(.+\); is it still running\?$/,
    );
  });

  it('delivers events to api.on listeners, reconnects after the host restarts, and stops on unsubscribe', async () => {
    const transport = webTransport(env(host.token));
    const client = createClient(transport);
    const changes: unknown[] = [];
    const connection: boolean[] = [];
    transport.onConnectionChange((c) => connection.push(c));
    const off = client.on('runs.changed', (p) => changes.push(p));
    const id = host.store.createRun({
      hyperparameters: (await client.app.info()).defaults.hyperparameters,
      dataset: { source: 'mnist', trainSize: 10, validationSize: 0, testSize: 0, dataSeed: 1 },
      width: 28,
      height: 28,
    });
    // The socket opens asynchronously: rename until the first event arrives. Every rename is awaited
    // before the host stops, or one still in flight (a loaded machine) fails after the test moved on.
    const renames: Promise<unknown>[] = [];
    await until('the first event', () => changes.length > 0 || (renames.push(client.runs.rename(id, 'first')), false));
    await Promise.all(renames);
    expect(changes[0]).toEqual({ runIds: [id], change: 'updated' });

    const token = host.token;
    await host.close();
    await until('the break to be noticed', () => connection.includes(false));
    host = await startHost({ ...options(), token });
    await until('the reconnection', () => connection.includes(true));
    expect(connection).toEqual([false, true]);
    changes.length = 0;
    await client.runs.setTags(id, ['again']);
    await until('an event after reconnecting', () => changes.length > 0);
    expect(changes).toEqual([{ runIds: [id], change: 'updated' }]);

    off();
    changes.length = 0;
    await client.runs.setNotes(id, 'no one listens');
    await new Promise((r) => setTimeout(r, 200));
    expect(changes).toEqual([]);
  });
});

describe('the client over the preload bridge shape', () => {
  it('reaches every channel through backpropLab.invoke, refuses others, and hears every event through one subscribe', async () => {
    // The preload's own bridge (preload/bridge.ts), with ipcRenderer replaced by the dispatch it reaches in main.
    const store = host.store;
    const supervisor = new Supervisor({ store, spawn: spawnNodeWorker, workerPath: path.join(dir, 'none.js') });
    const inMain = createApi({ store, supervisor, allowedRoots: [dir], shell: 'electron', version: '1.2.3' });
    const batches: ((batch: unknown) => void)[] = [];
    inMain.subscribe((e) => batches.forEach((send) => send([e])));
    const bridge = createBridge({
      invoke: (channel, args) => inMain.dispatch(channel, args),
      onEventBatch: (listener) => batches.push(listener),
      pathForFile: () => '',
    });
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'pathForFile', 'subscribe']);
    expect(batches).toHaveLength(1);
    expect(await bridge.invoke('runs.get', [424242])).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'runs.get: run 424242 does not exist' },
    });
    expect(await bridge.invoke('runs.drop' as RequestChannel, [])).toEqual({
      ok: false,
      error: {
        code: 'unknown-channel',
        message: `backpropLab.invoke: unknown channel runs.drop; there are ${REQUEST_CHANNELS.length} channels, e.g. runs.list`,
      },
    });
    expect(await bridge.invoke('runs.list', 'x' as unknown as unknown[])).toEqual({
      ok: false,
      error: { code: 'invalid-argument', message: 'runs.list: the arguments must be a list' },
    });

    const client = createClient(bridgeTransport(bridge));
    expect(await client.app.info()).toMatchObject({ shell: 'electron', version: '1.2.3' });
    const heard: unknown[] = [];
    const off = client.on('app.navigate', (p) => heard.push(p));
    inMain.emit('app.navigate', { view: 'compare' });
    off();
    inMain.emit('app.navigate', { view: 'draw' });
    expect(heard).toEqual([{ view: 'compare' }]);
    expect((await thrown(client.runs.setTags(1, 'a' as unknown as string[]))).message).toBe(
      'runs.setTags: tags: expected a list, got "a"',
    );
    inMain.close();
    await supervisor.close();
  });
});

describe('takeToken', () => {
  const browser = (href: string, stored?: string) => {
    const store = new Map<string, string>(stored ? [['backprop-lab.token', stored]] : []);
    const replaced: string[] = [];
    const location = { href } as Location;
    const history = {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
    } as unknown as History;
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as unknown as Storage;
    return { location, history, storage, replaced, store };
  };

  it('takes the token from the URL, keeps it for reloads and removes it from the address bar', () => {
    const b = browser('http://127.0.0.1:5000/?token=abc123&view=runs#/compare/1,2');
    expect(takeToken(b.location, b.history, b.storage)).toBe('abc123');
    expect(b.replaced).toEqual(['/?view=runs#/compare/1,2']);
    expect(b.store.get('backprop-lab.token')).toBe('abc123');
  });

  it('falls back to the stored token after a reload, and to "" without any', () => {
    const reloaded = browser('http://127.0.0.1:5000/#/runs', 'kept');
    expect(takeToken(reloaded.location, reloaded.history, reloaded.storage)).toBe('kept');
    expect(reloaded.replaced).toEqual([]);
    const none = browser('http://127.0.0.1:5000/');
    expect(takeToken(none.location, none.history, none.storage)).toBe('');
  });
});
