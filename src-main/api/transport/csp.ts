/**
 * The Content-Security-Policy of the renderer, one definition for its three places: the meta tag of
 * src-renderer/index.html (file:// in Electron), the header Electron adds, and the header of the web
 * host. Only the app's own scripts run; images may be data: URLs (the hidden-unit PNGs); nothing may
 * be framed, posted or loaded from elsewhere.
 */

/** The policy; `connect` adds WebSocket origins (the web host's /events). */
export function contentSecurityPolicy(options: { connect?: readonly string[]; frameAncestors?: boolean } = {}): string {
  const directives = [
    "default-src 'none'",
    "script-src 'self'",
    // Svelte and Chart.js set element styles at run time; scripts stay strictly 'self'.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    ["connect-src 'self'", ...(options.connect ?? [])].join(' '),
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  // frame-ancestors is ignored (with a console warning) in a meta tag; headers carry it.
  if (options.frameAncestors !== false) directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}

/** What the meta tag of index.html must say: any localhost port, since the host picks its port at start. */
export const META_CSP = contentSecurityPolicy({
  connect: ['ws://127.0.0.1:*', 'ws://localhost:*'],
  frameAncestors: false,
});
