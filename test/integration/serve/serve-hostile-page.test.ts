// A web page on ANOTHER local origin (http://127.0.0.2:PORT, served by the test) opened in
// Debian's Chromium, trying what a hostile page can do to the real `fulcrum serve` on
// 127.0.0.1 (issue 10, item 1): `new WebSocket()` with `//` paths (which used to throw in the
// upgrade handler and end the process), a printed token on the socket, floods of sockets, no-cors
// requests, frames and images. Nothing may open, and the real client is answered afterwards.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM, launchChromium } from "../../e2e/support/launch-chromium.ts";
import { executable, missingPrerequisites } from "../../support/prerequisites.ts";
import { startHostileTarget, type HostileTarget } from "./hostile-target.ts";

const skip = missingPrerequisites(executable(CHROMIUM, "chromium"));

/** Runs in the hostile page: every attempt, each settled (bounded), as "open" or how it failed. */
function hostilePage(): string {
  return `<!doctype html><title>elsewhere</title><script>
  const settle = (promise, ms) => Promise.race([promise, new Promise((r) => setTimeout(() => r("pending"), ms))]);
  function socket(url) {
    return settle(new Promise((resolve) => {
      let ws;
      try { ws = new WebSocket(url); } catch (error) { return resolve("threw " + error.name); }
      ws.onopen = () => { resolve("open"); ws.close(); };
      ws.onclose = (event) => resolve("closed " + event.code);
    }), 8000);
  }
  async function attempts(target, token) {
    const ws = target.replace("http:", "ws:");
    const results = {};
    for (const path of ["//", "///api", "//evil.example/api", "/%2F%2F", "/api", "/api?token=" + token, "/..%2fapi", "/api/../api"]) {
      results["socket " + path] = await socket(ws + path);
    }
    results["socket via localhost"] = await socket(ws.replace("127.0.0.1", "localhost") + "/api");
    const flood = await Promise.all(Array.from({ length: 60 }, (_, i) => socket(ws + (i % 2 ? "//" : "/api"))));
    results["flood of sockets"] = [...new Set(flood)].sort().join(", ");
    for (const [what, init] of [["POST /api", { method: "POST", body: "x" }], ["GET //", {}], ["PUT /", { method: "PUT", body: "{}" }]]) {
      const path = what.split(" ")[1];
      results["fetch " + what] = await settle(fetch(target + path, { ...init, mode: "no-cors", credentials: "include" }).then((r) => "answered " + r.type, (e) => "failed " + e.name), 8000);
    }
    results["image //"] = await settle(new Promise((resolve) => { const img = new Image(); img.onload = () => resolve("loaded"); img.onerror = () => resolve("error"); img.src = target + "//"; }), 8000);
    results["frame of the console"] = await settle(new Promise((resolve) => {
      const frame = document.createElement("iframe");
      frame.onload = () => { try { resolve("readable " + frame.contentDocument.body.innerText.length); } catch { resolve("not readable"); } };
      frame.src = target + "/";
      document.body.append(frame);
    }), 8000);
    return results;
  }
  window.attempts = attempts;
</script>`;
}

let target: HostileTarget;
let elsewhere: Server;
let elsewhereUrl: string;
let browser: Browser | undefined;

beforeAll(async () => {
  if (skip) return;
  target = await startHostileTarget();
  elsewhere = createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    response.end(hostilePage());
  });
  await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.2", resolve));
  elsewhereUrl = `http://127.0.0.2:${(elsewhere.address() as AddressInfo).port}/`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => (elsewhere ? elsewhere.close(() => resolve()) : resolve()));
  await target?.dispose();
});

describe.skipIf(skip)("fulcrum serve against a page on another local origin", () => {
  it("opens no socket for it, whatever it asks, and stays up", async () => {
    // A token the operator asked for and has not used yet: the page somehow has it, and it is
    // still no key to the socket (only a session is, and only from the server's own page).
    target.served.child.stdin?.write("\n");
    const fresh = new URL((await target.served.waitForStdout(/New one-time URL: (\S+)/))[1] ?? "");
    const page = await browser!.newPage();
    await page.goto(elsewhereUrl);
    const results = (await page.evaluate(
      ([origin, token]) =>
        (window as unknown as { attempts: (o: string, t: string) => Promise<unknown> }).attempts(
          origin!,
          token!,
        ),
      [target.origin, fresh.searchParams.get("token") ?? ""],
    )) as Record<string, string>;
    const sockets = Object.entries(results).filter(
      ([what]) => what.startsWith("socket") || what.startsWith("flood"),
    );
    expect(sockets.length).toBe(10);
    for (const [what, outcome] of sockets) expect(outcome, what).toMatch(/^closed 1006$/);
    // The console page cannot be framed (frame-ancestors 'none'), and a no-cors answer is opaque.
    expect(results["frame of the console"]).toMatch(/^(not readable|readable 0|pending)$/);
    expect(results["fetch POST /api"]).toMatch(/^(answered opaque|failed TypeError)$/);
    expect(target.served.alive(), target.served.stderr()).toBe(true);
    await page.close();
    await target.expectStillAnswering();
    // The token the page had is still unspent: the operator can still open the console with it.
    const exchange = await fetch(fresh, { redirect: "manual" });
    expect(exchange.status).toBe(303);
  }, 120_000);
});
