import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EVENTS_PROTOCOL } from './guard';
import { startHost, type Host } from './server';

// A real host over real sockets, with small caps so the tests reach them quickly.
let dir: string;
let host: Host;

beforeAll(async () => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'host-limits-')));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>lab</title>');
  host = await startHost({
    dbPath: path.join(dir, 'runs.db'),
    rendererDir: dir,
    workerPath: path.join(dir, 'no-worker.js'),
    maxConnections: 4,
    maxEventClients: 2,
    headersTimeoutMs: 500,
  });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A raw connection, resolved once open, that records what it receives and when it closes. */
function connect(): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(host.port, '127.0.0.1');
    let data = '';
    socket.on('data', (c) => (data += c.toString('latin1')));
    socket.on('error', () => {});
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/** GET / on a fresh connection (no keep-alive): the status code. */
function getIndex(): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: host.port, path: '/', agent: false, headers: { host: `127.0.0.1:${host.port}` } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
  });
}

describe('the host limits what one client can hold', () => {
  it('closes a client that trickles its headers (slowloris) with 408, and still answers others', async () => {
    const slow = await connect();
    slow.socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n`);
    const drip = setInterval(() => slow.socket.write('X-Drip: 1\r\n'), 100);
    await slow.closed;
    clearInterval(drip);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 /);
    expect(await getIndex()).toBe(200);
  });

  it('accepts at most 4 connections at once: a 5th is closed unanswered; one freed, a request succeeds', async () => {
    const held = await Promise.all([connect(), connect(), connect(), connect()]);
    const extra = await connect();
    await extra.closed;
    expect(extra.received()).toBe('');
    held[0].socket.destroy();
    await held[0].closed;
    // The server counts the freed connection once its close has been processed.
    let status = 0;
    for (let tries = 0; tries < 50 && status !== 200; tries++) status = await getIndex().catch(() => 0);
    expect(status).toBe(200);
    for (const h of held) h.socket.destroy();
  });

  it('accepts at most 2 event streams; a 3rd upgrade is refused with 503', async () => {
    for (let tries = 0; tries < 50 && (await getIndex().catch(() => 0)) !== 200; tries++);
    const open = () =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, [EVENTS_PROTOCOL, `token.${host.token}`]);
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
        ws.once('error', reject);
      });
    const first = await open();
    const second = await open();
    await expect(open()).rejects.toThrow('status 503');
    first.close();
    second.close();
  });
});
