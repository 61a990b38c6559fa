/**
 * Whether a WebSocket upgrade may reach the API, decided from the request alone (pure). In order:
 *   the target does not parse                 -> 400  (e.g. "GET //" from `new WebSocket("ws://h:p//")`)
 *   a path other than /api                    -> 404
 *   Host or Origin not exactly this server    -> 403  (other web pages, DNS rebinding)
 *   no live session cookie                    -> 401  (other local users, a browser without the console)
 * The handshake headers themselves (key, version) are then checked by `ws`.
 */
import type { IncomingHttpHeaders } from "node:http";
import type { BrowserSessions } from "./browser-sessions.ts";
import { parseRequestTarget } from "./request-target.ts";
import { cookieValues } from "./session-cookie.ts";
import { API_SOCKET_PATH } from "./web-socket-protocol.ts";

export type UpgradeAccess =
  { allowed: true } | { allowed: false; status: 400 | 401 | 403 | 404; reason: string };

export interface ServerIdentity {
  /** 127.0.0.1:PORT, as the Host header must say it. */
  host: string;
  /** http://127.0.0.1:PORT, as the Origin header must say it. */
  origin: string;
  cookieName: string;
}

export function decideUpgradeAccess(
  request: { url?: string | undefined; headers: IncomingHttpHeaders },
  server: ServerIdentity,
  sessions: BrowserSessions,
): UpgradeAccess {
  const target = parseRequestTarget(request.url);
  if (!target) return { allowed: false, status: 400, reason: "Unreadable request target" };
  if (target.pathname !== API_SOCKET_PATH) return { allowed: false, status: 404, reason: "Not found" };
  if (request.headers.host !== server.host || request.headers.origin !== server.origin) {
    return { allowed: false, status: 403, reason: "Forbidden: not this server's own page" };
  }
  const ids = cookieValues(request.headers.cookie, server.cookieName);
  if (!ids.some((id) => sessions.isSession(id))) {
    return {
      allowed: false,
      status: 401,
      reason: "Unauthorized: no console session (open the URL `fulcrum serve` printed)",
    };
  }
  return { allowed: true };
}
