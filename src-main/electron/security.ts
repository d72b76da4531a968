/**
 * Hardening of everything the renderer could reach: the session denies every permission, adds the
 * CSP header to every response, and no web contents may open windows, navigate away from our page
 * or embed webviews. The window itself is created with contextIsolation, sandbox and no Node.
 */
import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../api/transport/csp';

/** Applies the session-wide rules; call once, after app 'ready'. */
export function hardenSession(devServerOrigin: string | undefined): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // The dev server's HMR socket is the one extra connection allowed, and only in development.
  const csp = contentSecurityPolicy({ connect: devServerOrigin ? [devServerOrigin.replace(/^http/, 'ws')] : [] });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/** Rules for every web contents ever created: no new windows, no navigation away, no webviews. */
export function hardenAllContents(isOurUrl: (url: string) => boolean): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isOurUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOurUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
