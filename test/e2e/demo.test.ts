/**
 * The real app core with its built-in demo cluster (simulated directors through the production
 * reader, parsers and rates), served in browser mode and read in Debian's Chromium: what an
 * operator sees on first start, before any real host is added.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "./support/launch-chromium.ts";
import { buildRenderer, collectPageErrors, RESULTS_DIR, WEB_DIR } from "./support/renderer-build.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAppCore, type AppCore } from "../../core/app/app-core.ts";
import { createEventHub } from "../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../core/carrier/web-server.ts";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";

const resultsDir = RESULTS_DIR;
/** The demo NAT director ramps up to ~88 % of its NIC over its first few samples (1 s apart here). */
const WAIT = { timeout: 30_000 };

const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("demo cluster in browser mode (Chromium)", () => {
  const events = createEventHub();
  let core: AppCore | undefined;
  let server: RunningWebServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    buildRenderer();
    await mkdir(resultsDir, { recursive: true });
    core = createAppCore({
      info: { version: "test", carrier: "browser" },
      events,
      hosts: [],
      demoIntervalSeconds: 1,
    });
    core.start();
    server = await startWebServer({
      handlers: core.handlers,
      events,
      staticDir: WEB_DIR,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    pageErrors = collectPageErrors(page);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    core?.stop();
    await server?.close();
  });

  it("lists the three demo hosts, each marked demo, under the demo banner", async () => {
    await page
      .locator('[data-testid="demo-banner"]')
      .filter({ hasText: "Demo cluster: simulated hosts, no real traffic" })
      .waitFor(WAIT);
    await page.locator('[data-testid="demo-badge"]').waitFor(WAIT);
    const hosts = page.locator('[data-testid="host-item"]');
    await hosts.nth(2).waitFor(WAIT);
    expect(
      await hosts.evaluateAll((items) => items.map((item) => item.getAttribute("data-host-id"))),
    ).toEqual(["demo-nat-1", "demo-dr-1", "demo-haproxy-1"]);
    expect(await hosts.locator('[data-testid="host-demo-tag"]').allTextContents()).toEqual([
      "demo",
      "demo",
      "demo",
    ]);
  });

  it("warns that demo-nat-1's NIC is the bottleneck, with live numbers that move", async () => {
    await selectHost(page, "demo-nat-1");
    const warning = page.locator('[data-testid="nic-warning"]').filter({ hasText: /bottleneck at \d+ %/ });
    await warning.waitFor(WAIT);
    const share = Number(/bottleneck at (\d+) %/.exec((await warning.textContent()) ?? "")?.[1]);
    expect(share).toBeGreaterThan(80);
    expect(share).toBeLessThanOrEqual(100);
    expect(await warning.textContent()).toContain(
      "NAT: every reply crosses this director; its NIC is the bottleneck at",
    );

    const live = '[data-testid="nic-row"], [data-testid="service-row"], [data-testid="snapshot-sequence"]';
    const first = await page.locator(live).allTextContents();
    expect(first.join(" ")).toMatch(/\d+(\.\d+)? Mbit\/s/);
    // Bounded by WAIT: a new sample arrives every second and moves the sequence and the rates.
    await page.waitForFunction(
      ({ selector, before }) =>
        Array.from(document.querySelectorAll(selector), (node) => node.textContent).join("|") !== before,
      { selector: live, before: first.join("|") },
      WAIT,
    );
    const second = await page.locator(live).allTextContents();
    expect(second).not.toEqual(first);
    expect(second.join(" ")).toMatch(/\d+(\.\d+)? Mbit\/s/);

    // The chart has gathered points and drawn them.
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="traffic-chart"]')?.getAttribute("data-points")) >= 4,
      undefined,
      WAIT,
    );
    await page.locator('[data-testid="traffic-chart"] .recharts-line').first().waitFor(WAIT);
    await page.screenshot({ path: path.join(resultsDir, "demo.png"), fullPage: true });
  });

  it("notes that replies bypass the DR director and labels its weight-0 backend quiescent", async () => {
    await selectHost(page, "demo-dr-1");
    await page.locator('[data-testid="nic-note"]').filter({ hasText: "bypass this director" }).waitFor(WAIT);
    expect(await page.locator('[data-testid="nic-warning"]').count()).toBe(0);
    await page.locator('[data-testid="rs-quiescent"]').first().waitFor(WAIT);
    expect(await page.locator('[data-testid="rs-quiescent"]').allTextContents()).toContain(
      "quiescent (weight 0)",
    );
    await page.screenshot({ path: path.join(resultsDir, "demo-dr.png"), fullPage: true });
  });

  it("shows demo-haproxy-1's draining server", async () => {
    await selectHost(page, "demo-haproxy-1");
    const draining = page.locator('[data-testid="haproxy-server"]').filter({
      has: page.locator('[data-testid="haproxy-status"]', { hasText: /^DRAIN$/ }),
    });
    await draining.first().waitFor(WAIT);
    expect(await draining.locator('[data-testid="haproxy-status"]').first().getAttribute("class")).toBe(
      "status drain",
    );
    await page.screenshot({ path: path.join(resultsDir, "demo-haproxy.png"), fullPage: true });
  });

  it("ran without script errors or CSP violations", () => {
    expect(pageErrors).toEqual([]);
  });
});

async function selectHost(page: Page, hostId: string): Promise<void> {
  await page.locator(`[data-testid="host-item"][data-host-id="${hostId}"]`).click();
  await page
    .locator(`[data-testid="host-view"][data-host-id="${hostId}"] [data-testid="snapshot"]`)
    .waitFor(WAIT);
}
