/**
 * The console as a screen left open all day, on the demo cluster in Chromium: the overview of every
 * host, tables whose header stays while they scroll, whose columns sort and whose filter narrows
 * them, the preview as a side sheet beside the row (Escape closes it, focus goes back), and the
 * keyboard; at 1366 and 1024 px wide, with screenshots in English and Chinese.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import { CHROMIUM } from "./support/launch-chromium.ts";
import { RESULTS_DIR } from "./support/renderer-build.ts";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";
import { expectEvery } from "../support/expect-every.ts";

const WAIT = { timeout: 30_000 };
const WIDTHS = [1366, 1024] as const;
const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("the console's tables, preview, overview and keyboard (Chromium)", () => {
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openBrowserConsole(undefined, { viewport: { width: 1366, height: 800 }, locale: "en-US" });
    ({ page, pageErrors } = opened);
    await page.locator('[data-testid="host-item"]').nth(2).waitFor(WAIT);
  }, 120_000);

  afterAll(() => opened?.close());

  for (const width of WIDTHS) {
    describe(`at ${width} px`, () => {
      beforeAll(async () => {
        await page.setViewportSize({ width, height: 800 });
        await selectHost(page, "demo-dr-1");
      });

      it("lists every demo host in the overview with its role", async () => {
        const rows = page.locator('[data-testid="overview-row"]');
        await page.waitForFunction(
          () =>
            Array.from(document.querySelectorAll('[data-testid="overview-role"]')).filter((cell) =>
              /IPVS director|HAProxy/.test(cell.textContent ?? ""),
            ).length === 3,
          undefined,
          WAIT,
        );
        expect(
          await rows.evaluateAll((items) => items.map((item) => item.getAttribute("data-host-id"))),
        ).toEqual(["demo-nat-1", "demo-dr-1", "demo-haproxy-1"]);
        const roles = await page.locator('[data-testid="overview-role"]').allTextContents();
        expect(roles[0]).toContain("IPVS director");
        expect(roles[2]).toContain("HAProxy");
        expect(await page.locator('[data-testid="overview-vips"]').first().textContent()).toMatch(
          /\d+\.\d+\.\d+\.\d+/,
        );
      });

      it("keeps the header in view after scrolling the long table, and fits the width without clipping", async () => {
        const scroller = page.locator('[data-testid="ipvs-scroll"]');
        await scroller.locator('[data-testid="real-server-row"]').nth(40).waitFor(WAIT);
        await scroller.evaluate((element) => {
          element.scrollTop = element.scrollHeight / 2;
        });
        await page.waitForFunction(() => {
          const scroll = document.querySelector('[data-testid="ipvs-scroll"]');
          return scroll !== null && scroll.scrollTop > 300;
        });
        const header = await page.locator('[data-testid="ipvs-scroll"] thead th').first().boundingBox();
        const box = await scroller.boundingBox();
        expect(header).not.toBeNull();
        expect(box).not.toBeNull();
        // The header sits at the top of the scrolled panel, not 300+ px above it.
        expect(Math.abs((header?.y ?? 0) - (box?.y ?? 0))).toBeLessThan(4);
        // No column is cut: the table is no wider than its panel, and the quiescent tag is whole.
        const overflow = await scroller.evaluate((element) => element.scrollWidth - element.clientWidth);
        expect(overflow).toBeLessThanOrEqual(1);
        const tag = page.locator('[data-testid="real-server-row"] .tag.quiescent:visible').first();
        await tag.scrollIntoViewIfNeeded();
        const tagBox = await tag.boundingBox();
        expect(tagBox).not.toBeNull();
        expect((tagBox?.x ?? 0) + (tagBox?.width ?? 0)).toBeLessThanOrEqual(
          (box?.x ?? 0) + (box?.width ?? 0) + 1,
        );
        await page.screenshot({ path: path.join(RESULTS_DIR, `console-en-${width}-scrolled.png`) });
        await scroller.evaluate((element) => {
          element.scrollTop = 0;
        });
      });

      it("sorts by a column on click (aria-sort), both ways", async () => {
        const service = page.locator('[data-testid="service"]').first();
        const header = page.locator('[data-testid="ipvs-scroll"] th[data-column="active"]');
        await page.locator('[data-testid="sort-active"]').click();
        expect(await header.getAttribute("aria-sort")).toBe("ascending");
        const ascending = await activeCounts(service);
        expect(ascending.length).toBeGreaterThan(10);
        expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
        await page.locator('[data-testid="sort-active"]').click();
        expect(await header.getAttribute("aria-sort")).toBe("descending");
        const descending = await activeCounts(service);
        expect(descending).toEqual([...descending].sort((a, b) => b - a));
        expect(
          await page.locator('[data-testid="ipvs-scroll"] th[data-column="cps"]').getAttribute("aria-sort"),
        ).toBe("none");
      });

      it("narrows the rows with the filter, by address and by state", async () => {
        const all = await page.locator('[data-testid="real-server-row"]').count();
        const filter = page.locator('[data-testid="ipvs-filter"]');
        const endpoint = await page.locator('[data-testid="rs-endpoint"]').first().textContent();
        expect(endpoint).toMatch(/:\d+$/);
        await filter.fill(endpoint ?? "");
        await page.waitForFunction(
          (before) => document.querySelectorAll('[data-testid="real-server-row"]').length < before,
          all,
        );
        const shown = await page.locator('[data-testid="rs-endpoint"]').allTextContents();
        expectEvery(shown, (text) => text.includes(endpoint ?? "?"), "filtered rows");
        await filter.fill("quiescent");
        await page.waitForFunction(
          () => document.querySelectorAll('[data-testid="real-server-row"]').length >= 1,
        );
        const quiescent = page.locator('[data-testid="real-server-row"]');
        expect(await quiescent.count()).toBe(await page.locator('[data-testid="rs-quiescent"]').count());
        await filter.fill("");
        await page.waitForFunction(
          (before) => document.querySelectorAll('[data-testid="real-server-row"]').length === before,
          all,
        );
      });

      it("opens the preview beside the row without moving the table; Escape closes it and focus returns", async () => {
        const scroller = page.locator('[data-testid="ipvs-scroll"]');
        await scroller.evaluate((element) => {
          element.scrollTop = 600;
        });
        // Sort by address: a live sort by connections would move the rows under the pointer.
        while ((await page.locator('th[data-column="endpoint"]').getAttribute("aria-sort")) !== "ascending") {
          await page.locator('[data-testid="sort-endpoint"]').click();
        }
        const endpoint = await page
          .locator('[data-testid="real-server-row"]')
          .filter({ has: page.locator('[data-testid="rs-drain"]') })
          .nth(20)
          .getAttribute("data-endpoint");
        const row = page.locator(`[data-testid="real-server-row"][data-endpoint="${endpoint}"]`).first();
        const drain = row.locator('[data-testid="rs-drain"]');
        await drain.scrollIntoViewIfNeeded();
        const before = {
          box: await row.boundingBox(),
          top: await scroller.evaluate((element) => element.scrollTop),
        };
        const pageScroll = await page.evaluate(() => window.scrollY);
        await drain.click();
        const sheet = page.locator('[data-testid="action-panel"][data-phase="preview"]');
        await sheet.waitFor(WAIT);
        // The table did not jump, and the sheet is in view beside the row.
        expect(await scroller.evaluate((element) => element.scrollTop)).toBe(before.top);
        expect(await page.evaluate(() => window.scrollY)).toBe(pageScroll);
        const after = await row.boundingBox();
        expect(Math.abs((after?.y ?? 0) - (before.box?.y ?? 0))).toBeLessThan(2);
        const sheetBox = await sheet.boundingBox();
        expect(sheetBox?.y).toBe(0);
        expect((sheetBox?.x ?? 0) + (sheetBox?.width ?? 0)).toBeLessThanOrEqual(width + 1);
        expect(await sheet.locator('[data-testid="action-apply"]').isVisible()).toBe(true);
        // Focus went into the sheet, and Tab stays inside it.
        expect(await sheet.evaluate((element) => element.contains(document.activeElement))).toBe(true);
        for (let index = 0; index < 12; index++) {
          await page.keyboard.press("Tab");
          expect(await sheet.evaluate((element) => element.contains(document.activeElement))).toBe(true);
        }
        await page.screenshot({ path: path.join(RESULTS_DIR, `console-en-${width}-preview.png`) });
        await page.keyboard.press("Escape");
        await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });
        expect(await drain.evaluate((element) => element === document.activeElement)).toBe(true);
      });

      it("moves between hosts, focuses the filter and lists the shortcuts from the keyboard", async () => {
        await page.locator("body").click({ position: { x: 5, y: 5 } });
        await page.keyboard.press("j");
        await page.locator('[data-testid="host-view"][data-host-id="demo-haproxy-1"]').waitFor(WAIT);
        await page.keyboard.press("k");
        await page
          .locator('[data-testid="host-view"][data-host-id="demo-dr-1"] [data-testid="snapshot"]')
          .waitFor(WAIT);
        await page.keyboard.press("/");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
          "ipvs-filter",
        );
        // Typed into the filter, "j" is a letter, not a shortcut.
        await page.keyboard.press("j");
        expect(await page.locator('[data-testid="ipvs-filter"]').inputValue()).toBe("j");
        await page.locator('[data-testid="ipvs-filter"]').fill("");
        await page.locator('[data-testid="host-view-title"]').click();
        await page.keyboard.press("?");
        const help = page.locator('[data-testid="shortcut-help"]');
        await help.waitFor(WAIT);
        expect(await help.locator('[data-testid="shortcut-row"]').count()).toBeGreaterThanOrEqual(6);
        await page.keyboard.press("Escape");
        await help.waitFor({ state: "detached", ...WAIT });
        await page.keyboard.press("a");
        expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("audit");
      });
    });
  }

  it("reads well in Chinese too (screenshots at 1366 and 1024)", async () => {
    await page.locator('[data-testid="language-switch"]').selectOption("zh-CN");
    await page.locator('[data-testid="overview"]').filter({ hasText: "概览" }).waitFor(WAIT);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 800 });
      await selectHost(page, "demo-dr-1");
      await page.screenshot({ path: path.join(RESULTS_DIR, `console-zh-CN-${width}.png`), fullPage: true });
      await selectHost(page, "demo-haproxy-1");
      await page.screenshot({
        path: path.join(RESULTS_DIR, `console-zh-CN-${width}-haproxy.png`),
        fullPage: true,
      });
    }
    await page.locator('[data-testid="language-switch"]').selectOption("en");
    expect(pageErrors).toEqual([]);
  });
});

async function selectHost(page: Page, hostId: string): Promise<void> {
  await page.locator(`[data-testid="host-item"][data-host-id="${hostId}"]`).click();
  await page
    .locator(`[data-testid="host-view"][data-host-id="${hostId}"] [data-testid="snapshot"]`)
    .waitFor(WAIT);
}

async function activeCounts(service: ReturnType<Page["locator"]>): Promise<number[]> {
  const texts = await service.locator('[data-testid="rs-active"]').allTextContents();
  return texts.map((text) => Number(text.replace(/[^\d]/g, "")));
}
