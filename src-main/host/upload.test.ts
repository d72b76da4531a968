import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { webTransport, type WebEnvironment } from '../../src-renderer/src/lib/transport';
import { importTimestamp, safeFileName } from './upload';
import { startHost, type Host } from './server';

// The upload endpoint of a real host, over real sockets, writing real files; a 1,000-byte limit keeps bodies small.
const LIMIT = 1000;
let dir: string;
let imports: string;
let host: Host;

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the raw JSON the host sent; a wrong shape fails the test's assertions
  json: any;
}

/** One upload over a raw socket: the path is sent as given; `chunks` are written one by one (chunked, unless a length is declared). */
function put(
  rawPath: string,
  options: {
    chunks?: (string | Buffer)[];
    headers?: Record<string, string>;
    token?: string | null;
    method?: string;
  } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { host: `127.0.0.1:${host.port}`, ...options.headers };
  const token = options.token === undefined ? host.token : options.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: host.port, method: options.method ?? 'PUT', path: rawPath, headers, setHost: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    for (const c of options.chunks ?? []) req.write(c);
    req.end();
  });
}

const upload = (name: string, body: string | Buffer, extra: Parameters<typeof put>[1] = {}) =>
  put(`/upload?name=${encodeURIComponent(name)}`, {
    chunks: [body],
    headers: { 'content-length': String(Buffer.byteLength(body)) },
    ...extra,
  });

const importedFiles = () => (fs.existsSync(imports) ? fs.readdirSync(imports).sort() : []);

const CSV = 'label,p0,p1,p2,p3\n0,255,0,0,0\n1,0,255,0,0\n2,0,0,255,0\n';

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'host-upload-')));
  fs.mkdirSync(path.join(dir, 'data'));
  host = await startHost({
    dbPath: path.join(dir, 'db', 'runs.db'),
    rendererDir: dir,
    workerPath: path.join(dir, 'no-worker.js'),
    // Only data/ is allowed; the imports folder must be added by the host itself.
    allowedRoots: [path.join(dir, 'data')],
    uploadLimit: LIMIT,
  });
  imports = path.join(dir, 'db', 'imports');
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => fs.rmSync(imports, { recursive: true, force: true }));

