/**
 * The localhost web host: the same API as the desktop app, for a browser on this machine.
 *
 *   GET  /…            the built renderer (out/renderer), with the CSP and security headers
 *   POST /api/<channel> body: JSON array of the arguments; answer: the result envelope as JSON
 *   WS   /events       the table's events, frames of ApiEvent[]
 *   PUT  /upload?name=  a data file from the browser, stored in <folder of the database>/imports/
 *
 * It listens on 127.0.0.1 only; API calls and the WebSocket need the token printed at start
 * (`Authorization: Bearer …`, or the "token.…" WebSocket subprotocol), and every request must name
 * 127.0.0.1:<port> or localhost:<port> as its Host. Training runs in Node child processes.
 */
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { threadInspector } from '../api/threads/data-reader';
import { dataThreadLoaders } from '../api/threads/data-thread';
import { threadSumChecker } from '../api/threads/sum-check-runner';
import { threadLandscape } from '../api/threads/landscape-runner';
import { createApi } from '../api/handlers';
import { HTTP_STATUS, type ApiErrorCode, type ApiResult } from '../api/errors';
import { defaultAllowedRoots } from '../api/paths';
import { openStore } from '../store/open';
import { userDataFolder } from '../store/paths';
import type { RunStore } from '../store/types';
import { WarmWorkers } from '../training/node-worker';
import { Supervisor } from '../training/supervisor';
import { createEventHub } from './events';
import { checkHost, checkOrigin, newToken, securityHeaders, tokenMatches, tokenOf } from './guard';
import { resolveStatic } from './static-files';
import { receiveUpload } from './upload';
import { CLEANUP_INTERVAL_MS, cleanUploads, filesRunsUse, UPLOADS_TOTAL_LIMIT } from './upload-cleanup';
import { DEFAULT_UPLOAD_LIMIT, UPLOAD_NAME_PARAM, UPLOAD_PATH } from '../api/transport/upload-route';
import { API_PATH_PREFIX, EVENTS_PATH } from '../api/transport/web';

export interface HostOptions {
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The database file (created if absent). */
  dbPath: string;
  /** The built renderer folder, e.g. out/renderer. */
  rendererDir: string;
  /** The built worker file, e.g. out/main/worker.js. */
  workerPath: string;
  /**
   * Folders export/import and data files may use; default: home, the app's data folder, the temp
   * folder and the database's folder. The imports folder of uploads is always added.
   */
  allowedRoots?: string[];
  /** Largest data file a browser may upload, in bytes; default 256 MiB. */
  uploadLimit?: number;
  /** Most bytes all uploads together may take; default UPLOADS_TOTAL_LIMIT (4 GiB). */
  uploadsTotalLimit?: number;
  /** Open connections at once (WebSockets included); more are closed at once. Default 256. */
  maxConnections?: number;
  /** WebSocket event streams at once; default 16. */
  maxEventClients?: number;
  /** Time a client has to send its request headers; default 10 s. */
  headersTimeoutMs?: number;
  /** Fixed token (tests); default: a fresh random one. */
  token?: string;
  /** Largest request body accepted, in bytes; default 1 MiB. */
  bodyLimit?: number;
  /** Training processes at once; default: one per core. */
  concurrency?: number;
  version?: string;
}

