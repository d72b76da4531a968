import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ApiEvent } from '../api/table';
import { parseServeFlags } from './flags';
import { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from './guard';
import { startHost, type Host } from './server';

let dir: string;
let host: Host;
const SECRET = 'this must never be served';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw JSON the host sent; a wrong shape fails the test's assertions
  json: any;
}

/** One raw HTTP request: the path is sent exactly as given (no normalization of "..", no encoding). */
function request(
  method: string,
  rawPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; token?: string | null; noHost?: boolean } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, ...options.headers };
  const token = options.token === undefined ? host.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined && !('content-type' in headers)) headers['content-type'] = 'application/json';
  if (options.noHost) delete headers.host;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method, path: rawPath, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode!, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const call = (channel: string, args: unknown[], token?: string | null) =>
  request('POST', `/api/${channel}`, { body: JSON.stringify(args), token });

/** Opens /events; resolves with the socket and every event it receives, or rejects with the HTTP status. */
function connectEvents(options: { token?: string; headers?: Record<string, string> } = {}) {
  const received: ApiEvent[] = [];
  const ws = new WebSocket(
    `ws://127.0.0.1:${host.port}/events`,
    [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${options.token ?? host.token}`],
    {
      headers: options.headers,
    },
  );
  ws.on('message', (data) => received.push(...(JSON.parse(String(data)) as ApiEvent[])));
  return new Promise<{ ws: WebSocket; received: ApiEvent[] }>((resolve, reject) => {
    ws.once('open', () => resolve({ ws, received }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 5000): Promise<T> {
  for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 20))) {
    const v = probe();
    if (v !== undefined) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'host-test-')));
  const renderer = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Backprop Lab</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(dir, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
  fs.mkdirSync(path.join(dir, 'data'));
  host = await startHost({
    port: 0,
    dbPath: path.join(dir, 'runs.db'),
    rendererDir: renderer,
    workerPath: path.join(dir, 'no-worker.js'),
    allowedRoots: [path.join(dir, 'data')],
    bodyLimit: 64 * 1024,
    version: '9.9.9',
  });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('startHost', () => {
  it('listens on 127.0.0.1 and prints a URL with a 43-character random token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a port that is taken, naming it', async () => {
    await expect(
      startHost({ port: host.port, dbPath: path.join(dir, 'other.db'), rendererDir: dir, workerPath: dir }),
    ).rejects.toThrow(`port ${host.port} is already in use; choose another with --port`);
  });
});

describe('static files', () => {
  it('serves index.html for / and for view paths, with the CSP and security headers', async () => {
    for (const p of ['/', '/runs', '/compare/1,2']) {
      const r = await request('GET', p, { token: null });
      expect(r.status).toBe(200);
      expect(r.text).toBe('<!doctype html><title>Backprop Lab</title>');
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.headers['cache-control']).toBe('no-cache');
    }
    const r = await request('GET', '/?token=abc', { token: null });
    expect(r.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; " +
        `connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}; worker-src 'self'; object-src 'none'; ` +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(r.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
    });
  });

  it('serves assets with their type, and 404 for a missing one', async () => {
    const js = await request('GET', '/assets/app-1234.js', { token: null });
    expect([js.status, js.text, js.headers['content-type']]).toEqual([
      200,
      'console.log(1)',
      'text/javascript; charset=utf-8',
    ]);
    const head = await request('HEAD', '/assets/app-1234.js', { token: null });
    expect([head.status, head.text, head.headers['content-length']]).toEqual([200, '', '14']);
    expect((await request('GET', '/assets/missing.js', { token: null })).status).toBe(404);
    expect((await request('GET', '/favicon.ico', { token: null })).status).toBe(204);
  });

  it.each([
    ['/../secret.txt', 403],
    ['/assets/../../secret.txt', 403],
    ['/%2e%2e/secret.txt', 403],
    ['/assets/..%2f..%2fsecret.txt', 403],
    ['/assets/%2e%2e%5csecret.txt', 400],
    ['/assets/link.txt', 403],
    ['/%00', 400],
    ['/%E0%A4%A', 400],
    ['/<dir>/secret.txt', 404],
    // A view path (no dot): the app's index.html, not the system file.
    ['//etc/passwd', 200],
  ])('refuses %s with %i and never sends the file', async (p, status) => {
    const r = await request('GET', p.replace('/<dir>', dir), { token: null });
    expect(r.status).toBe(status);
    expect(r.text).not.toContain(SECRET);
    expect(r.text).not.toContain('root:');
  });

  it('allows only GET and HEAD', async () => {
    const r = await request('PUT', '/index.html', { body: 'x', token: null });
    expect([r.status, r.headers.allow, r.json.error.code]).toEqual([405, 'GET, HEAD', 'forbidden']);
  });
});

describe('who may call', () => {
  it('answers an API call with the right token', async () => {
    const r = await call('app.info', []);
    expect(r.status).toBe(200);
    expect(r.json.value).toMatchObject({ version: '9.9.9', shell: 'web', databasePath: path.join(dir, 'runs.db') });
    expect(r.headers['cache-control']).toBe('no-store');
  });

  it.each([
    ['no token', null],
    ['a wrong token', 'x'.repeat(43)],
    ['a token one character short', 'SHORT'],
  ])('401 with %s', async (_what, token) => {
    const r = await call('app.info', [], token === 'SHORT' ? host.token.slice(1) : token);
    expect(r.status).toBe(401);
    expect(r.json).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'missing or wrong token: open the URL the host printed at start' },
    });
  });

  it.each([
    ['evil.example', `evil.example:PORT`],
    ['another port', '127.0.0.1:1'],
    ['no port', 'localhost'],
  ])('403 for a Host header of %s (DNS rebinding), even with the token', async (_what, h) => {
    const value = h.replace('PORT', String(host.port));
    const r = await request('POST', '/api/app.info', { body: '[]', headers: { host: value } });
    expect(r.status).toBe(403);
    expect(r.json.error).toEqual({
      code: 'forbidden',
      message: `Host "${value}" is not this server (expected 127.0.0.1:${host.port} or localhost:${host.port})`,
    });
    expect((await request('GET', '/', { headers: { host: value }, token: null })).status).toBe(403);
  });

  it('accepts localhost:PORT as Host and refuses a request without Host', async () => {
    expect(
      (await request('POST', '/api/app.info', { body: '[]', headers: { host: `localhost:${host.port}` } })).status,
    ).toBe(200);
    // Node's HTTP server itself refuses an HTTP/1.1 request without Host.
    const r = await request('POST', '/api/app.info', { body: '[]', noHost: true });
    expect([r.status, r.text]).toEqual([400, '']);
  });

  it('403 for a call from another site (Origin), even with the token', async () => {
    const r = await request('POST', '/api/app.info', { body: '[]', headers: { origin: 'https://evil.example' } });
    expect([r.status, r.json.error.message]).toEqual([403, 'Origin "https://evil.example" may not use this server']);
    const ok = await request('POST', '/api/app.info', {
      body: '[]',
      headers: { origin: `http://localhost:${host.port}` },
    });
    expect(ok.status).toBe(200);
  });
});

