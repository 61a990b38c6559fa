/**
 * Browser mode (DESIGN.md §2): serves the built renderer and the API over one WebSocket, on
 * 127.0.0.1 only. A one-time token in the printed URL is exchanged for a session cookie
 * (page-access.ts) and the WebSocket upgrade needs that session (upgrade-access.ts): together they
 * keep out other local users. The Host and Origin checks keep out other web pages (DNS rebinding,
 * cross-site sockets).
 *
 * Hostile input is part of the job: nothing a client sends may end the process. Every handler's
 * failure becomes an answer or a closed connection, raw sockets get error handlers the moment
 * Node's HTTP layer hands them over, and slow or huge requests hit the limits below.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { pipeline } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { createApiDispatcher } from "./api-dispatcher.ts";
import type { ApiHandlers } from "./api-handlers.ts";
import { sendEvent, serveApiSocket } from "./api-socket-session.ts";
import { createBrowserSessions } from "./browser-sessions.ts";
import { buildHeaderPolicy } from "./content-security-policy.ts";
import type { EventHub } from "./event-hub.ts";
import { answerOnSocket, securityHeaders, sendPlain } from "./http-responses.ts";
import { answerClientError, answerHandshakeError } from "./malformed-requests.ts";
import { decidePageAccess } from "./page-access.ts";
import { parseRequestTarget } from "./request-target.ts";
import { cookieValues, sessionCookieName } from "./session-cookie.ts";
import { resolveStaticFile } from "./static-files.ts";
import { decideUpgradeAccess, type ServerIdentity } from "./upgrade-access.ts";

/** The only interface browser mode ever listens on. */
const LOOPBACK = "127.0.0.1";
const MAX_FRAME_BYTES = 1024 * 1024;
/** A browser sends a request head in one packet; a client dribbling one out is holding a socket. */
const HEADERS_TIMEOUT_MS = 10_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** How often Node checks the two timeouts above. */
const TIMEOUT_CHECK_MS = 1_000;
/**
 * A connection silent this long is closed. The head timeout starts only with a request's first
 * byte, so without this a client that connects and sends nothing holds its socket for ever.
 * Upgraded sockets leave Node's HTTP timeouts behind; the API socket is not affected.
 */
const IDLE_TIMEOUT_MS = 10_000;
/** One operator's tabs need a handful; a flood beyond this is dropped at accept. */
const MAX_CONNECTIONS = 256;

export interface WebServerOptions {
  handlers: ApiHandlers;
  events: EventHub;
  /** 0 or absent: a free port chosen by the kernel. */
  port?: number;
  /** The built renderer: dist/web (npm run build:web) or .vite/renderer/main_window. */
  staticDir: string;
  /** Serve the renderer's source maps (*.map): for development only; off, none is served to anyone. */
  serveSourceMaps?: boolean;
  /** Told, in a sentence, what the operator should know (a spent one-time URL opened again). */
  onNotice?: (message: string) => void;
}

