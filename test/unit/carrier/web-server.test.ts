import { mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../../core/carrier/web-server.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";

const handlers: ApiHandlers = {
  getAppInfo: async () => ({ version: "0.0.0-test", carrier: "browser", demo: false }),
  listHosts: async () => [testHost()],
  getSnapshot: async () => testSnapshot(),
  ...NO_ACTION_HANDLERS,
    ...NO_HOST_SETUP_HANDLERS,
};

let tempDir: string;
let staticDir: string;
let server: RunningWebServer;
let url: URL;
const events = createEventHub();

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), "fulcrum-web-server-"));
  staticDir = path.join(tempDir, "web");
  await mkdir(path.join(staticDir, "assets"), { recursive: true });
  await writeFile(path.join(staticDir, "index.html"), "<!doctype html><title>test page</title>");
  await writeFile(path.join(staticDir, "assets", "app.js"), "console.log('asset')");
  await writeFile(path.join(tempDir, "secret.txt"), "outside the static folder");
  server = await startWebServer({ handlers, events, staticDir });
  url = new URL(server.url);
});

afterAll(async () => {
  await server?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port: url.port, path: pathAndQuery, headers }, (res) => {
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
function tryUpgrade(socketUrl: string, origin: string | undefined): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(socketUrl, origin ? { origin } : {});
    socket.on("open", () => {
      socket.close();
      resolve("open");
    });
    socket.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    socket.on("error", (error) => reject(error));
  });
}

function socketUrl(token: string | undefined): string {
  return `ws://127.0.0.1:${url.port}/api${token === undefined ? "" : `?token=${token}`}`;
}

const token = () => url.searchParams.get("token") ?? "";

describe("startWebServer", () => {
  it("prints a loopback URL with a 32-byte hex token", () => {
    expect(url.hostname).toBe("127.0.0.1");
    expect(token()).toMatch(/^[0-9a-f]{64}$/);
  });

  it("listens on 127.0.0.1 only", async () => {
    // /proc/net/tcp lists listening sockets (state 0A) with the local address in little-endian hex.
    const hexPort = Number(url.port).toString(16).toUpperCase().padStart(4, "0");
    const listeners = (await readFile("/proc/net/tcp", "utf8"))
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A")
      .map((fields) => fields[1]);
    expect(listeners).toEqual([`0100007F:${hexPort}`]);

    // Another loopback address on the same port gets nothing.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: "127.0.0.2", port: Number(url.port) });
      socket.on("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });

  it("serves the page only with the token, and with the CSP header", async () => {
    const withToken = await get(`/?token=${token()}`);
    expect(withToken.status).toBe(200);
    expect(withToken.body).toContain("test page");
    const policy = String(withToken.headers["content-security-policy"]);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${url.port}`);
    expect(policy).not.toContain("unsafe-eval");
    expect(withToken.headers["referrer-policy"]).toBe("no-referrer");

    for (const pathAndQuery of [
      "/",
      "/index.html",
      "/?token=",
      `/?token=${"0".repeat(64)}`,
      `/?token=${token()}x`,
    ]) {
      const refused = await get(pathAndQuery);
      expect(refused.status, pathAndQuery).toBe(401);
      expect(refused.body).not.toContain("test page");
    }
  });

  it("refuses a request whose Host header is not the server itself (DNS rebinding)", async () => {
    const rebound = await get(`/?token=${token()}`, { Host: `evil.example:${url.port}` });
    expect(rebound.status).toBe(403);
  });

  it("serves built assets, and nothing outside the static folder", async () => {
    const asset = await get("/assets/app.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toContain("text/javascript");
    for (const escape of [
      "/../secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/%2e%2e/secret.txt",
      "/assets",
      "/missing.js",
    ]) {
      const refused = await get(escape);
      expect(refused.status, escape).toBe(404);
      expect(refused.body).not.toContain("outside the static folder");
    }
  });

  it("refuses the WebSocket without the token (401) and from another origin (403)", async () => {
    const origin = `http://127.0.0.1:${url.port}`;
    expect(await tryUpgrade(socketUrl(undefined), origin)).toBe(401);
    expect(await tryUpgrade(socketUrl("f".repeat(64)), origin)).toBe(401);
    expect(await tryUpgrade(socketUrl(token()), "http://evil.example")).toBe(403);
    expect(await tryUpgrade(socketUrl(token()), `http://localhost:${url.port}`)).toBe(403);
    expect(await tryUpgrade(socketUrl(token()), undefined)).toBe(403);
    expect(await tryUpgrade(socketUrl(token()), origin)).toBe("open");
  });

  it("answers requests and pushes events over a real WebSocket", async () => {
    const socket = new WebSocket(socketUrl(token()), { origin: `http://127.0.0.1:${url.port}` });
    const frames: unknown[] = [];
    const waiters: Array<() => void> = [];
    socket.on("message", (data) => {
      frames.push(JSON.parse(data.toString()));
      waiters.splice(0).forEach((wake) => wake());
    });
    const nextFrames = async (count: number) => {
      while (frames.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
      return frames.splice(0, count);
    };
    try {
      await new Promise((resolve, reject) => socket.once("open", resolve).once("error", reject));
      socket.send(JSON.stringify({ id: 1, name: "listHosts", payload: {} }));
      socket.send(JSON.stringify({ id: 2, name: "getSnapshot", payload: { hostId: 7 } }));
      socket.send(JSON.stringify({ id: 3, name: "reboot", payload: {} }));
      const replies = await nextFrames(3);
      expect(replies).toContainEqual({ id: 1, result: { ok: true, value: [testHost()] } });
      expect(replies).toContainEqual({
        id: 2,
        result: { ok: false, error: expect.objectContaining({ code: "invalid-request" }) },
      });
      expect(replies).toContainEqual({
        id: 3,
        result: { ok: false, error: expect.objectContaining({ code: "unknown-request" }) },
      });

      events.emit("sampleReceived", testSnapshot({ sequence: 8 }));
      expect(await nextFrames(1)).toEqual([
        { event: "sampleReceived", payload: testSnapshot({ sequence: 8 }) },
      ]);

      // A frame that is not a request closes the socket: no real renderer sends one.
      const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));
      socket.send("not json");
      expect(await closed).toBe(1008);
    } finally {
      socket.terminate();
    }
  });
});