describe('PUT /upload', () => {
  it('stores the file as <db folder>/imports/<timestamp>-<name>, answers its path, and the API can inspect it there', async () => {
    const before = Date.now();
    const r = await upload('tiny digits.csv', CSV);
    expect(r.status).toBe(201);
    expect(r.json.ok).toBe(true);
    const stored: string = r.json.value.path;
    expect(path.dirname(stored)).toBe(imports);
    expect(path.basename(stored)).toMatch(/^\d{8}-\d{6}-\d{3}-tiny_digits\.csv$/);
    const stamp = path.basename(stored).slice(0, 19);
    expect(stamp >= importTimestamp(new Date(before))).toBe(true);
    expect(r.json.value.bytes).toBe(CSV.length);
    expect(fs.readFileSync(stored, 'utf8')).toBe(CSV);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");

    const inspected = await fetch(`http://127.0.0.1:${host.port}/api/data.inspect`, {
      method: 'POST',
      headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
      body: JSON.stringify([stored]),
    }).then((res) => res.json());
    expect(inspected).toMatchObject({
      ok: true,
      value: {
        file: stored,
        format: 'csv',
        count: 3,
        width: 2,
        height: 2,
        labelCounts: [1, 1, 1, 0, 0, 0, 0, 0, 0, 0],
      },
    });
  });

  it('keeps two uploads of the same name apart', async () => {
    const [a, b] = await Promise.all([upload('same.csv', CSV), upload('same.csv', `${CSV}3,0,0,0,255\n`)]);
    expect(a.json.value.path).not.toBe(b.json.value.path);
    expect(importedFiles()).toHaveLength(2);
    expect(importedFiles().every((f) => f.endsWith('same.csv'))).toBe(true);
  });

  it('accepts a body of exactly the limit, streamed in chunks without a length', async () => {
    const body = Buffer.alloc(LIMIT, 7);
    const r = await put('/upload?name=full.bin', {
      chunks: [body.subarray(0, 400), body.subarray(400, 999), body.subarray(999)],
    });
    expect(r.status).toBe(201);
    expect(r.json.value.bytes).toBe(LIMIT);
    expect(fs.readFileSync(r.json.value.path).equals(body)).toBe(true);
  });

  it('refuses a declared length over the limit before writing anything', async () => {
    const r = await upload('big.csv', Buffer.alloc(LIMIT + 1, 1));
    expect(r.status).toBe(413);
    expect(r.json.error).toEqual({
      code: 'too-large',
      message: 'upload: the file is larger than 1000 bytes, the most the lab takes',
    });
    expect(r.headers.connection).toBe('close');
    expect(importedFiles()).toEqual([]);
  });

  it('stops a chunked body at the limit and removes the partial file', async () => {
    const r = await put('/upload?name=growing.csv', { chunks: [Buffer.alloc(600, 1), Buffer.alloc(600, 2)] });
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('too-large');
    expect(importedFiles()).toEqual([]);
  });

  it('removes the partial file when the browser goes away mid-upload', async () => {
    await new Promise<void>((resolve) => {
      const req = http.request({
        host: '127.0.0.1',
        port: host.port,
        method: 'PUT',
        path: '/upload?name=cut.csv',
        headers: { authorization: `Bearer ${host.token}`, 'content-length': '900' },
      });
      req.on('error', () => resolve());
      req.write(Buffer.alloc(300, 1));
      // Wait until the host has started the file, then drop the connection.
      const poll = setInterval(() => {
        if (importedFiles().length === 1) {
          clearInterval(poll);
          req.destroy();
        }
      }, 5);
    });
    const start = Date.now();
    while (importedFiles().length > 0 && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 10));
    expect(importedFiles()).toEqual([]);
  });

  it('stores a name of 200 CJK characters (600 bytes in UTF-8) cut to 100 bytes, not an HTTP 500', async () => {
    const r = await upload(`${'漢'.repeat(200)}.csv`, CSV);
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    // 32 characters of 3 bytes and ".csv" are 100 bytes.
    expect(path.basename(r.json.value.path)).toMatch(new RegExp(`^\\d{8}-\\d{6}-\\d{3}-${'漢'.repeat(32)}\\.csv$`));
    expect(fs.readFileSync(r.json.value.path, 'utf8')).toBe(CSV);
  });

  it('refuses an empty file, and keeps nothing', async () => {
    const r = await upload('empty.csv', '');
    expect(r.status).toBe(400);
    expect(r.json.error).toEqual({ code: 'invalid-argument', message: 'upload: "empty.csv" is empty' });
    expect(importedFiles()).toEqual([]);
  });

  it('keeps only the last part of a name, so "../../x" lands inside the imports folder', async () => {
    for (const [name, kept] of [
      ['../../x', 'x'],
      ['..\\..\\windows\\evil.csv', 'evil.csv'],
      ['/etc/passwd', 'passwd'],
      ['.bashrc', 'bashrc'],
      ['a b;c$(rm -rf).csv', 'a_b_c_rm_-rf_.csv'],
      ['Ziffern-ä.csv', 'Ziffern-ä.csv'],
    ] as const) {
      const r = await upload(name, CSV);
      expect(r.status, name).toBe(201);
      expect(path.dirname(r.json.value.path), name).toBe(imports);
      expect(path.basename(r.json.value.path).slice(20), name).toBe(kept);
    }
    expect(fs.readdirSync(dir).sort()).toEqual(['data', 'db']);
  });

  it('refuses a missing name, and a name with nothing to keep', async () => {
    const missing = await put('/upload', { chunks: [CSV], headers: { 'content-length': String(CSV.length) } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toBe('upload: name the file with ?name=<file name>');
    for (const name of ['..', '../..', '...', 'a/']) {
      const r = await upload(name, CSV);
      expect(r.status, name).toBe(400);
      expect(r.json.error.message, name).toBe(`upload: name "${name}" has no letters or digits to keep`);
    }
    expect(importedFiles()).toEqual([]);
  });

  it('needs the token, as the API does', async () => {
    const none = await upload('x.csv', CSV, { token: null });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    const wrong = await upload('x.csv', CSV, { token: 'A'.repeat(43) });
    expect(wrong.status).toBe(401);
    expect(importedFiles()).toEqual([]);
  });

  it('refuses another Host (DNS rebinding) and another Origin', async () => {
    const rebound = await upload('x.csv', CSV, {
      headers: { host: `evil.example:${host.port}`, 'content-length': String(CSV.length) },
    });
    expect(rebound.status).toBe(403);
    expect(rebound.json.error.message).toBe(
      `Host "evil.example:${host.port}" is not this server (expected 127.0.0.1:${host.port} or localhost:${host.port})`,
    );
    const foreign = await upload('x.csv', CSV, {
      headers: { origin: 'http://evil.example', 'content-length': String(CSV.length) },
    });
    expect(foreign.status).toBe(403);
    expect(foreign.json.error.message).toBe('Origin "http://evil.example" may not use this server');
    const ours = await upload('x.csv', CSV, {
      headers: { origin: `http://localhost:${host.port}`, 'content-length': String(CSV.length) },
    });
    expect(ours.status).toBe(201);
    expect(importedFiles()).toHaveLength(1);
  });

  it('takes only PUT', async () => {
    for (const method of ['POST', 'GET']) {
      const r = await put('/upload?name=x.csv', { method });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe('PUT');
      expect(r.json.error.message).toBe(`${method} is not allowed on /upload: use PUT`);
    }
  });
});

describe('safeFileName', () => {
  it('keeps letters, digits, dots, dashes and underscores of the last part', () => {
    expect(safeFileName('train-images-idx3-ubyte.gz')).toBe('train-images-idx3-ubyte.gz');
    expect(safeFileName('C:\\Users\\me\\digits (1).csv')).toBe('digits_1_.csv');
    expect(safeFileName('name\0with\nnul')).toBe('name_with_nul');
    expect(safeFileName('\u202Egnp.csv')).toBe('gnp.csv');
  });

  it('is null when nothing usable is left', () => {
    for (const name of ['', '.', '..', '/', '___', ' ', '../'])
      expect(safeFileName(name), JSON.stringify(name)).toBe(null);
  });

  it('cuts a long name to 100 characters, keeping its extension', () => {
    const safe = safeFileName(`${'d'.repeat(300)}.csv`)!;
    expect(safe).toHaveLength(100);
    expect(safe).toBe(`${'d'.repeat(96)}.csv`);
    expect(safeFileName('e'.repeat(150))).toBe('e'.repeat(100));
  });

  it('counts the limit in UTF-8 bytes, as the file system does, never splitting a character', () => {
    expect(safeFileName(`${'漢'.repeat(200)}.csv`)).toBe(`${'漢'.repeat(32)}.csv`);
    expect(safeFileName('é'.repeat(60))).toBe('é'.repeat(50));
  });
});

describe('importTimestamp', () => {
  it('is UTC to the millisecond, sortable, without colons', () => {
    expect(importTimestamp(new Date(Date.UTC(2025, 1, 14, 15, 30, 12, 123)))).toBe('20250214-153012-123');
    expect(importTimestamp(new Date(0))).toBe('19700101-000000-000');
  });
});

describe("the renderer's placeFile over the web transport", () => {
  const env = (token: string, uploadLimit?: number): WebEnvironment => ({
    origin: `http://127.0.0.1:${host.port}`,
    token,
    fetch,
    WebSocket: WebSocket as unknown as WebEnvironment['WebSocket'],
    uploadLimit,
  });

  it('uploads a File and answers the path of the copy', async () => {
    const r = await webTransport(env(host.token)).placeFile(
      new File([CSV], 'from the browser.csv', { type: 'text/csv' }),
    );
    expect(r.ok).toBe(true);
    const stored = (r as { value: { path: string } }).value.path;
    expect(path.basename(stored)).toMatch(/^\d{8}-\d{6}-\d{3}-from_the_browser\.csv$/);
    expect(fs.readFileSync(stored, 'utf8')).toBe(CSV);
  });

  it("says what is wrong: the host's refusal, or a file over the limit before it is sent", async () => {
    expect(await webTransport(env('wrong')).placeFile(new File([CSV], 'x.csv'))).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'missing or wrong token: open the URL the host printed at start' },
    });
    expect(await webTransport(env(host.token, 2048)).placeFile(new File([new Uint8Array(3000)], 'huge.csv'))).toEqual({
      ok: false,
      error: { code: 'too-large', message: 'upload: "huge.csv" is 2.9 KiB; the lab takes files up to 2.0 KiB' },
    });
    expect(importedFiles()).toEqual([]);
  });
});
