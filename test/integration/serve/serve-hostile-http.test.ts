// The real `fulcrum serve` process against malformed HTTP, bounded (issue 10, items 1 and 2): bad
// request lines, huge heads, unparseable targets on plain requests and on upgrades (`GET //` used
// to throw in the upgrade handler and end the process), bad handshakes, request smuggling shapes,
// floods and slowloris clients. After each group the real client must still get answers.
import type { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawExchange, rawSocket, statusOf } from "../../support/raw-http.ts";
import { handshake } from "../../support/web-socket-frames.ts";
import { startHostileTarget, type HostileTarget } from "./hostile-target.ts";
import { expectEvery } from "../../support/expect-every.ts";

let target: HostileTarget;

beforeAll(async () => {
  target = await startHostileTarget();
}, 120_000);

afterAll(async () => {
  await target?.dispose();
});

/** Sends raw bytes; resolves with the status the server answered (undefined: it only closed). */
async function statusFor(bytes: string | Buffer): Promise<number | undefined> {
  const reply = await rawExchange(target.port, bytes, { boundMs: 15_000 });
  expect(
    reply.closedByServer,
    `the server left the connection open after ${String(bytes).slice(0, 80)}`,
  ).toBe(true);
  return statusOf(reply.text);
}

describe("fulcrum serve against malformed HTTP", () => {
  it("answers or closes on every broken request line and head", async () => {
    const host = () => `Host: ${target.host}\r\n`;
    const cases: Array<[string, string | Buffer, number | undefined]> = [
      ["garbage", "GARBAGE\r\n\r\n", 400],
      ["no target", "GET\r\n\r\n", 400],
      ["HTTP/9.9", `GET / HTTP/9.9\r\n${host()}\r\n`, 400],
      ["binary", Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 13, 10, 13, 10]), 400],
      ["a NUL in the target", `GET /\0 HTTP/1.1\r\n${host()}\r\n`, 400],
      ["a space in the target", `GET /a b HTTP/1.1\r\n${host()}\r\n`, 400],
      ["a header without a colon", `GET / HTTP/1.1\r\n${host()}Broken\r\n\r\n`, 400],
      ["a bare LF in a header", `GET / HTTP/1.1\r\n${host()}X: a\nb\r\n\r\n`, 400],
      ["a 64 KiB header", `GET / HTTP/1.1\r\n${host()}X-Big: ${"a".repeat(65_536)}\r\n\r\n`, 431],
      ["a 20 KiB target", `GET /${"a".repeat(20_000)} HTTP/1.1\r\n${host()}\r\n`, 431],
      ["5,000 headers", `GET / HTTP/1.1\r\n${host()}${"X-A: b\r\n".repeat(5_000)}\r\n`, 431],
      [
        "two Content-Lengths",
        `POST / HTTP/1.1\r\n${host()}Content-Length: 1\r\nContent-Length: 2\r\n\r\nab`,
        400,
      ],
      [
        "Content-Length and chunked",
        `POST / HTTP/1.1\r\n${host()}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        400,
      ],
      ["a negative Content-Length", `POST / HTTP/1.1\r\n${host()}Content-Length: -1\r\n\r\n`, 400],
      // Refused for its method before the body is read; the broken body then ends the connection.
      ["a bad chunk size", `POST / HTTP/1.1\r\n${host()}Transfer-Encoding: chunked\r\n\r\nzz\r\n\r\n`, 405],
    ];
    for (const [what, bytes, status] of cases) expect(await statusFor(bytes), what).toBe(status);
    await target.expectStillAnswering();
  });

  it("refuses unreadable and foreign targets on plain requests", async () => {
    const get = (requestTarget: string, extra = "") =>
      `GET ${requestTarget} HTTP/1.1\r\nHost: ${target.host}\r\n${extra}Connection: close\r\n\r\n`;
    expect(await statusFor(get("//"))).toBe(404);
    expect(await statusFor(get("//evil.example/"))).toBe(404);
    expect(await statusFor(get("*"))).toBe(400);
    expect(await statusFor(get("http://evil.example/"))).toBe(400);
    expect(await statusFor(get("/%ff%fe%00"))).toBe(404);
    expect(await statusFor(get("/?token=%zz"))).toBe(401);
    expect(await statusFor(get("/?token=__proto__&token=constructor"))).toBe(401);
    expect(await statusFor(get("/", `Cookie: ${target.cookie.split("=")[0]}=__proto__\r\n`))).toBe(401);
    expect(await statusFor(`GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)).toBe(403);
    // HTTP/1.1 without a Host header at all: Node's parser refuses it.
    expect(await statusFor(`GET / HTTP/1.1\r\nConnection: close\r\n\r\n`)).toBe(400);
    expect(await statusFor(`OPTIONS * HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`)).toBe(
      405,
    );
    await target.expectStillAnswering();
  });

  it("survives every unreadable or refused upgrade, `GET //` first", async () => {
    const base = () => ({ Origin: target.origin, Cookie: target.cookie });
    const upgrades: Array<[string, string, number]> = [
      ["//", handshake("//", target.host, base()), 404],
      ["///api", handshake("///api", target.host, base()), 404],
      ["//evil.example/api", handshake("//evil.example/api", target.host, base()), 404],
      ["*", handshake("*", target.host, base()), 400],
      ["absolute form", handshake("http://evil.example/api", target.host, base()), 400],
      ["%2F%2F", handshake("/%2F%2F", target.host, base()), 404],
      ["no key", handshake("/api", target.host, { ...base(), "Sec-WebSocket-Key": "" }), 400],
      ["a short key", handshake("/api", target.host, { ...base(), "Sec-WebSocket-Key": "abc" }), 400],
      ["version 8", handshake("/api", target.host, { ...base(), "Sec-WebSocket-Version": "8" }), 101],
      ["version 99", handshake("/api", target.host, { ...base(), "Sec-WebSocket-Version": "99" }), 400],
      ["no version", handshake("/api", target.host, { ...base(), "Sec-WebSocket-Version": "" }), 400],
      ["Upgrade: h2c", handshake("/api", target.host, { ...base(), Upgrade: "h2c" }), 400],
      [
        "a bad subprotocol",
        handshake("/api", target.host, { ...base(), "Sec-WebSocket-Protocol": ",,," }),
        400,
      ],
      [
        // No extension is offered (permessage-deflate is off), so a malformed offer is ignored, not parsed.
        "a bad extension",
        handshake("/api", target.host, { ...base(), "Sec-WebSocket-Extensions": "permessage-deflate; =" }),
        101,
      ],
      ["POST", handshake("/api", target.host, base()).replace(/^GET/, "POST"), 405],
      ["another origin", handshake("/api", target.host, { ...base(), Origin: "http://127.0.0.2:8080" }), 403],
      ["no origin", handshake("/api", target.host, { Cookie: target.cookie }), 403],
      ["another Host", handshake("/api", `localhost:${target.port}`, base()), 403],
      ["no session", handshake("/api", target.host, { Origin: target.origin }), 401],
      [
        "a guessed session",
        handshake("/api", target.host, {
          Origin: target.origin,
          Cookie: `${target.cookie.split("=")[0]}=${"0".repeat(64)}`,
        }),
        401,
      ],
    ];
    for (const [what, request, status] of upgrades) {
      const reply = await rawExchange(target.port, request, { boundMs: 3_000 });
      expect(statusOf(reply.text), what).toBe(status);
      expect(target.served.alive(), `after ${what}`).toBe(true);
    }
    // A peer that resets the connection in the middle of the refusal.
    for (let i = 0; i < 20; i++) {
      const socket = await rawSocket(target.port);
      socket.write(handshake("//", target.host));
      socket.resetAndDestroy();
    }
    await target.expectStillAnswering();
  });

  it("stays up through a bounded flood of requests and upgrades", async () => {
    const paths = ["/", "/assets/none.js", "/?token=guess", "//", "/index.html?token=%00"];
    const requests = Array.from({ length: 300 }, (_, i) =>
      rawExchange(
        target.port,
        `GET ${paths[i % paths.length]} HTTP/1.1\r\nHost: ${target.host}\r\nConnection: close\r\n\r\n`,
        { boundMs: 15_000 },
      ),
    );
    const upgrades = Array.from({ length: 150 }, (_, i) =>
      rawExchange(target.port, handshake(i % 2 === 0 ? "//" : "/api", target.host), { boundMs: 15_000 }),
    );
    const replies = await Promise.all([...requests, ...upgrades]);
    expect(replies.length).toBe(450);
    expectEvery(replies, (reply) => reply.closedByServer);
    // Each was answered with a refusal, or dropped at the connection limit (no status), never a 5xx.
    const statuses = replies.map((reply) => statusOf(reply.text));
    expect(statuses.filter((status) => status !== undefined && status >= 500)).toEqual([]);
    expect(statuses.filter((status) => status === 401 || status === 404).length).toBeGreaterThan(200);
    await target.expectStillAnswering();
  });

  it("closes half-sent requests within the head timeout, and answers the real client meanwhile", async () => {
    const slow: Socket[] = [];
    const closedAt: number[] = [];
    const started = Date.now();
    for (let i = 0; i < 30; i++) {
      const socket = await rawSocket(target.port);
      socket.on("error", () => {});
      socket.on("close", () => closedAt.push(Date.now() - started));
      socket.write(i % 2 === 0 ? "GET / HTTP/1.1\r\nHost: " : handshake("/api", target.host).slice(0, 40));
      slow.push(socket);
    }
    // Idle connections that send nothing at all, too.
    for (let i = 0; i < 10; i++) {
      const socket = await rawSocket(target.port);
      socket.on("error", () => {});
      socket.on("close", () => closedAt.push(Date.now() - started));
      slow.push(socket);
    }
    // One byte a second on each, slower than any browser, as a slowloris does.
    const drip = setInterval(() => {
      for (const socket of slow.slice(0, 30)) if (!socket.destroyed) socket.write("a");
    }, 1_000);
    try {
      const before = Date.now();
      await target.expectStillAnswering();
      expect(Date.now() - before).toBeLessThan(5_000);
      // Bounded wait: the 10 s head timeout, checked every second, plus slack for a loaded machine.
      const deadline = Date.now() + 25_000;
      while (closedAt.length < slow.length && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 250));
      expect(closedAt.length).toBe(slow.length);
      expect(Math.max(...closedAt)).toBeLessThan(25_000);
    } finally {
      clearInterval(drip);
      for (const socket of slow) socket.destroy();
    }
    await target.expectStillAnswering();
  }, 60_000);
});
