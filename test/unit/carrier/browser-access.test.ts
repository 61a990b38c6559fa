// The pure halves of browser-mode access: reading a request target, the session cookie, spending
// one-time tokens, and the page and upgrade decisions built on them.
import { describe, expect, it } from "vitest";
import { createBrowserSessions } from "../../../core/carrier/browser-sessions.ts";
import { decidePageAccess } from "../../../core/carrier/page-access.ts";
import { parseRequestTarget } from "../../../core/carrier/request-target.ts";
import { cookieValues, sessionCookieName } from "../../../core/carrier/session-cookie.ts";
import { decideUpgradeAccess } from "../../../core/carrier/upgrade-access.ts";

describe("parseRequestTarget", () => {
  it.each([
    ["/api", "/api", null],
    ["/?token=ab", "/", "ab"],
    ["//", "//", null],
    ["//evil.example/api", "//evil.example/api", null],
    ["/@evil.example", "/@evil.example", null],
    ["/a/../b", "/b", null],
  ])("reads %s as the path %s", (target, pathname, token) => {
    const read = parseRequestTarget(target);
    expect(read?.pathname).toBe(pathname);
    expect(read?.searchParams.get("token") ?? null).toBe(token);
  });

  it.each([[undefined], [""], ["*"], ["http://evil.example/"], ["api"], ["?token=x"]])(
    "refuses %s",
    (target) => {
      expect(parseRequestTarget(target)).toBeUndefined();
    },
  );
});

describe("cookieValues", () => {
  it("finds every value of the named cookie, and nothing of others", () => {
    const name = sessionCookieName(43117);
    expect(name).toBe("fulcrum-session-43117");
    expect(cookieValues(`theme=dark; ${name}=abc; ${name}=def;other=1`, name)).toEqual(["abc", "def"]);
    expect(cookieValues(`fulcrum-session-4311=abc; x${name}=d`, name)).toEqual([]);
    expect(cookieValues(undefined, name)).toEqual([]);
    expect(cookieValues("garbage;;;==", name)).toEqual([]);
  });
});

describe("browser sessions", () => {
  it("spends a token once, for a session id that is not the token", () => {
    const sessions = createBrowserSessions();
    const token = sessions.issueToken();
    const first = sessions.redeem(token);
    expect("session" in first && first.session).toMatch(/^[0-9a-f]{64}$/);
    if (!("session" in first)) return;
    expect(first.session).not.toBe(token);
    expect(sessions.isSession(first.session)).toBe(true);
    expect(sessions.isSession(token)).toBe(false);
    expect(sessions.redeem(token)).toEqual({ refused: "used" });
  });

  it.each([[null], [undefined], [""], ["0".repeat(64)], ["not hex"], ["A".repeat(64)]])(
    "refuses the token %s as unknown",
    (token) => {
      expect(createBrowserSessions().redeem(token)).toEqual({ refused: "unknown" });
    },
  );
});

describe("decidePageAccess", () => {
  const name = "fulcrum-session-1";

  it("exchanges, then serves the page, then refuses the spent token to anyone without the session", () => {
    const sessions = createBrowserSessions();
    const token = sessions.issueToken();
    const exchange = decidePageAccess({ method: "GET", token, sessionIds: [] }, sessions, name);
    expect(exchange.kind).toBe("redirect");
    const setCookie = exchange.kind === "redirect" ? (exchange.setCookie ?? "") : "";
    const id = setCookie.split(";")[0]?.split("=")[1] ?? "";
    expect(decidePageAccess({ method: "GET", token: null, sessionIds: [id] }, sessions, name)).toEqual({
      kind: "page",
    });
    expect(decidePageAccess({ method: "GET", token, sessionIds: [id] }, sessions, name)).toEqual({
      kind: "redirect",
    });
    expect(decidePageAccess({ method: "GET", token, sessionIds: [] }, sessions, name)).toMatchObject({
      kind: "refused",
      reason: "used",
    });
  });

  it("never spends a token on HEAD", () => {
    const sessions = createBrowserSessions();
    const token = sessions.issueToken();
    expect(decidePageAccess({ method: "HEAD", token, sessionIds: [] }, sessions, name)).toMatchObject({
      kind: "refused",
      reason: "no-session",
    });
    expect(decidePageAccess({ method: "GET", token, sessionIds: [] }, sessions, name).kind).toBe("redirect");
  });
});

describe("decideUpgradeAccess", () => {
  const server = { host: "127.0.0.1:9", origin: "http://127.0.0.1:9", cookieName: "fulcrum-session-9" };

  it("checks target, path, Host and Origin, then the session, in that order", () => {
    const sessions = createBrowserSessions();
    const redeemed = sessions.redeem(sessions.issueToken());
    const id = "session" in redeemed ? redeemed.session : "";
    const good = { host: server.host, origin: server.origin, cookie: `fulcrum-session-9=${id}` };
    const decide = (url: string, headers: Record<string, string>) =>
      decideUpgradeAccess({ url, headers }, server, sessions);
    expect(decide("/api", good)).toEqual({ allowed: true });
    expect(decide("*", good)).toMatchObject({ status: 400 });
    expect(decide("//", good)).toMatchObject({ status: 404 });
    expect(decide("/api", { ...good, origin: "http://127.0.0.1:8" })).toMatchObject({ status: 403 });
    expect(decide("/api", { ...good, host: "localhost:9" })).toMatchObject({ status: 403 });
    expect(decide("/api", { host: server.host, origin: server.origin })).toMatchObject({ status: 401 });
  });
});
