/**
 * Session-wide defences: the CSP header for pages from the Vite dev server (the packaged file://
 * page has the same policy as a meta tag), and a flat "no" to every permission a page can ask for.
 * Fulcrum needs no camera, notifications, geolocation or clipboard-read.
 */
import type { Session } from "electron";
import { buildHeaderPolicy } from "../core/carrier/content-security-policy.ts";

export function hardenSession(session: Session, rendererUrl: string): void {
  const rendererOrigin = new URL(rendererUrl).origin;
  const policy = buildHeaderPolicy();

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!details.url.startsWith("http") || new URL(details.url).origin !== rendererOrigin) {
      return callback({ responseHeaders: details.responseHeaders });
    }
    callback({ responseHeaders: { ...details.responseHeaders, "Content-Security-Policy": [policy] } });
  });

  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
