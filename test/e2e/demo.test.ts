/**
 * The real app core with its built-in demo cluster (simulated directors through the production
 * reader, parsers and rates), served in browser mode and read in Debian's Chromium: what an
 * operator sees on first start, before any real host is added.
 */
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import path from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM } from "./support/launch-chromium.ts";
import { RESULTS_DIR } from "./support/renderer-build.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";

const resultsDir = RESULTS_DIR;
/** The demo NAT director ramps up to ~88 % of its NIC over its first few samples (1 s apart here). */
const WAIT = { timeout: 30_000 };

const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("demo cluster in browser mode (Chromium)", () => {
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openBrowserConsole();
    ({ page, pageErrors } = opened);
  }, 120_000);

  afterAll(() => opened?.close());

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
    // The warning shows above 80 %; the figure is rounded to whole percent, so 80.4 % reads "80 %".
    expect(share).toBeGreaterThanOrEqual(80);
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
    // Below 1440 px the state column folds under the address (console-tables.test.ts checks that copy is seen).
    await page
      .locator('[data-testid="rs-quiescent"]')
      .first()
      .waitFor({ state: "attached", ...WAIT });
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

  it("drains a backend from its row: preview, apply, verified, weight 0, no new connections, falling counts, safe to stop, undo", async () => {
    await selectHost(page, "demo-nat-1");
    const row = backendRow(page, "TCP 10.20.0.10:80", "10.20.1.11:8080");
    await row.locator('[data-testid="rs-drain"]').click();

    const panel = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await panel.waitFor(WAIT);
    expect(await panel.locator('[data-testid="plan-commands"]').textContent()).toContain(
      "ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0",
    );
    const weightChange = panel.locator('[data-testid="plan-change"][data-field="Weight"]');
    expect(await weightChange.locator('[data-testid="plan-before"]').textContent()).toBe("100");
    expect(await weightChange.locator('[data-testid="plan-after"]').textContent()).toBe("0");
    const forwardChange = panel.locator('[data-testid="plan-change"][data-field="Forward"]');
    expect(await forwardChange.locator('[data-testid="plan-after"]').textContent()).toBe("NAT");
    const predictions = panel.locator('[data-testid="prediction-row"]');
    expect(await predictions.count()).toBe(8);
    const drained = panel.locator('[data-testid="prediction-row"][data-backend="10.20.1.11:8080"]');
    expect(await drained.locator('[data-testid="prediction-weight"]').textContent()).toBe("0");
    expect(await drained.locator('[data-testid="prediction-share"]').textContent()).toBe("0 %");
    // Nothing has changed yet: the table still shows the old weight while the preview is open.
    expect(await row.locator('[data-testid="rs-weight"]').textContent()).toBe("100");
    expect(await page.locator('[data-testid="action-production"]').count()).toBe(0);

    await panel.locator('[data-testid="action-apply"]').click();
    const result = page.locator('[data-testid="action-result"]');
    await result.waitFor(WAIT);
    expect(await result.getAttribute("data-outcome")).toBe("verified");
    expect(await result.locator('[data-testid="action-outcome"]').textContent()).toBe("verified");
    expect(await result.locator('[data-testid="action-command"]').first().getAttribute("data-status")).toBe(
      "applied",
    );

    await row.locator('[data-testid="rs-weight"]', { hasText: /^0$/ }).waitFor(WAIT);
    await row.locator('[data-testid="rs-undrain"]').waitFor(WAIT);
    // The simulator sends a weight-0 backend no new connections: its rate falls to zero.
    await row.locator('[data-testid="rs-cps"]', { hasText: /^0\/s$/ }).waitFor(WAIT);

    const drain = page.locator('[data-testid="drain"][data-backend="10.20.1.11:8080"]');
    await drain.waitFor(WAIT);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="drain-sample"]').length >= 2,
      undefined,
      WAIT,
    );
    const oldest = await drain.locator('[data-testid="drain-sample"]').last().textContent();
    const firstActive = count(oldest, "active");
    expect(firstActive).toBeGreaterThan(0);
    // Active connections (4 s long in the simulator) end; nothing new replaces them.
    await drain.locator('[data-testid="drain-active"]', { hasText: /^0$/ }).waitFor(WAIT);
    const newestFirst = (await drain.locator('[data-testid="drain-sample"]').allTextContents()).map((text) =>
      count(text, "active"),
    );
    const oldestFirst = newestFirst.reverse();
    // Never rising: the samples, oldest first, are already in descending order.
    expect(oldestFirst.length).toBeGreaterThan(1);
    expect([...oldestFirst].sort((a, b) => b - a)).toEqual(oldestFirst);
    // Issue 13: no active connection left is safe to stop; the TIME_WAIT entries (60 s in the
    // simulator) are closed connections the panel names, not a reason to wait.
    await drain.locator('[data-testid="drain-safe"]').waitFor(WAIT);
    expect(await drain.getAttribute("data-state")).toBe("safe-to-stop");
    const inactive = (await drain.locator('[data-testid="drain-inactive"]').textContent()) ?? "";
    expect(Number(inactive.replace(/\D/g, "")), inactive).toBeGreaterThan(0);
    expect(await drain.locator('[data-testid="drain-message"]').textContent()).toContain(
      "inactive entries are closed connections (TIME_WAIT, FIN_WAIT)",
    );
    await page.screenshot({ path: path.join(resultsDir, "demo-drain-safe.png"), fullPage: true });

    await result.locator('[data-testid="action-undo"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="action-title"]').textContent()).toContain(
      "Undo: Drain 10.20.1.11:8080",
    );
    await row.locator('[data-testid="rs-weight"]', { hasText: /^100$/ }).waitFor(WAIT);
    await row.locator('[data-testid="rs-drain"]').waitFor(WAIT);
    expect(await drain.count()).toBe(0);

    const audit = page.locator('[data-testid="audit-entry"]');
    await audit.filter({ hasText: "Undrain 10.20.1.11:8080 in 10.20.0.10:80" }).waitFor(WAIT);
    const drainEntry = audit
      .filter({ hasText: "Drain 10.20.1.11:8080 in 10.20.0.10:80" })
      .filter({ hasNotText: "Undrain" });
    expect(await drainEntry.count()).toBe(1);
    expect(await drainEntry.locator('[data-testid="audit-result"]').textContent()).toBe("verified");
    expect(await drainEntry.locator('[data-testid="audit-command"]').textContent()).toBe(
      "ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0",
    );
    // Undone already: no second Undo on the drain; the undrain itself can be undone.
    expect(await drainEntry.locator('[data-testid="audit-undo"]').count()).toBe(0);
    const undrainEntry = audit.filter({ hasText: "Undrain 10.20.1.11:8080 in 10.20.0.10:80" });
    expect(await undrainEntry.locator('[data-testid="audit-undo"]').count()).toBe(1);
    expect(await undrainEntry.locator('[data-testid="audit-command"]').textContent()).toBe(
      "ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 100",
    );
    await page.locator('[data-testid="action-close"]').click();
    await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });
  }, 180_000);

  it("asks for the typed service key before draining the last weighted backend of 10.20.0.11:443", async () => {
    await selectHost(page, "demo-nat-1");
    const service = "TCP 10.20.0.11:443";
    for (const backend of ["10.20.2.11:443", "10.20.2.12:443"]) {
      await backendRow(page, service, backend).locator('[data-testid="rs-drain"]').click();
      const preview = page.locator('[data-testid="action-panel"][data-phase="preview"]');
      await preview.waitFor(WAIT);
      expect(await preview.locator('[data-testid="plan-commands"]').textContent()).toContain(
        `ipvsadm -e -t 10.20.0.11:443 -r ${backend} -m -w 0`,
      );
      await preview.locator('[data-testid="action-apply"]').click();
      await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
      await backendRow(page, service, backend)
        .locator('[data-testid="rs-weight"]', { hasText: /^0$/ })
        .waitFor(WAIT);
    }

    await backendRow(page, service, "10.20.2.13:443").locator('[data-testid="rs-drain"]').click();
    const confirm = page.locator('[data-testid="action-panel"][data-phase="confirm"]');
    await confirm.waitFor(WAIT);
    expect(
      await confirm.locator('[data-testid="action-guard"][data-code="last-weighted-backend"]').textContent(),
    ).toContain("10.20.2.13:443 is the last backend of 10.20.0.11:443 with a weight");
    expect(await confirm.locator('[data-testid="confirm-text"]').textContent()).toBe("10.20.0.11:443");
    const apply = confirm.locator('[data-testid="action-apply"]');
    expect(await apply.isDisabled()).toBe(true);
    // A near miss (the other service's key) keeps Apply disabled.
    await confirm.locator('[data-testid="confirm-input"]').fill("10.20.0.10:80");
    expect(await page.locator('[data-testid="action-panel"]').getAttribute("data-phase")).toBe("confirm");
    expect(await apply.isDisabled()).toBe(true);
    await page.screenshot({ path: path.join(resultsDir, "demo-confirm.png"), fullPage: true });

    await confirm.locator('[data-testid="confirm-input"]').fill("10.20.0.11:443");
    const preview = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await preview.waitFor(WAIT);
    expect(await preview.locator('[data-testid="action-confirmed"]').textContent()).toContain(
      "10.20.0.11:443",
    );
    expect(await preview.locator('[data-testid="plan-confirmed-guards"]').textContent()).toContain(
      "last backend",
    );
    expect(await preview.locator('[data-testid="action-apply"]').isEnabled()).toBe(true);
    // Not applied: Cancel leaves the third backend weighted.
    await preview.locator('[data-testid="action-cancel"]').click();
    await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });
    expect(
      await backendRow(page, service, "10.20.2.13:443").locator('[data-testid="rs-weight"]').textContent(),
    ).toBe("1");

    // Undo from the Audit panel puts the second backend back.
    const entry = page
      .locator('[data-testid="audit-entry"]')
      .filter({ hasText: "Drain 10.20.2.12:443 in 10.20.0.11:443" });
    await entry.locator('[data-testid="audit-undo"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await backendRow(page, service, "10.20.2.12:443")
      .locator('[data-testid="rs-weight"]', { hasText: /^1$/ })
      .waitFor(WAIT);
  }, 120_000);

  it("sets a weight from the row's inline box, refusing a weight ipvsadm would not take", async () => {
    await selectHost(page, "demo-nat-1");
    const row = backendRow(page, "TCP 10.20.0.10:80", "10.20.1.12:8080");
    await row.locator('[data-testid="rs-weight-edit"]').click();
    const input = row.locator('[data-testid="rs-weight-input"]');
    await input.fill("70000");
    expect(await row.locator('[data-testid="rs-weight-plan"]').isDisabled()).toBe(true);
    // The reason is shown next to the field, not only in a tooltip.
    expect(await row.locator('[data-testid="rs-weight-error"]').textContent()).toBe(
      "The largest weight ipvsadm takes is 65535.",
    );
    await input.fill("50");
    await row.locator('[data-testid="rs-weight-plan"]').click();
    const preview = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await preview.waitFor(WAIT);
    expect(await preview.locator('[data-testid="plan-commands"]').textContent()).toContain(
      "ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.12:8080 -m -w 50",
    );
    await preview.locator('[data-testid="action-cancel"]').click();
    await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });
    expect(await row.locator('[data-testid="rs-weight"]').textContent()).toBe("100");
  });

  it("ran without script errors or CSP violations", () => {
    expect(pageErrors).toEqual([]);
  });
});

function backendRow(page: Page, service: string, endpoint: string) {
  return page.locator(
    `[data-testid="service"][data-service="${service}"] [data-testid="real-server-row"][data-endpoint="${endpoint}"]`,
  );
}

/** "12:00:01: 25 active, 3 inactive" -> 25 for "active". */
function count(text: string | null, what: "active" | "inactive"): number {
  const match = (what === "active" ? /([\d,]+) active/ : /([\d,]+) inactive/).exec(text ?? "");
  return match?.[1] ? Number(match[1].replaceAll(",", "")) : Number.NaN;
}

async function selectHost(page: Page, hostId: string): Promise<void> {
  await page.locator(`[data-testid="host-item"][data-host-id="${hostId}"]`).click();
  await page
    .locator(`[data-testid="host-view"][data-host-id="${hostId}"] [data-testid="snapshot"]`)
    .waitFor(WAIT);
}
