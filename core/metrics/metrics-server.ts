/**
 * `/metrics` over HTTP for a Prometheus to scrape. It listens on loopback unless the operator says
 * otherwise in so many words (the figures name every VIP and backend of the site). GET and HEAD of
 * /metrics only; nothing is read from a request but its line and headers, and slow or idle clients
 * are cut off, so a scraper (or anything else on the network) cannot hold the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { isIP } from "node:net";
import { EXPOSITION_CONTENT_TYPE } from "./exposition-text.ts";

export type MetricsListenProblem = "bad-address" | "not-loopback";

export class MetricsListenError extends Error {
  readonly problem: MetricsListenProblem;
  constructor(problem: MetricsListenProblem, message: string) {
    super(message);
    this.name = "MetricsListenError";
    this.problem = problem;
  }
}

export type MetricsListen = { host: string; port: number };

function isLoopback(host: string): boolean {
  return host === "::1" || (isIP(host) === 4 && host.startsWith("127."));
}

/** `ADDR:PORT` or `[IPv6]:PORT`, an IP literal (no names: what a name resolves to can change). */
export function parseMetricsListen(text: string, allowRemote: boolean): MetricsListen {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([0-9.]+)):(\d{1,5})$/.exec(text);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  if (!match || host === undefined || isIP(host) === 0 || !(port >= 1 && port <= 65535)) {
    throw new MetricsListenError(
      "bad-address",
      `--metrics ${JSON.stringify(text)}: expected ADDR:PORT with an IP address (127.0.0.1:9787, [::1]:9787)`,
    );
  }
  if (!allowRemote && !isLoopback(host)) {
    throw new MetricsListenError(
      "not-loopback",
      `--metrics ${text}: not a loopback address; the metrics name every VIP and backend, so listening there needs --metrics-remote`,
    );
  }
  return { host, port };
}

export type MetricsServer = { url: string; close(): Promise<void> };

export async function startMetricsServer(
  listen: MetricsListen,
  render: () => Promise<string>,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => void answer(request, response));
  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = (request.url ?? "").split("?")[0];
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    if (path !== "/metrics") {
      response
        .writeHead(404, { "Content-Type": "text/plain; charset=utf-8" })
        .end("not found: try /metrics\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { Allow: "GET, HEAD", "Content-Type": "text/plain; charset=utf-8" }).end();
      return;
    }
    let body: string;
    try {
      body = await render();
    } catch (error) {
      response
        .writeHead(500, { "Content-Type": "text/plain; charset=utf-8" })
        .end(
          `fulcrum could not render its metrics: ${error instanceof Error ? error.message : String(error)}\n`,
        );
      return;
    }
    response.writeHead(200, {
      "Content-Type": EXPOSITION_CONTENT_TYPE,
      "Content-Length": Buffer.byteLength(body),
    });
    response.end(request.method === "HEAD" ? undefined : body);
  }
  server.headersTimeout = 5_000;
  server.requestTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 50;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(listen.port, listen.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const host = listen.host.includes(":") ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host}:${listen.port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
