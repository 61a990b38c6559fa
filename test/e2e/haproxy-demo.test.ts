/**
 * HAProxy server actions from the console on the demo cluster, in browser mode in Debian's
 * Chromium: drain a server from its row in the HAProxy table, read the preview (the runtime
 * command and the admin socket), apply, see DRAIN in the table from the next sample, undo it.
 */
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";
import { CHROMIUM } from "./support/launch-chromium.ts";
import { RESULTS_DIR } from "./support/renderer-build.ts";

const WAIT = { timeout: 30_000 };
const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("HAProxy actions on the demo cluster (Chromium)", () => {
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openBrowserConsole();
    ({ page, pageErrors } = opened);
  }, 120_000);

  afterAll(() => opened?.close());

  it("drains app1 from its row: preview with the runtime command, apply, DRAIN in the table, undo", async () => {
    await page.locator('[data-testid="host-item"][data-host-id="demo-haproxy-1"]').click();
    const row = page.locator(
      '[data-testid="host-view"][data-host-id="demo-haproxy-1"] [data-testid="haproxy-backend"][data-proxy="be_app"] [data-testid="haproxy-server"][data-server="app1"]',
    );
    const status = row.locator('[data-testid="haproxy-status"]');
    await status.filter({ hasText: /^UP$/ }).waitFor(WAIT);
    // The state the server is in has its button disabled.
    expect(await row.locator('[data-testid="haproxy-ready"]').isDisabled()).toBe(true);
    await row.locator('[data-testid="haproxy-drain"]').click();

    const panel = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await panel.waitFor(WAIT);
    expect(await panel.locator('[data-testid="action-title"]').textContent()).toBe(
      "Drain: app1 in HAProxy backend be_app",
    );
    expect(await panel.locator('[data-testid="plan-commands"]').textContent()).toBe(
      "set server be_app/app1 state drain",
    );
    expect(await panel.locator('[data-testid="plan-transport"]').textContent()).toBe(
      "socat -t 5 stdio UNIX-CONNECT:/run/haproxy/admin.sock",
    );
    const stateChange = panel.locator('[data-testid="plan-change"][data-field="State"]');
    expect(await stateChange.locator('[data-testid="plan-before"]').textContent()).toBe("ready");
    expect(await stateChange.locator('[data-testid="plan-after"]').textContent()).toBe("drain");
    expect(await panel.locator('[data-testid="plan-warning"][data-code="runtime-only"]').count()).toBe(1);
    // Nothing changed yet.
    expect(await status.textContent()).toBe("UP");

    await panel.locator('[data-testid="action-apply"]').click();
    const result = page.locator('[data-testid="action-result"]');
    await result.waitFor(WAIT);
    expect(await result.getAttribute("data-outcome")).toBe("verified");
    expect(await result.locator('[data-testid="action-command"]').getAttribute("data-status")).toBe(
      "applied",
    );
    await status.filter({ hasText: /^DRAIN$/ }).waitFor(WAIT);
    expect(await status.getAttribute("class")).toBe("status drain");
    expect(await row.locator('[data-testid="haproxy-drain"]').isDisabled()).toBe(true);

    const audit = page.locator('[data-testid="audit-entry"]');
    const drainEntry = audit.filter({ hasText: "HAProxy: drain be_app/app1" });
    await drainEntry.waitFor(WAIT);
    expect(await drainEntry.locator('[data-testid="audit-command"]').textContent()).toBe(
      "set server be_app/app1 state drain",
    );
    await page.screenshot({ path: path.join(RESULTS_DIR, "demo-haproxy-drain.png"), fullPage: true });

    await result.locator('[data-testid="action-undo"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    expect(await page.locator('[data-testid="action-title"]').textContent()).toBe(
      "Undo: Drain: app1 in HAProxy backend be_app",
    );
    await status.filter({ hasText: /^UP$/ }).waitFor(WAIT);
    await audit.filter({ hasText: "HAProxy: ready be_app/app1" }).waitFor(WAIT);
    // Undone already: no second Undo on the drain entry.
    expect(await drainEntry.locator('[data-testid="audit-undo"]').count()).toBe(0);
    await page.locator('[data-testid="action-close"]').click();
    await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });
  }, 120_000);

  it("sets a weight from the row's box and the table shows it", async () => {
    const row = page.locator(
      '[data-testid="host-view"][data-host-id="demo-haproxy-1"] [data-testid="haproxy-server"][data-server="app2"]',
    );
    await row.locator('[data-testid="haproxy-weight-edit"]').click();
    const input = row.locator('[data-testid="haproxy-weight-input"]');
    await input.fill("300");
    expect(await row.locator('[data-testid="haproxy-weight-plan"]').isDisabled()).toBe(true);
    await input.fill("40");
    await row.locator('[data-testid="haproxy-weight-plan"]').click();
    const panel = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await panel.waitFor(WAIT);
    expect(await panel.locator('[data-testid="plan-commands"]').textContent()).toBe(
      "set server be_app/app2 weight 40",
    );
    await panel.locator('[data-testid="action-apply"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await row.locator('[data-testid="haproxy-weight"]', { hasText: /^40$/ }).waitFor(WAIT);
    await page.locator('[data-testid="action-close"]').click();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
