/**
 * Answers for requests that never became a request object: what Node's HTTP parser refused
 * ('clientError': a bad request line, a head over 16 KiB, a head not finished in time) and what
 * `ws` refused in a WebSocket handshake ('wsClientError': a bad key, version or method). Both are
 * written straight to the socket with the security headers every answer carries, then it closes.
 */
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { answerOnSocket } from "./http-responses.ts";

/** Node's parser codes (llhttp HPE_*, and Node's own) for which a client deserves a status line. */
function clientErrorStatus(code: string | undefined): number {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return 431;
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return 408;
    default:
      return 400;
  }
}

export function answerClientError(
  error: NodeJS.ErrnoException,
  socket: Duplex,
  contentSecurityPolicy: string,
): void {
  try {
    // Mid-answer on a kept-alive connection, or a peer that already left: a status line now would
    // be garbage inside another response, so only close.
    const written = (socket as Partial<Socket>).bytesWritten ?? 0;
    if (error.code === "ECONNRESET" || written > 0) return void socket.destroy();
    const status = clientErrorStatus(error.code);
    answerOnSocket(
      socket,
      status,
      status === 408 ? "Request timeout" : "Malformed request",
      contentSecurityPolicy,
    );
  } catch {
    socket.destroy();
  }
}

/**
 * ws's handshake refusals, by its messages (ws 8, lib/websocket-server.js handleUpgrade):
 *   "Invalid HTTP method"                             -> 405
 *   "Missing or invalid Sec-WebSocket-Version header" -> 400, saying which version we speak
 *   anything else (key, Upgrade, protocol, extensions) -> 400
 */
export function answerHandshakeError(error: Error, socket: Duplex, contentSecurityPolicy: string): void {
  try {
    if (error.message === "Invalid HTTP method") {
      return answerOnSocket(socket, 405, error.message, contentSecurityPolicy, { Allow: "GET" });
    }
    const version: Record<string, string> = /Sec-WebSocket-Version/.test(error.message)
      ? { "Sec-WebSocket-Version": "13" }
      : {};
    answerOnSocket(socket, 400, error.message, contentSecurityPolicy, version);
  } catch {
    socket.destroy();
  }
}
