import { readFile } from "node:fs/promises";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { openBrowserSession } from "../../support/browser-session.ts";
import { testHost, testSnapshot } from "./test-snapshot.ts";
import { get, serveTestFolder, tryUpgrade, type ServedFolder } from "./web-server-fixture.ts";

let served: ServedFolder;
let port: number;
let origin: string;

beforeAll(async () => {
  served = await serveTestFolder();
  port = served.port;
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await served?.dispose();
});

const socketUrl = (query = "") => `ws://127.0.0.1:${port}/api${query}`;
const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

describe("startWebServer", () => {
  it("prints a loopback URL with a 32-byte hex token, and its address without one", () => {
    const url = new URL(served.server.url);
    expect(url.hostname).toBe("127.0.0.1");
    expect(tokenOf(served.server.url)).toMatch(/^[0-9a-f]{64}$/);
    expect(served.server.origin).toBe(origin);
  });

  it("listens on 127.0.0.1 only", async () => {
    // /proc/net/tcp lists listening sockets (state 0A) with the local address in little-endian hex.
    const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
    const listeners = (await readFile("/proc/net/tcp", "utf8"))
      .split("\n")
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields[1]?.endsWith(`:${hexPort}`) && fields[3] === "0A")
      .map((fields) => fields[1]);
    expect(listeners).toEqual([`0100007F:${hexPort}`]);

    // Another loopback address on the same port gets nothing.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: "127.0.0.2", port });
      socket.on("connect", () => {
        socket.destroy();
        resolve("connected");
      });
      socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    });
    expect(refused).toBe("ECONNREFUSED");
  });
});

