/**
 * Every answer browser mode gives carries the same security headers, the refusals (401, 403, 404,
 * 405, 500), the refused WebSocket upgrades and the answers to malformed requests included: a
 * refusal page must not be framed, sniffed or leak a Referer any more than the console itself.
 */
import type { ServerResponse } from "node:http";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";

/** How long a closing answer may wait for a peer to read it. */
const LINGER_MS = 5_000;

export function securityHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
    // A page URL holds a token: never send it onward as a Referer.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    // Legacy browsers ignore frame-ancestors; this says the same to them.
    "X-Frame-Options": "DENY",
  };
}

/** A short plain-text answer (a refusal or an error), never cached. */
export function sendPlain(
  response: ServerResponse,
  status: number,
  text: string,
  contentSecurityPolicy: string,
  extraHeaders: Record<string, string> = {},
): void {
  response.writeHead(status, {
    ...securityHeaders(contentSecurityPolicy),
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...extraHeaders,
  });
  response.end(text);
}

/**
 * An HTTP answer written straight to a socket that Node's HTTP layer no longer owns (a refused
 * upgrade, a request the parser rejected), then the connection is closed. A socket that is
 * already gone is left alone.
 */
export function answerOnSocket(
  socket: Duplex,
  status: number,
  text: string,
  contentSecurityPolicy: string,
  extraHeaders: Record<string, string> = {},
): void {
  if (socket.destroyed || !socket.writable) return void socket.destroy();
  const body = Buffer.from(text, "utf8");
  const headers = {
    ...securityHeaders(contentSecurityPolicy),
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    ...extraHeaders,
    Connection: "close",
    "Content-Length": String(body.length),
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? "Error"}\r\n${head}\r\n${text}`);
  socket.once("finish", () => socket.destroy());
  // A peer that never reads would hold the socket open through end(): do not wait long for it.
  setTimeout(() => socket.destroy(), LINGER_MS).unref();
}
