// Every answer the browser-mode server gives carries the security headers its pages carry: the
// refusals (400, 401, 403, 404, 405, 431, 500), refused WebSocket upgrades and answers to requests
// Node's parser rejected included (issue 10, item 11).
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserSession } from "../../support/browser-session.ts";
import { headersOf, rawExchange, statusOf } from "../../support/raw-http.ts";
import { handshake } from "../../support/web-socket-frames.ts";
import { get, serveTestFolder, type ServedFolder } from "./web-server-fixture.ts";

const SECURITY_HEADERS = [
  "content-security-policy",
  "x-content-type-options",
  "referrer-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "x-frame-options",
];

let served: ServedFolder;
let host: string;
let origin: string;
let cookie: string;

beforeAll(async () => {
  served = await serveTestFolder();
  host = `127.0.0.1:${served.port}`;
  origin = `http://${host}`;
  cookie = await openBrowserSession(served.server.url);
});

afterAll(async () => {
  await served?.dispose();
});

function expectSecurityHeaders(headers: Record<string, unknown>, what: string): void {
  for (const name of SECURITY_HEADERS) expect(headers[name], `${what}: ${name}`).toBeTruthy();
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(String(headers["content-security-policy"]), what).toContain("frame-ancestors 'none'");
}

describe("security headers", () => {
  it("are on the page, the redirect and the assets", async () => {
    expectSecurityHeaders((await get(served.port, "/", { Cookie: cookie })).headers, "page");
    expectSecurityHeaders(
      (await get(served.port, `/?token=${new URL(served.server.issueUrl()).searchParams.get("token")}`))
        .headers,
      "303",
    );
    expectSecurityHeaders((await get(served.port, "/assets/app.js")).headers, "asset");
  });

  it.each([
    ["no session", "/", {}, "GET", 401],
    ["another Host", "/", { Host: "evil.example" }, "GET", 403],
    ["a missing file", "/nothing-here.js", {}, "GET", 404],
    ["a source map", "/assets/app.js.map", {}, "GET", 404],
    ["POST", "/", {}, "POST", 405],
    ["DELETE", "/assets/app.js", {}, "DELETE", 405],
  ] as const)("are on the refusal for %s", async (_what, pathAndQuery, headers, method, status) => {
    const reply = await get(served.port, pathAndQuery, { ...headers }, method);
    expect(reply.status).toBe(status);
    expectSecurityHeaders(reply.headers, `${method} ${pathAndQuery}`);
  });

  it("are on a 500", async () => {
    const broken = await serveTestFolder();
    try {
      const session = await openBrowserSession(broken.server.url);
      await rm(path.join(broken.staticDir, "index.html"));
      const reply = await get(broken.port, "/", { Cookie: session });
      expect(reply.status).toBe(500);
      expectSecurityHeaders(reply.headers, "500");
    } finally {
      await broken.dispose();
    }
  });

  // The table is read before beforeAll runs: each request is built when its test runs.
  type Upgrade = () => string;
  const upgrades: Array<[string, Upgrade, number]> = [
    [
      "a target that is not a path",
      () => handshake("http://evil.example/api", host, { Origin: origin, Cookie: cookie }),
      400,
    ],
    ["the path //", () => handshake("//", host, { Origin: origin, Cookie: cookie }), 404],
    ["another path", () => handshake("/other", host, { Origin: origin, Cookie: cookie }), 404],
    ["another origin", () => handshake("/api", host, { Origin: "http://evil.example", Cookie: cookie }), 403],
    ["no session", () => handshake("/api", host, { Origin: origin }), 401],
    [
      "a bad key",
      () => handshake("/api", host, { Origin: origin, Cookie: cookie, "Sec-WebSocket-Key": "short" }),
      400,
    ],
    [
      "a bad version",
      () => handshake("/api", host, { Origin: origin, Cookie: cookie, "Sec-WebSocket-Version": "12" }),
      400,
    ],
    ["POST", () => handshake("/api", host, { Origin: origin, Cookie: cookie }).replace(/^GET/, "POST"), 405],
  ];
  it.each(upgrades)("are on a refused upgrade: %s", async (_what, request, status) => {
    const reply = await rawExchange(served.port, request());
    expect(statusOf(reply.text)).toBe(status);
    expect(reply.closedByServer).toBe(true);
    expectSecurityHeaders(headersOf(reply.text), `upgrade ${status}`);
  });

  it.each([
    ["a bad request line", "GARBAGE\r\n\r\n", 400],
    ["a bad header", `GET / HTTP/1.1\r\nHost: ${"127.0.0.1"}\r\nBad Header: x\r\n\r\n`, 400],
    ["a 64 KiB header", `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${"a".repeat(65_536)}\r\n\r\n`, 431],
  ])("are on the answer to %s", async (_what, request, status) => {
    const reply = await rawExchange(served.port, request);
    expect(statusOf(reply.text)).toBe(status);
    expectSecurityHeaders(headersOf(reply.text), `client error ${status}`);
  });

  it("still leave the server answering", async () => {
    expect((await get(served.port, "/", { Cookie: cookie })).status).toBe(200);
  });
});
