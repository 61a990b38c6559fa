/**
 * Browser mode (DESIGN.md §2): serves the built renderer and the API over one WebSocket, on
 * 127.0.0.1 only. A random token in the page URL and on the WebSocket upgrade keeps out other local
 * users; the Host and Origin checks keep out other web pages (DNS rebinding, cross-site sockets).
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { WebSocketServer, type WebSocket } from "ws";
import { createAccessToken, tokenMatches } from "./access-token.ts";
import { createApiDispatcher } from "./api-dispatcher.ts";
import type { ApiHandlers } from "./api-handlers.ts";
import { sendEvent, serveApiSocket } from "./api-socket-session.ts";
import { buildHeaderPolicy } from "./content-security-policy.ts";
import type { EventHub } from "./event-hub.ts";
import { resolveStaticFile } from "./static-files.ts";
import { API_SOCKET_PATH } from "./web-socket-protocol.ts";

/** The only interface browser mode ever listens on. */
const LOOPBACK = "127.0.0.1";
const MAX_FRAME_BYTES = 1024 * 1024;

export interface WebServerOptions {
  handlers: ApiHandlers;
  events: EventHub;
  /** 0 or absent: a free port chosen by the kernel. */
  port?: number;
  /** The built renderer: dist/web (npm run build:web) or .vite/renderer/main_window. */
  staticDir: string;
}

export interface RunningWebServer {
  /** http://127.0.0.1:PORT/?token=... — the one URL that opens the console. */
  url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = createAccessToken();
  const dispatch = createApiDispatcher(options.handlers);
  const sockets = new Set<WebSocket>();
  const socketServer = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const http = createServer();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, LOOPBACK, () => {
      http.off("error", reject);
      resolve();
    });
  });
  const { port } = http.address() as AddressInfo;
  const host = `${LOOPBACK}:${port}`;
  const origin = `http://${host}`;
  const contentSecurityPolicy = buildHeaderPolicy({ connectSources: [`ws://${host}`] });

  http.on("request", (request, response) => {
    serveHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) plain(response, 500, "Internal error");
      else response.destroy(error instanceof Error ? error : undefined);
    });
  });

  async function serveHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.headers.host !== host) return plain(response, 403, "Unexpected Host header");
    if (request.method !== "GET" && request.method !== "HEAD")
      return plain(response, 405, "Method not allowed");
    const url = new URL(request.url ?? "/", origin);

    if (url.pathname === "/" || url.pathname === "/index.html") {
      if (!tokenMatches(token, url.searchParams.get("token"))) {
        return plain(response, 401, "Fulcrum: open the URL with the token that `fulcrum serve` printed.");
      }
      const page = await readFile(`${options.staticDir}/index.html`);
      response.writeHead(200, {
        ...securityHeaders(contentSecurityPolicy),
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
      });
      response.end(request.method === "HEAD" ? undefined : page);
      return;
    }

    // Built assets (scripts, styles) carry no data and are the same for everyone: no token needed.
    const file = await resolveStaticFile(options.staticDir, url.pathname);
    if (!file) return plain(response, 404, "Not found");
    response.writeHead(200, {
      ...securityHeaders(contentSecurityPolicy),
      "Content-Type": file.contentType,
      "Content-Length": file.size,
    });
    if (request.method === "HEAD") return void response.end();
    createReadStream(file.filePath).pipe(response);
  }

  http.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? "/", origin);
    if (url.pathname !== API_SOCKET_PATH) return refuseUpgrade(socket, 404, "Not Found");
    if (!tokenMatches(token, url.searchParams.get("token")))
      return refuseUpgrade(socket, 401, "Unauthorized");
    if (request.headers.host !== host || request.headers.origin !== origin)
      return refuseUpgrade(socket, 403, "Forbidden");
    socketServer.handleUpgrade(request, socket, head, (webSocket) => {
      sockets.add(webSocket);
      webSocket.on("close", () => sockets.delete(webSocket));
      serveApiSocket(webSocket, dispatch);
    });
  });

  const unsubscribe = options.events.subscribe((event, payload) => {
    for (const webSocket of sockets) sendEvent(webSocket, { event, payload });
  });

  return {
    url: `${origin}/?token=${token}`,
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

function securityHeaders(contentSecurityPolicy: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
    // The page URL holds the token: never send it onward as a Referer.
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  response.end(text);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
