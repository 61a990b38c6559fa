/**
 * Browser mode end to end: the built renderer served by the real web server, in Debian's Chromium
 * driven by playwright-core, against an in-memory test registry behind the real handler seam.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "./support/launch-chromium.ts";
import { buildRenderer, collectPageErrors, RESULTS_DIR, WEB_DIR } from "./support/renderer-build.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyInventoryHandlers } from "./support/empty-inventory-handlers.ts";
import { createEventHub } from "../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../core/carrier/web-server.ts";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";
import { testSnapshot } from "../unit/carrier/test-snapshot.ts";
import { busyNatSnapshot } from "../unit/carrier/view-model/lb-test-snapshots.ts";
import { createTestRegistry } from "./test-registry.ts";

const staticDir = WEB_DIR;
const resultsDir = RESULTS_DIR;
/** Upper bound for any one wait on the page; the page normally answers in milliseconds. */
const WAIT = { timeout: 15_000 };

const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("browser mode shell (Chromium)", () => {
  const registry = createTestRegistry();
  const events = createEventHub();
  let server: RunningWebServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    buildRenderer();
    await mkdir(resultsDir, { recursive: true });
    // lb1 is a NAT director with a saturated eth0, HAProxy and keepalived, and two failed sections.
    registry.snapshots.set("lb1", busyNatSnapshot());
    server = await startWebServer({ handlers: registry.handlers, events, staticDir });
    browser = await launchChromium();
    // A context of its own (not browser.newPage()), so the test can open a second tab in it.
    page = await (await browser.newContext({ viewport: { width: 1200, height: 700 } })).newPage();
    pageErrors = collectPageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows the top bar with the DEMO badge and the host list with session states", async () => {
    await page.goto(server.url);
    await expectText(page, '[data-testid="app-title"]', "Fulcrum");
    // The one-time token was exchanged for an HttpOnly session cookie and is gone from the address bar.
    expect(page.url()).toBe(`${server.origin}/`);
    expect(await page.evaluate(() => document.cookie)).toBe("");
    const [cookie] = await page.context().cookies(server.origin);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
    expect(server.url).not.toContain(cookie?.value ?? "none");
    await expectText(page, '[data-testid="demo-badge"]', "DEMO");
    await expectText(page, '[data-testid="demo-banner"]', "Demo cluster: simulated hosts, no real traffic");

    const hosts = page.locator('[data-testid="host-item"]');
    await hosts.nth(1).waitFor(WAIT);
    expect(await hosts.locator('[data-testid="host-label"]').allTextContents()).toEqual([
      "lb1.test",
      "lb2.test",
    ]);
    expect(await hosts.locator('[data-testid="host-state"]').allTextContents()).toEqual([
      "Connected",
      "Connecting…",
    ]);
  });

  it("renders the selected host's snapshot as services with their real servers", async () => {
    await page.locator('[data-testid="service-table"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="service-label"]').allTextContents()).toEqual([
      "TCP 192.0.2.10:443",
      "TCP 192.0.2.20:80",
    ]);

    const nat = page.locator('[data-testid="service"][data-service="TCP 192.0.2.10:443"]');
    expect(await nat.locator('[data-testid="rs-endpoint"]').allTextContents()).toEqual([
      "10.0.0.9:443",
      "10.0.0.10:443",
    ]);
    const busy = nat.locator('[data-testid="real-server-row"][data-endpoint="10.0.0.10:443"]');
    expect(
      await cells(busy, [
        "rs-forward",
        "rs-weight",
        "rs-active",
        "rs-inactive",
        "rs-cps",
        "rs-in-bps",
        "rs-out-bps",
      ]),
    ).toEqual(["NAT", "100", "1,234", "56", "2/s", "9.00 kB/s", "250 kB/s"]);
    expect(await nat.locator('[data-testid="inbound-only"]').count()).toBe(0);
    // 2 of the service's conn/s is unknown for 10.0.0.9 (no counters), so no traffic share; weights 100 of 150.
    expect(await cells(busy, ["rs-traffic-share", "rs-weight-share"])).toEqual(["—", "67 %"]);
    expect(await nat.locator('[data-testid="rs-quiescent"]').count()).toBe(0);

    const dr = page.locator('[data-testid="service"][data-service="TCP 192.0.2.20:80"]');
    await expectText(dr, '[data-testid="inbound-only"]', "inbound only");
    expect(await cells(dr.locator('[data-testid="real-server-row"]'), ["rs-forward", "rs-out-bps"])).toEqual([
      "DR",
      "—",
    ]);
  });

  it("shows the NAT director's NIC bottleneck, HAProxy servers, VRRP instances and failed sections", async () => {
    await expectText(
      page,
      '[data-testid="nic-warning"][data-nic="eth0"]',
      "WARNING NAT: every reply crosses this director; its NIC is the bottleneck at 90 % (eth0, 1 Gbit/s)",
    );
    expect(await page.locator('[data-testid="nic-warning"]').count()).toBe(1);
    expect(await page.locator('[data-testid="nic-note"]').count()).toBe(0);
    expect(await page.locator('[data-testid="nic-name"]').allTextContents()).toEqual(["eth0", "eth1"]);
    const eth0 = page.locator('[data-testid="nic-row"][data-nic="eth0"]');
    expect(await cells(eth0, ["nic-rx", "nic-tx", "nic-speed", "nic-utilisation"])).toEqual([
      "400 Mbit/s",
      "900 Mbit/s",
      "1 Gbit/s",
      "rx 40 % · tx 90 %",
    ]);
    await page.locator('[data-testid="nic-show-all"]').check();
    expect(await page.locator('[data-testid="nic-name"]').allTextContents()).toEqual([
      "lo",
      "eth0",
      "eth1",
      "veth12ab",
    ]);
    await page.locator('[data-testid="nic-show-all"]').uncheck();

    const app = page.locator('[data-testid="haproxy-backend"][data-proxy="be_app"]');
    expect(await app.locator('[data-testid="haproxy-server-name"]').allTextContents()).toEqual([
      "app1",
      "app2",
      "app3",
    ]);
    const statuses = app.locator('[data-testid="haproxy-server"] [data-testid="haproxy-status"]');
    expect(await statuses.allTextContents()).toEqual(["UP", "DRAIN", "MAINT"]);
    expect(await statuses.evaluateAll((spans) => spans.map((span) => span.className))).toEqual([
      "status ok",
      "status drain",
      "status maint",
    ]);
    expect(
      await cells(app.locator('[data-testid="haproxy-server"][data-server="app1"]'), [
        "haproxy-weight",
        "haproxy-sessions",
        "haproxy-session-rate",
        "haproxy-in-bps",
        "haproxy-out-bps",
        "haproxy-check",
      ]),
    ).toEqual(["100", "60", "25/s", "12.0 kB/s", "3.40 MB/s", "L7OK"]);
    expect(await page.locator('[data-testid="haproxy-backend-name"]').allTextContents()).toEqual([
      "be_app",
      "be_static",
    ]);

    const vrrp = page.locator('[data-testid="vrrp-panel"]');
    expect(await vrrp.locator('[data-testid="vrrp-name"]').allTextContents()).toEqual(["VI_WEB", "VI_DB"]);
    expect(
      await cells(vrrp.locator('[data-testid="vrrp-instance"][data-instance="VI_DB"]'), [
        "vrrp-state",
        "vrrp-priority",
        "vrrp-effective-priority",
        "vrrp-vips",
      ]),
    ).toEqual(["FAULT", "100", "80", "192.0.2.30"]);

    expect(await page.locator('[data-testid="section-problem"]').allTextContents()).toEqual([
      "ipvsadm-stats: Can't initialize ipvs: Permission denied (you must be root?) (exit 2)",
      "haproxy: expected 80 fields, found 12 (line 4, could not parse)",
    ]);
    await page.locator('[data-testid="traffic-chart"]').waitFor(WAIT);
    await page.screenshot({ path: path.join(resultsDir, "shell-lb-panels.png"), fullPage: true });
  });

  it("greys a stale snapshot with its age, explains a /proc-only IPVS table and labels weight 0 quiescent", async () => {
    const base = busyNatSnapshot();
    const stale = busyNatSnapshot({ at: base.at + 1_000, stale: true, ipvsSource: "proc", problems: [] });
    for (const service of stale.services) {
      delete service.rates;
      for (const server of service.realServers) delete server.rates;
    }
    const quiet = stale.services[0]?.realServers.find((server) => server.address === "10.0.0.10");
    if (!quiet) throw new Error("test snapshot changed shape");
    quiet.weight = 0;
    registry.snapshots.set("lb1", stale);
    events.emit("sampleReceived", stale);

    // The fixture is from 2023, so its age is in days.
    await page
      .locator('[data-testid="snapshot-stale"]')
      .filter({ hasText: /^stale · \d+ d \d+ h old$/ })
      .waitFor(WAIT);
    expect(await page.locator('[data-testid="snapshot"]').getAttribute("data-stale")).toBe("true");
    expect(await page.locator('[data-testid="ipvs-source-proc"]').textContent()).toMatch(
      /^Read from \/proc\/net\/ip_vs: this host gave Fulcrum no privilege to run ipvsadm/,
    );
    const row = page.locator('[data-testid="real-server-row"][data-endpoint="10.0.0.10:443"]');
    expect(await cells(row, ["rs-weight", "rs-quiescent", "rs-traffic-share", "rs-weight-share"])).toEqual([
      "0",
      "quiescent (weight 0)",
      "—",
      "0 %",
    ]);
    expect(await page.locator('[data-testid="section-problem"]').count()).toBe(0);
    await page.screenshot({ path: path.join(resultsDir, "shell-stale-proc.png"), fullPage: true });
  });

  it("updates the table and the host list when the core pushes events", async () => {
    const next = testSnapshot({ at: testSnapshot().at + 2_000, sequence: 8 });
    const busy = next.services[0]?.realServers[0];
    if (!busy) throw new Error("test snapshot changed shape");
    busy.activeConns = 2_048;
    busy.weight = 0;
    registry.snapshots.set("lb1", next);
    events.emit("sampleReceived", next);
    events.emit("hostStateChanged", {
      hostId: "lb2",
      state: { phase: "failed", problem: { code: "authentication-failed", message: "publickey refused" } },
    });

    await expectText(page, '[data-testid="snapshot-sequence"]', "8");
    expect(await page.locator('[data-testid="snapshot-stale"]').count()).toBe(0);
    expect(await page.locator('[data-testid="ipvs-source-proc"]').count()).toBe(0);
    const row = page.locator('[data-testid="real-server-row"][data-endpoint="10.0.0.10:443"]');
    expect(await cells(row, ["rs-weight", "rs-active"])).toEqual(["0", "2,048"]);
    await expectText(
      page,
      '[data-testid="host-item"][data-host-id="lb2"] [data-testid="host-state"]',
      "Failed: publickey refused",
    );

    await page.screenshot({ path: path.join(resultsDir, "shell-browser-mode.png"), fullPage: true });
  });

  it("shows a host that has sent no sample yet as such", async () => {
    await page.locator('[data-testid="host-item"][data-host-id="lb2"]').click();
    await expectText(page, '[data-testid="snapshot-empty"]', "No sample from this host yet");
    expect(await page.locator('[data-testid="service-table"]').count()).toBe(0);
  });

  it("ran without script errors or CSP violations", () => {
    expect(pageErrors).toEqual([]);
  });

  it("opens more tabs in the browser that holds the session, at the bare address", async () => {
    const tab = await page.context().newPage();
    try {
      const response = await tab.goto(`${server.origin}/`);
      expect(response?.status()).toBe(200);
      await tab.locator('[data-testid="host-item"]').nth(1).waitFor(WAIT);
    } finally {
      await tab.close();
    }
  });

  it("gives another browser nothing: not the spent URL, no data, no API", async () => {
    const origin = server.origin;
    // browser.newPage() opens a new context: another browser, without the first one's cookie.
    const stranger = await browser.newPage();
    try {
      const sockets: string[] = [];
      stranger.on("websocket", (socket) => sockets.push(socket.url()));
      const spent = await stranger.goto(server.url);
      expect(spent?.status()).toBe(401);
      expect(await stranger.content()).toContain("already used");
      const response = await stranger.goto(`${origin}/`);
      expect(response?.status()).toBe(401);
      const body = await stranger.content();
      expect(body).not.toContain("lb1.test");
      expect(body).not.toContain("192.0.2.10");
      expect(sockets).toEqual([]);

      // Even a script running on the server's own origin cannot open the API without the session.
      const outcome = await stranger.evaluate(
        (url) =>
          new Promise<string>((resolve) => {
            const socket = new WebSocket(url);
            socket.onopen = () => resolve("open");
            socket.onclose = (event) => resolve(`closed ${event.code}`);
          }),
        `${origin.replace("http:", "ws:")}/api?token=guess`,
      );
      expect(outcome).toBe("closed 1006");
    } finally {
      await stranger.close();
    }
  });

  it("shows the empty state when the core has no hosts", async () => {
    const empty = await startWebServer({
      handlers: createEmptyInventoryHandlers({ version: "0.0.0-e2e", carrier: "browser" }),
      events: createEventHub(),
      staticDir,
    });
    const fresh = await browser.newPage();
    try {
      await fresh.goto(empty.url);
      await expectText(fresh, '[data-testid="host-list-empty"]', "No hosts yet");
      expect(await fresh.locator('[data-testid="host-item"]').count()).toBe(0);
      expect(await fresh.locator('[data-testid="demo-badge"]').count()).toBe(0);
    } finally {
      await fresh.close();
      await empty.close();
    }
  });
});

type Scope = Pick<Page, "locator">;

/** Waits until the element shows exactly `text` (the page renders asynchronously), bounded by WAIT. */
async function expectText(scope: Scope, selector: string, text: string): Promise<void> {
  const element = scope.locator(selector).first();
  try {
    await element.filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) }).waitFor(WAIT);
  } catch {
    expect(await element.textContent({ timeout: 1_000 }).catch(() => "(absent)"), selector).toBe(text);
  }
}

async function cells(row: ReturnType<Scope["locator"]>, testIds: string[]): Promise<string[]> {
  await row.first().waitFor(WAIT);
  return Promise.all(
    testIds.map(async (id) => (await row.locator(`[data-testid="${id}"]`).textContent()) ?? ""),
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