describe("the one-time URL", () => {
  it("is exchanged once for a session cookie and a redirect that drops the token", async () => {
    const url = served.server.issueUrl();
    const token = tokenOf(url);
    const exchange = await get(port, `/?token=${token}`);
    expect(exchange.status).toBe(303);
    expect(exchange.headers.location).toBe("/");
    const setCookie = [exchange.headers["set-cookie"]].flat()[0] ?? "";
    expect(setCookie).toMatch(
      new RegExp(`^fulcrum-session-${port}=[0-9a-f]{64}; HttpOnly; SameSite=Strict; Path=/$`),
    );
    const cookie = setCookie.split(";")[0] ?? "";
    // A new random id: the cookie is not the token.
    expect(cookie).not.toContain(token);
    expect(exchange.body).toBe("");

    const page = await get(port, "/", { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain("test page");
    const policy = String(page.headers["content-security-policy"]);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
    expect(policy).not.toContain("unsafe-eval");
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.headers["cache-control"]).toBe("no-store");

    // The same URL again, in a browser without the session (a second browser, or whoever copied it).
    const again = await get(port, `/?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.body).toContain("already used");
    expect(again.body).toContain("press Enter");
    expect(again.body).not.toContain("test page");
    expect(again.headers["set-cookie"]).toBeUndefined();
    // ...and in the browser that holds the session (a reload of an old address): back to the bare page.
    const reload = await get(port, `/?token=${token}`, { Cookie: cookie });
    expect(reload.status).toBe(303);
    expect(reload.headers.location).toBe("/");
    expect(reload.headers["set-cookie"]).toBeUndefined();
  });

  it("tells the operator when a spent URL is opened again", async () => {
    const notices: string[] = [];
    const other = await serveTestFolder({ onNotice: (message) => notices.push(message) });
    try {
      await openBrowserSession(other.server.url);
      expect(notices).toEqual([]);
      expect((await fetch(other.server.url, { redirect: "manual" })).status).toBe(401);
      expect(notices).toEqual([expect.stringContaining("already used")]);
    } finally {
      await other.dispose();
    }
  });

  it("gives nothing without a session, whatever the token", async () => {
    for (const pathAndQuery of [
      "/",
      "/index.html",
      "/?token=",
      `/?token=${"0".repeat(64)}`,
      `/?token=${tokenOf(served.server.issueUrl())}x`,
      `/?token=${tokenOf(served.server.issueUrl()).toUpperCase()}`,
    ]) {
      const refused = await get(port, pathAndQuery);
      expect(refused.status, pathAndQuery).toBe(401);
      expect(refused.body).not.toContain("test page");
      expect(refused.headers["set-cookie"]).toBeUndefined();
    }
    const forged = await get(port, "/", { Cookie: `fulcrum-session-${port}=${"a".repeat(64)}` });
    expect(forged.status).toBe(401);
  });

  it("is not spent by a HEAD request (a link preview), only by GET", async () => {
    const url = served.server.issueUrl();
    const head = await get(port, `/?token=${tokenOf(url)}`, {}, "HEAD");
    expect(head.status).toBe(401);
    expect(head.headers["set-cookie"]).toBeUndefined();
    expect(await openBrowserSession(url)).toMatch(/^fulcrum-session-\d+=[0-9a-f]{64}$/);
  });

  it("issues a new one-time URL on demand, each for one browser", async () => {
    const first = served.server.issueUrl();
    const second = served.server.issueUrl();
    expect(tokenOf(first)).not.toBe(tokenOf(second));
    const a = await openBrowserSession(first);
    const b = await openBrowserSession(second);
    expect(a).not.toBe(b);
    for (const cookie of [a, b]) expect((await get(port, "/", { Cookie: cookie })).status).toBe(200);
  });

  it("refuses a request whose Host header is not the server itself (DNS rebinding)", async () => {
    const rebound = await get(port, `/?token=${tokenOf(served.server.issueUrl())}`, {
      Host: `evil.example:${port}`,
    });
    expect(rebound.status).toBe(403);
    expect(rebound.headers["set-cookie"]).toBeUndefined();
  });
});

describe("built assets", () => {
  it("serves them without a session, and nothing outside the static folder", async () => {
    const asset = await get(port, "/assets/app.js");
    expect(asset.status).toBe(200);
    expect(asset.headers["content-type"]).toContain("text/javascript");
    for (const escape of [
      "/../secret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/%2e%2e/secret.txt",
      "/assets",
      "/missing.js",
    ]) {
      const refused = await get(port, escape);
      expect(refused.status, escape).toBe(404);
      expect(refused.body).not.toContain("outside the static folder");
    }
  });

  it("serves source maps only when told to (development)", async () => {
    const refused = await get(port, "/assets/app.js.map");
    expect(refused.status).toBe(404);
    expect(refused.body).not.toContain("secret-source");
    const development = await serveTestFolder({ serveSourceMaps: true });
    try {
      const map = await get(development.port, "/assets/app.js.map");
      expect(map.status).toBe(200);
      expect(map.body).toContain("secret-source");
    } finally {
      await development.dispose();
    }
  });
});

describe("the API socket", () => {
  it("opens only with a live session cookie, from the server's own origin", async () => {
    const cookie = await openBrowserSession(served.server.issueUrl());
    const token = tokenOf(served.server.issueUrl());
    expect(await tryUpgrade(socketUrl(), { origin })).toBe(401);
    // A token is never a credential on the socket, spent or not.
    expect(await tryUpgrade(socketUrl(`?token=${token}`), { origin })).toBe(401);
    expect(
      await tryUpgrade(socketUrl(), { origin, cookie: `fulcrum-session-${port}=${"f".repeat(64)}` }),
    ).toBe(401);
    expect(
      await tryUpgrade(socketUrl(), { origin, cookie: `fulcrum-session-1=${cookie.split("=")[1]}` }),
    ).toBe(401);
    expect(await tryUpgrade(socketUrl(), { origin: "http://evil.example", cookie })).toBe(403);
    expect(await tryUpgrade(socketUrl(), { origin: `http://localhost:${port}`, cookie })).toBe(403);
    expect(await tryUpgrade(socketUrl(), { cookie })).toBe(403);
    expect(await tryUpgrade(`ws://127.0.0.1:${port}/other`, { origin, cookie })).toBe(404);
    expect(await tryUpgrade(socketUrl(), { origin, cookie: `theme=dark; ${cookie}` })).toBe("open");
  });

  it("answers requests and pushes events over a real WebSocket", async () => {
    const cookie = await openBrowserSession(served.server.issueUrl());
    const socket = new WebSocket(socketUrl(), { origin, headers: { Cookie: cookie } });
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

      served.events.emit("sampleReceived", testSnapshot({ sequence: 8 }));
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
