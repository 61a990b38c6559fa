/**
 * The history range view and the Export dialog on the real app core with its demo cluster (whose
 * history is the simulated week), in browser mode in Debian's Chromium: pick a range, see the
 * chart read history, export reports through the dialog and read the downloaded files.
 */
import { mkdir, readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import { CHROMIUM } from "./support/launch-chromium.ts";

const WAIT = { timeout: 30_000 };
const SHOTS = "/tmp/history-ui-shots";
const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("history ranges and report export (demo, Chromium)", () => {
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    await mkdir(SHOTS, { recursive: true });
    opened = await openBrowserConsole(undefined, { viewport: { width: 1366, height: 900 } });
    ({ page, pageErrors } = opened);
    await page.locator('[data-testid="host-item"][data-host-id="demo-nat-1"]').click();
    await page
      .locator('[data-testid="host-view"][data-host-id="demo-nat-1"] [data-testid="history-panel"]')
      .waitFor(WAIT);
  }, 180_000);

  afterAll(() => opened?.close());

  const chart = () => page.locator('[data-testid="history-chart"]');
  const chartState = async () => ({
    points: Number(await chart().getAttribute("data-points")),
    spanMs: Number(await chart().getAttribute("data-span-ms")),
    resolution: await chart().getAttribute("data-resolution"),
  });

  it("starts live, and a 7-day range reads the demo's week from 1-minute rollups, marked DEMO, with its events", async () => {
    expect(await page.locator('[data-testid="history-panel"]').getAttribute("data-range")).toBe("live");
    await page.locator('[data-testid="traffic-chart"]').waitFor(WAIT);

    await page.locator('[data-testid="range-7d"]').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="history-chart"]')?.getAttribute("data-points")) > 50,
      undefined,
      WAIT,
    );
    expect(await chartState()).toMatchObject({ resolution: "1m" });
    expect(await page.locator('[data-testid="history-demo"]').textContent()).toBe("DEMO: simulated history");
    expect(await page.locator('[data-testid="history-resolution"]').textContent()).toBe(
      "From 1-minute rollups (step means)",
    );
    const events = await page.locator('[data-testid="history-events"] li').allTextContents();
    expect(events.join("\n")).toMatch(
      /Action: drain 10\.20\.1\.13:8080 in 10\.20\.0\.10:80 \(weight 100 to 0\) \(demo-operator\)/,
    );
    expect(events.join("\n")).toContain("Gap: host unreachable");
    // The chart draws lines and event markers.
    expect(await chart().locator(".recharts-line-curve").count()).toBeGreaterThanOrEqual(3);
    expect(
      await chart().locator(".recharts-reference-line, .recharts-reference-area").count(),
    ).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: `${SHOTS}/range-7d.png`, fullPage: false });
  });

  it("changes the chart for 1 h: raw samples spanning the last hour, not the week", async () => {
    const week = await chartState();
    await page.locator('[data-testid="range-1h"]').click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="history-chart"]')?.getAttribute("data-resolution") === "raw",
      undefined,
      WAIT,
    );
    const hour = await chartState();
    expect(hour.points).toBeGreaterThan(50);
    // The same width of chart now covers one hour, not the week (both ask about as many points).
    expect(week.spanMs).toBeGreaterThan(6 * 24 * 3_600_000);
    expect(hour.spanMs).toBeGreaterThan(50 * 60_000);
    expect(hour.spanMs).toBeLessThanOrEqual(3_600_000);
    expect(await page.locator('[data-testid="history-resolution"]').textContent()).toBe(
      "Exact, from raw samples",
    );
  });

  it("exports HTML and CSV of the last 24 h through the dialog, and the downloaded files read right", async () => {
    await page.locator('[data-testid="range-24h"]').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="history-chart"]')?.getAttribute("data-resolution") === "1m",
      undefined,
      WAIT,
    );
    await page.locator('[data-testid="history-scope"]').selectOption("10.20.0.10:80");
    await page.locator('[data-testid="export-open"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator('[data-testid="export-scope"]').textContent()).toBe("10.20.0.10:80");

    await dialog.locator('[data-testid="export-preview-button"]').click();
    const preview = dialog.locator('[data-testid="export-preview"]');
    await preview.waitFor(WAIT);
    // No script runs in it (no allow-scripts); same-origin only so the console can style it.
    expect(await preview.getAttribute("sandbox")).toBe("allow-same-origin");
    await page.waitForFunction(
      () => {
        const doc = (document.querySelector("[data-testid=export-preview]") as HTMLIFrameElement | null)
          ?.contentDocument;
        return (doc?.adoptedStyleSheets.length ?? 0) > 0;
      },
      undefined,
      WAIT,
    );
    expect(await preview.getAttribute("srcdoc")).toContain("10.20.0.10:80");
    await page.screenshot({ path: `${SHOTS}/export-dialog.png` });

    const htmlDownload = page.waitForEvent("download", WAIT);
    await dialog.locator('[data-testid="export-format-html"]').check();
    await dialog.locator('[data-testid="export-run"]').click();
    const html = await readFile((await (await htmlDownload).path()) as string, "utf8");
    expect((await htmlDownload).suggestedFilename()).toMatch(
      /^fulcrum-demo-nat-1-10\.20\.0\.10_80-.*\.html$/,
    );
    expect(html).toContain("<svg");
    expect(html).toContain("source: demo");
    await dialog.locator('[data-testid="export-done"]').waitFor(WAIT);

    const csvDownload = page.waitForEvent("download", WAIT);
    await dialog.locator('[data-testid="export-format-csv"]').check();
    await dialog.locator('[data-testid="export-run"]').click();
    const csv = await readFile((await (await csvDownload).path()) as string, "utf8");
    const [header, ...rows] = csv.trim().split("\n");
    expect(header).toContain("timestamp");
    expect(rows.length).toBeGreaterThan(100);
    expect(rows.some((row) => row.includes("10.20.0.10:80"))).toBe(true);

    await dialog.locator('[data-testid="export-close"]').click();
    expect(pageErrors).toEqual([]);
  });
});