export interface Host {
  /** The address to open, token included: http://127.0.0.1:PORT/?token=… */
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly store: RunStore;
  /** Stops training (cancelling active runs), closes connections and the database. */
  close(): Promise<void>;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** A browser tab opens at most 6 connections to a host; 256 leaves room for many tabs and scripts. */
export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_MAX_EVENT_CLIENTS = 16;
/** Headers arrive in one packet from a real client; a client trickling them (slowloris) is cut. */
export const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
/** A whole request, body included (an upload of 256 MiB over loopback takes well under a second). */
export const REQUEST_TIMEOUT_MS = 60_000;

/** Starts the host and resolves once it listens. */
export async function startHost(options: HostOptions): Promise<Host> {
  const token = options.token ?? newToken();
  const bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const rendererDir = realOrSelf(path.resolve(options.rendererDir));
  const store = openStore(options.dbPath);
  // One training process waits booted, so Start → first point doesn't include starting Node.
  const workers = new WarmWorkers(true);
  workers.prewarm(options.workerPath);
  const supervisor = new Supervisor({
    store,
    spawn: workers.spawn,
    workerPath: options.workerPath,
    concurrency: options.concurrency,
  });
  const importsFolder = path.join(path.dirname(store.path), 'imports');
  const allowedRoots = [
    ...(options.allowedRoots ?? [...defaultAllowedRoots(userDataFolder()), path.dirname(store.path)]),
    importsFolder,
  ];
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const dataThreads = dataThreadLoaders(path.join(path.dirname(options.workerPath), 'data-reader.js'));
  const api = createApi({
    store,
    supervisor,
    allowedRoots,
    shell: 'web',
    version: options.version ?? '0.0.0',
    // The data-reading and sum-check threads are built beside the training worker (out/main/data-reader.js, sum-check.js).
    inspectData: threadInspector(path.join(path.dirname(options.workerPath), 'data-reader.js')),
    // One long-lived thread loads runs' data for the Backprop view and the hidden units, and keeps the last split.
    loadSplit: dataThreads.loadSplit,
    loadActivations: dataThreads.loadActivations,
    sumCheck: threadSumChecker(path.join(path.dirname(options.workerPath), 'sum-check.js')),
    landscape: threadLandscape(path.join(path.dirname(options.workerPath), 'landscape.js')),
  });
  const hub = createEventHub();
  api.subscribe((e) => hub.publish(e));

  const uploadsTotalLimit = options.uploadsTotalLimit ?? UPLOADS_TOTAL_LIMIT;
  const maxEventClients = options.maxEventClients ?? DEFAULT_MAX_EVENT_CLIENTS;
  const cleanup = () => {
    try {
      const removed = cleanUploads(importsFolder, filesRunsUse(store));
      if (removed.length)
        process.stderr.write(`backprop-lab host: removed ${removed.length} old upload(s) no run uses\n`);
    } catch (e) {
      process.stderr.write(`backprop-lab host: cleaning ${importsFolder} failed: ${(e as Error).message}\n`);
    }
  };
  cleanup();
  const cleanupTimer = setInterval(cleanup, CLEANUP_INTERVAL_MS);
  cleanupTimer.unref();

  let port = 0;
  const headersTimeout = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  // Node checks the timeouts on this interval; its default (30 s) would let a slow client stay longer.
  const checkEvery = Math.max(100, Math.min(1000, Math.floor(headersTimeout / 4)));
  const server = http.createServer({ connectionsCheckingInterval: checkEvery }, (req, res) => {
    handle(req, res).catch((e) => {
      // Only a bug gets here; answer if we still can, and keep serving.
      process.stderr.write(`backprop-lab host: ${(e as Error).stack ?? e}\n`);
      if (!res.headersSent) sendJson(res, port, 500, fail('internal', 'the host failed to answer; see its console'));
      else res.destroy();
    });
  });
  server.headersTimeout = headersTimeout;
  server.requestTimeout = Math.max(REQUEST_TIMEOUT_MS, headersTimeout);
  server.maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const hostProblem = checkHost(req, port);
    if (hostProblem) return sendJson(res, port, 403, fail('forbidden', hostProblem));
    const rawPath = (req.url ?? '/').split('?')[0];
    if (!rawPath.startsWith('/'))
      return sendJson(res, port, 400, fail('invalid-argument', 'the request path must start with /'));

    if (rawPath === API_PATH_PREFIX.slice(0, -1) || rawPath.startsWith(API_PATH_PREFIX)) {
      const originProblem = checkOrigin(req, port);
      if (originProblem) return sendJson(res, port, 403, fail('forbidden', originProblem));
      if (!tokenMatches(tokenOf(req), token)) {
        return sendJson(
          res,
          port,
          401,
          fail('unauthorized', 'missing or wrong token: open the URL the host printed at start'),
        );
      }
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        return sendJson(res, port, 405, fail('forbidden', `${req.method} is not allowed on the API: use POST`));
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'application/json') {
        return sendJson(
          res,
          port,
          415,
          fail('invalid-argument', `the body must be application/json, got ${type || 'no content type'}`),
        );
      }
      const body = await readBody(req, bodyLimit);
      if (body === 'too-large') {
        res.setHeader('Connection', 'close');
        return sendJson(res, port, 413, fail('too-large', `the request body is larger than ${bodyLimit} bytes`));
      }
      let args: unknown;
      try {
        args = body.length === 0 ? [] : JSON.parse(body.toString('utf8'));
      } catch (e) {
        return sendJson(
          res,
          port,
          400,
          fail('invalid-argument', `the body is not valid JSON: ${(e as Error).message}`),
        );
      }
      let channel: string;
      try {
        channel = decodeURIComponent(rawPath.slice(API_PATH_PREFIX.length));
      } catch {
        return sendJson(res, port, 400, fail('invalid-argument', 'malformed percent-encoding in the channel name'));
      }
      const result = await api.dispatch(channel, args);
      return sendJson(res, port, result.ok ? 200 : HTTP_STATUS[result.error.code], result);
    }

