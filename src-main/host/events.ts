/**
 * The event stream of the web host: a WebSocket at /events that carries the table's events as JSON
 * frames, each frame an array of events (ApiEvent[]). Events of one tick travel in one frame, so a
 * run reporting hundreds of iterations a second costs a few frames, not hundreds.
 */
import type { Duplex } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import type { ApiEvent } from '../api/table';
import { EVENTS_PROTOCOL } from './guard';

/** A client this far behind (a frozen tab) is dropped; it reconnects and reloads what it shows. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;
const PING_INTERVAL_MS = 30_000;

export interface EventHub {
  /** Completes a WebSocket upgrade the caller has already authorized. */
  accept(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  publish(event: ApiEvent): void;
  readonly clientCount: number;
  close(): void;
}

/** Creates the hub; the caller routes authorized upgrades of /events to `accept`. */
export function createEventHub(): EventHub {
  const wss = new WebSocketServer({
    noServer: true,
    // The renderer never sends anything; a large frame can only be an attack.
    maxPayload: 1024,
    // Answer with our protocol name only: echoing the "token.…" protocol would put the token in a response.
    handleProtocols: (protocols) => (protocols.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  const alive = new WeakMap<WebSocket, boolean>();
  let pending: ApiEvent[] = [];
  let scheduled = false;

  wss.on('connection', (ws) => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('message', () => ws.close(1003, 'this stream only sends'));
    ws.on('error', () => ws.terminate());
  });

  const ping = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.get(ws)) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, PING_INTERVAL_MS);
  ping.unref();

  const flush = () => {
    scheduled = false;
    if (pending.length === 0) return;
    const frame = JSON.stringify(pending);
    pending = [];
    for (const ws of wss.clients) {
      if (ws.readyState !== WebSocket.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.terminate();
        continue;
      }
      ws.send(frame);
    }
  };

  return {
    accept(req, socket, head) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    publish(event) {
      if (wss.clients.size === 0) return;
      pending.push(event);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    get clientCount() {
      return wss.clients.size;
    },
    close() {
      clearInterval(ping);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