describe.skipIf(skipReason)("history ranges and the Export dialog in zh-CN (demo, Chromium)", () => {
  let opened: BrowserConsole | undefined;

  afterAll(() => opened?.close());

  it("shows the range view and the dialog in Simplified Chinese", async () => {
    opened = await openBrowserConsole(undefined, { viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
    const { page } = opened;
    await page.locator('[data-testid="host-item"][data-host-id="demo-dr-1"]').click();
    await page.locator('[data-testid="range-7d"]').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="history-chart"]')?.getAttribute("data-points")) > 50,
      undefined,
      WAIT,
    );
    expect(await page.locator('[data-testid="range-7d"]').textContent()).toBe("7 天");
    expect(await page.locator('[data-testid="history-demo"]').textContent()).toBe("演示：模拟的历史数据");
    expect(await page.locator('[data-testid="history-resolution"]').textContent()).toBe(
      "来自 1 分钟汇总（步长均值）",
    );
    expect((await page.locator('[data-testid="history-events"] li').allTextContents()).join("\n")).toContain(
      "漂移告警",
    );
    await page.screenshot({ path: `${SHOTS}/range-7d-zh.png` });
    await page.locator('[data-testid="export-open"]').click();
    const dialog = page.locator('[data-testid="export-dialog"]');
    await dialog.waitFor(WAIT);
    expect(await dialog.locator("h3").textContent()).toBe("导出流量报告");
    expect(await dialog.locator('[data-testid="export-run"]').textContent()).toBe("导出");
    await page.screenshot({ path: `${SHOTS}/export-dialog-zh.png` });
    expect(opened.pageErrors).toEqual([]);
  }, 180_000);
});
