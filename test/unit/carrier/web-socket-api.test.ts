// The renderer's browser-mode client against the real server, with the `ws` client standing in for
// the browser's WebSocket (it sends the Origin header and the session cookie a browser would).
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import type { ApiHandlers } from "../../../core/carrier/api-handlers.ts";
import { createEventHub } from "../../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../../core/carrier/web-server.ts";
import { ApiRequestError } from "../../../shared/api-error.ts";
import {
  createWebSocketApi,
  type WebSocketApi,
  type WebSocketLike,
} from "../../../renderer/web-socket-api.ts";
import { openBrowserSession } from "../../support/browser-session.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";
import { NO_ACTION_HANDLERS, NO_HISTORY_HANDLERS, NO_HOST_SETUP_HANDLERS } from "./no-action-handlers.ts";

const handlers: ApiHandlers = {
  getAppInfo: async () => ({ version: "0.0.0-test", carrier: "browser", demo: true }),
  listHosts: async () => [testHost()],
  getSnapshot: async ({ hostId }) => (hostId === "lb1" ? testSnapshot() : null),
  ...NO_ACTION_HANDLERS,
  ...NO_HOST_SETUP_HANDLERS,
  ...NO_HISTORY_HANDLERS,
};

const events = createEventHub();
let tempDir: string;
let server: RunningWebServer;
let cookie: string;

beforeAll(async () => {
  tempDir = await mkdtemp(path.join(tmpdir(), "fulcrum-ws-client-"));
  await writeFile(path.join(tempDir, "index.html"), "<!doctype html>");
  server = await startWebServer({ handlers, events, staticDir: tempDir });
  cookie = await openBrowserSession(server.url);
});

afterAll(async () => {
  await server?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/** A client as the page would open it, with this browser's session cookie (or another one). */
function clientFor(sessionCookie: string, onDisconnected?: () => void): WebSocketApi {
  const page = new URL(server.url);
  return createWebSocketApi({
    url: `ws://${page.host}/api`,
    openSocket: (url) =>
      new WebSocket(url, {
        origin: page.origin,
        headers: { Cookie: sessionCookie },
      }) as unknown as WebSocketLike,
    onDisconnected,
  });
}

describe("createWebSocketApi", () => {
  it("turns method calls into requests and replies into values, sent before the socket opened", async () => {
    const api = clientFor(cookie);
    try {
      const [info, hosts, snapshot, none] = await Promise.all([
        api.getAppInfo({}),
        api.listHosts({}),
        api.getSnapshot({ hostId: "lb1" }),
        api.getSnapshot({ hostId: "lb9" }),
      ]);
      expect(info).toEqual({ version: "0.0.0-test", carrier: "browser", demo: true });
      expect(hosts).toEqual([testHost()]);
      expect(snapshot).toEqual(testSnapshot());
      expect(none).toBeNull();
    } finally {
      api.disconnect();
    }
  });

  it("rejects with the server's error code for a bad payload or an unknown name", async () => {
    const api = clientFor(cookie);
    try {
      const bad = await api.getSnapshot({ hostId: "" }).catch((error: unknown) => error);
      expect(bad).toBeInstanceOf(ApiRequestError);
      expect((bad as ApiRequestError).code).toBe("invalid-request");
      const unknown = await (api as unknown as Record<string, (p: unknown) => Promise<unknown>>).formatDisk!(
        {},
      ).catch((error: unknown) => error);
      expect((unknown as ApiRequestError).code).toBe("unknown-request");
    } finally {
      api.disconnect();
    }
  });

  it("is not mistaken for a promise", async () => {
    const api = clientFor(cookie);
    try {
      expect((api as unknown as { then?: unknown }).then).toBeUndefined();
      expect(await Promise.resolve(api)).toBe(api);
    } finally {
      api.disconnect();
    }
  });

  it("delivers pushed events to listeners until they unsubscribe", async () => {
    const api = clientFor(cookie);
    try {
      await api.listHosts({}); // the socket is open once a reply has come back
      const samples: unknown[] = [];
      const stop = api.on("sampleReceived", (snapshot) => samples.push(snapshot));
      const second = new Promise((resolve) => api.on("sampleReceived", resolve));
      events.emit("sampleReceived", testSnapshot({ sequence: 11 }));
      await second;
      stop();
      const third = new Promise((resolve) => api.on("sampleReceived", resolve));
      events.emit("sampleReceived", testSnapshot({ sequence: 12 }));
      await third;
      expect(samples).toEqual([testSnapshot({ sequence: 11 })]);
    } finally {
      api.disconnect();
    }
  });

  it("fails every request, and says so once, when the server refuses the session", async () => {
    let disconnects = 0;
    const api = clientFor(`${cookie.split("=")[0]}=${"0".repeat(64)}`, () => (disconnects += 1));
    const result = await api.listHosts({}).catch((error: unknown) => error);
    expect((result as ApiRequestError).code).toBe("disconnected");
    await expect(api.getAppInfo({})).rejects.toMatchObject({ code: "disconnected" });
    expect(disconnects).toBe(1);
  });
});
