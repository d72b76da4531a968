/**
 * Who may talk to the localhost host. Listening on 127.0.0.1 keeps other machines out, but any web
 * page in the user's browser can still send requests to localhost, and a DNS-rebinding page can even
 * make them same-origin. So every API request and WebSocket upgrade must carry the random token
 * printed at start, and every request must name our host and port in its Host header (a rebinding
 * page's requests carry the attacker's host name).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { contentSecurityPolicy } from '../api/transport/csp';
import { TOKEN_PROTOCOL_PREFIX } from '../api/transport/web';

export { EVENTS_PROTOCOL, TOKEN_PROTOCOL_PREFIX } from '../api/transport/web';

/** A fresh random token: 32 bytes, URL-safe base64. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Host names a browser on this machine may use for us (with our port). */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** Why the Host header is refused, or null when it names us. */
export function checkHost(req: IncomingMessage, port: number): string | null {
  const host = req.headers.host;
  if (!host) return 'the request has no Host header';
  if (!allowedHosts(port).includes(host.toLowerCase())) {
    return `Host "${host.slice(0, 100)}" is not this server (expected 127.0.0.1:${port} or localhost:${port})`;
  }
  return null;
}

/** Why the Origin header is refused, or null when absent (same-origin GET, non-browser client) or ours. */
export function checkOrigin(req: IncomingMessage, port: number): string | null {
  const origin = req.headers.origin;
  if (origin === undefined) return null;
  if (allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`)) return null;
  return `Origin "${origin.slice(0, 100)}" may not use this server`;
}

/** The token a request carries: `Authorization: Bearer <token>`, or for WebSockets the "token.<token>" subprotocol. */
export function tokenOf(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice('Bearer '.length).trim();
  const protocols = req.headers['sec-websocket-protocol'];
  if (protocols) {
    const t = protocols
      .split(',')
      .map((p) => p.trim())
      .find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
    if (t) return t.slice(TOKEN_PROTOCOL_PREFIX.length);
  }
  return undefined;
}

/** Compares in constant time, so the token can't be guessed byte by byte from response times. */
export function tokenMatches(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Headers on every response: the CSP, no sniffing, no framing, no referrer (the URL held the token). */
export function securityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy({ connect: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] }),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
  };
}