    if (rawPath === UPLOAD_PATH) {
      const originProblem = checkOrigin(req, port);
      if (originProblem) return refuseUpload(res, port, 403, fail('forbidden', originProblem));
      if (!tokenMatches(tokenOf(req), token)) {
        return refuseUpload(
          res,
          port,
          401,
          fail('unauthorized', 'missing or wrong token: open the URL the host printed at start'),
        );
      }
      if (req.method !== 'PUT') {
        res.setHeader('Allow', 'PUT');
        return refuseUpload(
          res,
          port,
          405,
          fail('forbidden', `${req.method} is not allowed on ${UPLOAD_PATH}: use PUT`),
        );
      }
      const name = new URL(req.url ?? '/', 'http://host').searchParams.get(UPLOAD_NAME_PARAM);
      const answer = await receiveUpload(req, name, {
        folder: importsFolder,
        limit: uploadLimit,
        totalLimit: uploadsTotalLimit,
      });
      if (answer.closeConnection) res.setHeader('Connection', 'close');
      return sendJson(res, port, answer.status, answer.result);
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendJson(res, port, 405, fail('forbidden', `${req.method} is not allowed here`));
    }
    const found = resolveStatic(rendererDir, rawPath);
    if (found.kind === 'refused' && found.status === 404 && rawPath === '/favicon.ico') {
      // Browsers ask for it on their own; no icon is not an error worth a console line.
      res.writeHead(204, securityHeaders(port));
      return void res.end();
    }
    if (found.kind === 'refused')
      return sendJson(res, port, found.status, fail(found.status === 404 ? 'not-found' : 'forbidden', found.message));
    res.writeHead(200, {
      ...securityHeaders(port),
      'Content-Type': found.type,
      'Content-Length': found.body.length,
      // Built assets carry content hashes in their names; index.html must always be fresh.
      'Cache-Control': found.file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : found.body);
  }

  server.on('upgrade', (req, socket, head) => {
    const refuse = (status: number, message: string) => {
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${message}\n`,
      );
    };
    socket.on('error', () => socket.destroy());
    const problem = checkHost(req, port) ?? checkOrigin(req, port);
    if (problem) return refuse(403, problem);
    if ((req.url ?? '').split('?')[0] !== EVENTS_PATH) return refuse(404, `the only WebSocket is ${EVENTS_PATH}`);
    if (!tokenMatches(tokenOf(req), token)) return refuse(401, 'missing or wrong token');
    if (hub.clientCount >= maxEventClients)
      return refuse(503, `already ${maxEventClients} event streams open; close a tab of the lab`);
    hub.accept(req, socket, head);
  });
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    // Headers or body too slow (headersTimeout, requestTimeout): 408, as Node itself would answer.
    const status = e.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      reject(
        e.code === 'EADDRINUSE' ? new Error(`port ${options.port} is already in use; choose another with --port`) : e,
      );
    };
    server.once('error', onError);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  }).catch(async (e) => {
    api.close();
    dataThreads.close();
    await supervisor.close();
    workers.dispose();
    store.close();
    throw e;
  });
  port = (server.address() as { port: number }).port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    store,
    close() {
      closing ??= (async () => {
        clearInterval(cleanupTimer);
        hub.close();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        api.close();
        dataThreads.close();
        await supervisor.close();
        workers.dispose();
        store.close();
      })();
      return closing;
    },
  };
}

function fail(code: ApiErrorCode, message: string): ApiResult<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(res: ServerResponse, port: number, status: number, body: ApiResult<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders(port),
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Answers a refused upload without reading its body, then closes the connection (the body may be huge). */
function refuseUpload(res: ServerResponse, port: number, status: number, body: ApiResult<never>): void {
  res.setHeader('Connection', 'close');
  sendJson(res, port, status, body);
}

/** The whole body, or 'too-large' as soon as it passes `limit` (the rest is not read). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve('too-large');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!done) reject(e);
    });
  });
}

function realOrSelf(p: string): string {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return p;
  }
}
