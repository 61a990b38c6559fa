/**
 * A browser-mode server over a small static folder (index.html, one asset and its source map, a
 * secret outside the folder) and test handlers, with the requests the server tests make.
 */
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { WebSocket } from "ws";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { createEventHub, type EventHub } from "../../../core/carrier/event-hub.ts";
import {
  startWebServer,
  type RunningWebServer,
  type WebServerOptions,
} from "../../../core/carrier/web-server.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";

export const TEST_HANDLERS: ApiHandlers = {
  getAppInfo: async () => ({ version: "0.0.0-test", carrier: "browser", demo: false }),
  listHosts: async () => [testHost()],
  getSnapshot: async () => testSnapshot(),
  ...NO_ACTION_HANDLERS,
  ...NO_HOST_SETUP_HANDLERS,
  ...NO_HISTORY_HANDLERS,
};

export interface ServedFolder {
  server: RunningWebServer;
  events: EventHub;
  port: number;
  staticDir: string;
  dispose(): Promise<void>;
}

export async function serveTestFolder(
  options: Partial<Omit<WebServerOptions, "events" | "staticDir">> = {},
): Promise<ServedFolder> {
  const tempDir = await mkdtemp(path.join(tmpdir(), "fulcrum-web-server-"));
  const staticDir = path.join(tempDir, "web");
  await mkdir(path.join(staticDir, "assets"), { recursive: true });
  await writeFile(path.join(staticDir, "index.html"), "<!doctype html><title>test page</title>");
  await writeFile(path.join(staticDir, "assets", "app.js"), "console.log('asset')");
  await writeFile(
    path.join(staticDir, "assets", "app.js.map"),
    '{"version":3,"sources":["secret-source.ts"]}',
  );
  await writeFile(path.join(tempDir, "secret.txt"), "outside the static folder");
  const events = createEventHub();
  const server = await startWebServer({ handlers: TEST_HANDLERS, ...options, events, staticDir });
  return {
    server,
    events,
    port: Number(new URL(server.url).port),
    staticDir,
    async dispose() {
      await server.close();
      await rm(tempDir, { recursive: true, force: true });
    },
  };
}

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function get(
  port: number,
  pathAndQuery: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathAndQuery, headers, method }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves with the HTTP status of a refused upgrade, or "open" when the socket opened. */
export function tryUpgrade(
  socketUrl: string,
  options: { origin?: string; cookie?: string } = {},
): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl, {
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.cookie ? { headers: { Cookie: options.cookie } } : {}),
    });
    socket.on("open", () => {
      socket.close();
      resolve("open");
    });
    socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.on("error", (error) => reject(error));
  });
}