export interface RunningWebServer {
  /** The first one-time URL, http://127.0.0.1:PORT/?token=...; it opens the console once. */
  url: string;
  /** http://127.0.0.1:PORT: the console's address without a token (a browser with a session opens it). */
  origin: string;
  /** A new one-time URL, for another browser. */
  issueUrl(): string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const sessions = createBrowserSessions();
  const dispatch = createApiDispatcher(options.handlers);
  const notice = options.onNotice ?? (() => {});
  const sockets = new Set<WebSocket>();
  const socketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const http = createServer({
    headersTimeout: HEADERS_TIMEOUT_MS,
    requestTimeout: REQUEST_TIMEOUT_MS,
    connectionsCheckingInterval: TIMEOUT_CHECK_MS,
  });
  http.maxConnections = MAX_CONNECTIONS;
  http.setTimeout(IDLE_TIMEOUT_MS);

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, LOOPBACK, () => {
      http.off("error", reject);
      resolve();
    });
  });
  // Once listening, the server's own errors are failed accepts (EMFILE when a flood used up the
  // descriptors): libuv accepts again later, and an unheard 'error' would end the process instead.
  http.on("error", (error: NodeJS.ErrnoException) =>
    notice(`a connection could not be accepted (${error.code ?? error.message})`),
  );
  const { port } = http.address() as AddressInfo;
  const identity: ServerIdentity = {
    host: `${LOOPBACK}:${port}`,
    origin: `http://${LOOPBACK}:${port}`,
    cookieName: sessionCookieName(port),
  };
  const policy = buildHeaderPolicy({ connectSources: [`ws://${identity.host}`] });

  http.on("request", (request: IncomingMessage, response: ServerResponse) => {
    serveHttp(request, response).catch(() => failRequest(response));
  });

  function failRequest(response: ServerResponse): void {
    try {
      if (!response.headersSent) sendPlain(response, 500, "Internal error", policy);
      else response.destroy();
    } catch {
      response.destroy();
    }
  }

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== identity.host)
      return sendPlain(response, 403, "Unexpected Host header", policy);
    const method = request.method;
    if (method !== "GET" && method !== "HEAD") {
      return sendPlain(response, 405, "Method not allowed", policy, { Allow: "GET, HEAD" });
    }
    const target = parseRequestTarget(request.url);
    if (!target) return sendPlain(response, 400, "Unreadable request target", policy);

    if (target.pathname === "/" || target.pathname === "/index.html") {
      const access = decidePageAccess(
        {
          method,
          token: target.searchParams.get("token"),
          sessionIds: cookieValues(request.headers.cookie, identity.cookieName),
        },
        sessions,
        identity.cookieName,
      );
      if (access.kind === "refused") {
        if (access.reason === "used") {
          notice("a one-time URL that was already used was opened again by a browser without its session");
        }
        return sendPlain(response, 401, access.message, policy);
      }
      if (access.kind === "redirect") {
        response.writeHead(303, {
          ...securityHeaders(policy),
          Location: "/",
          "Cache-Control": "no-store",
          ...(access.setCookie ? { "Set-Cookie": access.setCookie } : {}),
        });
        return void response.end();
      }
      const page = await readFile(`${options.staticDir}/index.html`);
      response.writeHead(200, {
        ...securityHeaders(policy),
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(method === "HEAD" ? undefined : page);
      return;
    }

    // Built assets (scripts, styles) carry no data and are the same for everyone: no session needed.
    const file = await resolveStaticFile(options.staticDir, target.pathname, {
      sourceMaps: options.serveSourceMaps === true,
    });
    if (!file) return sendPlain(response, 404, "Not found", policy);
    response.writeHead(200, {
      ...securityHeaders(policy),
      "Content-Type": file.contentType,
      "Content-Length": file.size,
    });
    if (method === "HEAD") return void response.end();
    // pipeline, not pipe: a read error (the file replaced mid-read) ends this response, not the process.
    pipeline(createReadStream(file.filePath), response, () => {});
  }

  http.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) =>
    answerClientError(error, socket, policy),
  );
  socketServer.on("wsClientError", (error: Error, socket: Duplex) =>
    answerHandshakeError(error, socket, policy),
  );

  http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node's HTTP layer has dropped its own error handler from this socket: without one, a peer's
    // reset would be an uncaught 'error' event.
    socket.on("error", () => socket.destroy());
    try {
      const access = decideUpgradeAccess(request, identity, sessions);
      if (!access.allowed) return answerOnSocket(socket, access.status, access.reason, policy);
      socketServer.handleUpgrade(request, socket, head, (webSocket) => {
        sockets.add(webSocket);
        webSocket.on("close", () => sockets.delete(webSocket));
        serveApiSocket(webSocket, dispatch);
      });
    } catch {
      socket.destroy();
    }
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    for (const webSocket of sockets) sendEvent(webSocket, { event, payload });
  });

  const issueUrl = () => `${identity.origin}/?token=${sessions.issueToken()}`;
  return {
    url: issueUrl(),
    origin: identity.origin,
    issueUrl,
    async close() {
      unsubscribe();
      for (const webSocket of sockets) webSocket.terminate();
      socketServer.close();
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
    },
  };
}