describe('hostile and malformed requests get clear errors, and the host keeps answering', () => {
  it.each<[string, () => Promise<Reply>, number, string, string]>([
    [
      'an unknown channel',
      () => call('runs.drop', []),
      404,
      'unknown-channel',
      "unknown channel 'runs.drop'; the channels are runs.list",
    ],
    ['an inherited name', () => call('constructor', []), 404, 'unknown-channel', "unknown channel 'constructor'"],
    [
      'GET on the API',
      () => request('GET', '/api/app.info'),
      405,
      'forbidden',
      'GET is not allowed on the API: use POST',
    ],
    [
      'a form post',
      () =>
        request('POST', '/api/app.info', {
          body: 'a=1',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      415,
      'invalid-argument',
      'the body must be application/json, got application/x-www-form-urlencoded',
    ],
    [
      'invalid JSON',
      () => request('POST', '/api/runs.get', { body: '[1,' }),
      400,
      'invalid-argument',
      'the body is not valid JSON: ',
    ],
    [
      'an object body',
      () => request('POST', '/api/runs.get', { body: '{"id":1}' }),
      400,
      'invalid-argument',
      'runs.get: expected the arguments as an array [id], got an object',
    ],
    ['a string id', () => call('runs.get', ['1']), 400, 'invalid-argument', 'runs.get: id: expected a number, got "1"'],
    ['a missing run', () => call('runs.get', [77]), 404, 'not-found', 'runs.get: run 77 does not exist'],
    [
      'a huge array',
      () => call('runs.histories', [Array(5000).fill(1)]),
      400,
      'invalid-argument',
      'runs.histories: ids: must have at most 200 items, got 5000',
    ],
    [
      'a body over the limit',
      () => call('runs.setNotes', [1, 'n'.repeat(70_000)]),
      413,
      'too-large',
      'the request body is larger than 65536 bytes',
    ],
    [
      'a path outside the allowed folders',
      () => call('runs.import', ['/etc']),
      403,
      'forbidden-path',
      'runs.import: folder: "/etc" is outside the allowed folders',
    ],
    [
      'a relative path',
      () => call('data.inspect', ['../../etc/passwd']),
      403,
      'forbidden-path',
      'data.inspect: file: must be an absolute path, got "../../etc/passwd"',
    ],
    [
      'a bad percent-encoding',
      () => call('%E0%A4%A', []),
      400,
      'invalid-argument',
      'malformed percent-encoding in the channel name',
    ],
    [
      'a prototype-polluting query',
      () => request('POST', '/api/runs.list', { body: '[{"__proto__":{"limit":1}}]' }),
      400,
      'invalid-argument',
      'runs.list: query: unknown field "__proto__"',
    ],
  ])('%s', async (_what, send, status, code, messageStart) => {
    const r = await send();
    expect(r.status).toBe(status);
    expect(r.json.ok).toBe(false);
    expect(r.json.error.code).toBe(code);
    expect(r.json.error.message.startsWith(messageStart)).toBe(true);
    expect((await call('app.info', [])).status).toBe(200);
  });

  it('survives 200 garbage requests at once', async () => {
    const garbage = Array.from({ length: 200 }, (_, i) =>
      i % 4 === 0
        ? request('POST', `/api/${'x'.repeat(i * 10)}`, { body: '[' })
        : i % 4 === 1
          ? call('training.start', [
              { hyperparameters: { hiddenLayers: 'many' }, dataset: { source: 'idx', file: '/' } },
            ])
          : i % 4 === 2
            ? request('POST', '/api/runs.list', { body: JSON.stringify([{ text: 't'.repeat(i) }]).repeat(2) })
            : request('GET', `/${'../'.repeat(i)}etc/passwd`, { token: null }),
    );
    const replies = await Promise.all(garbage);
    expect(replies.every((r) => r.status >= 400 && r.status < 500)).toBe(true);
    expect((await call('app.info', [])).status).toBe(200);
  });
});

describe('the event stream', () => {
  it('refuses upgrades without the token, with a wrong Host or Origin, or on another path', async () => {
    await expect(connectEvents({ token: 'wrong' })).rejects.toThrow('HTTP 401');
    await expect(connectEvents({ headers: { host: 'evil.example' } })).rejects.toThrow('HTTP 403');
    await expect(connectEvents({ headers: { origin: 'https://evil.example' } })).rejects.toThrow('HTTP 403');
    const other = new WebSocket(`ws://127.0.0.1:${host.port}/api/app.info`, [
      EVENTS_PROTOCOL,
      `${TOKEN_PROTOCOL_PREFIX}${host.token}`,
    ]);
    await expect(
      new Promise((_, reject) =>
        other.once('unexpected-response', (_r, res) => reject(new Error(`HTTP ${res.statusCode}`))),
      ),
    ).rejects.toThrow('HTTP 404');
  });

  it('answers with our protocol only (never echoing the token) and carries events of API calls', async () => {
    const { ws, received } = await connectEvents();
    expect(ws.protocol).toBe(EVENTS_PROTOCOL);
    const id = host.store.createRun({
      hyperparameters: (await call('app.info', [])).json.value.defaults.hyperparameters,
      dataset: { source: 'mnist', trainSize: 10, validationSize: 0, testSize: 0, dataSeed: 1 },
      width: 28,
      height: 28,
    });
    expect((await call('runs.rename', [id, 'renamed'])).status).toBe(200);
    expect((await call('runs.setTags', [id, ['a']])).json).toEqual({ ok: true, value: ['a'] });
    await until('two events', () => (received.length >= 2 ? true : undefined));
    expect(received).toEqual([
      { name: 'runs.changed', payload: { runIds: [id], change: 'updated' } },
      { name: 'runs.changed', payload: { runIds: [id], change: 'updated' } },
    ]);
    ws.close();
  });

  it('closes a client that sends anything', async () => {
    const { ws } = await connectEvents();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('hello');
    expect(await closed).toBe(1003);
    expect((await call('app.info', [])).status).toBe(200);
  });
});

describe('parseServeFlags', () => {
  it('reads --port, --db and --concurrency, with = or a space', () => {
    expect(parseServeFlags([])).toEqual({ port: 0 });
    expect(parseServeFlags(['--port', '8080', '--db=/tmp/x.db', '--concurrency', '2'])).toEqual({
      port: 8080,
      db: '/tmp/x.db',
      concurrency: 2,
    });
  });

  it.each([
    [['--port', '70000'], '--port must be a whole number from 0 to 65535, got "70000"'],
    [['--port', '-1'], '--port must be a whole number from 0 to 65535, got "-1"'],
    [['--port'], '--port needs a value'],
    [['--concurrency', '0'], '--concurrency must be a whole number from 1 to 256, got "0"'],
    [['--verbose'], 'unknown flag --verbose'],
  ])('%j fails: %s', (argv, message) => {
    expect(() => parseServeFlags(argv)).toThrow(message);
  });
});
