/**
 * Both languages on the real demo, in Debian's Chromium: a browser that asks for zh-CN gets the
 * console in Simplified Chinese without touching the switch, and no visible string of the main
 * views (hosts, NIC header, chart, IPVS table, HAProxy table, VRRP, preview, weight box, audit)
 * is left in English. Text is collected from the page as rendered: every visible text node and the
 * title / aria-label / placeholder attributes, minus machine text (<code>, <pre>: commands, keys)
 * and text the page itself declares English (lang="en": the core's free text, a language's own
 * name). Whatever ASCII word is left must be in UNTRANSLATABLE below.
 */
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowserConsole, type BrowserConsole } from "./support/browser-console.ts";
import { CHROMIUM } from "./support/launch-chromium.ts";
import { RESULTS_DIR } from "./support/renderer-build.ts";
import { executable, missingPrerequisites } from "../support/prerequisites.ts";

const WAIT = { timeout: 30_000 };
const HOSTS = ["demo-nat-1", "demo-dr-1", "demo-haproxy-1"] as const;

/**
 * Words that stay as they are in a Chinese console, each for a reason: acronyms and product names
 * operators use untranslated, SI unit symbols, HAProxy's and keepalived's own state words (what
 * `show stat` and the logs print, so an operator can match them), IPVS scheduler names, and the
 * demo's own names (hosts, interfaces, HAProxy backends and servers, VRRP instances).
 */
const UNTRANSLATABLE = new Set(
  [
    // Products, protocols, forwarding methods, tools
    "Fulcrum IPVS LVS HAProxy keepalived VRRP NAT DR TUN FULLNAT SNAT TCP UDP SCTP FWM IP SSH ssh NIC ipvsadm",
    // SI unit symbols, and the conn/s, sess/s the tables use beside their Chinese headers
    "s B kB MB GB TB PB bit kbit Mbit Gbit Tbit conn sess",
    // HAProxy `show stat` states ("no check" included) and keepalived states, as the tools print them
    "UP DOWN DRAIN MAINT NOLB OPEN no check MASTER BACKUP FAULT INIT STOP",
    // IPVS schedulers
    "rr wrr lc wlc lblc lblcr dh sh sed nq mh fo ovf twos",
    // The demo's names, the test's version string, and the OS user in the audit log
    "demo nat dr haproxy static test " + os.userInfo().username,
  ].flatMap((group) => group.split(" ")),
);

/** Interface names (eth0, eno1, ens18, enp3s0, lo, veth*), HAProxy check results (L4OK, L7STS), digit-suffixed demo names (lb1, app2, VI_1). */
const UNTRANSLATABLE_PATTERNS = [
  /^(eth|eno|ens|enp|wlan|veth|lo|bond|br)[0-9a-z]*$/,
  /^L[4-7][A-Z]+$/,
  /^(lb|app|VI_|web|api)\d+$/,
  /^be_\w+$/,
];

function untranslatable(word: string): boolean {
  return UNTRANSLATABLE.has(word) || UNTRANSLATABLE_PATTERNS.some((pattern) => pattern.test(word));
}

const skipReason = missingPrerequisites(executable(CHROMIUM, "chromium"));

describe.skipIf(skipReason)("the console in Simplified Chinese and English (Chromium, demo)", () => {
  let opened: BrowserConsole | undefined;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    opened = await openBrowserConsole(undefined, { viewport: { width: 1366, height: 900 }, locale: "zh-CN" });
    ({ page, pageErrors } = opened);
  }, 120_000);

  afterAll(() => opened?.close());

  it("follows the browser's language by default: zh-CN without touching the switch", async () => {
    await page.locator('[data-testid="demo-banner"]').filter({ hasText: "演示集群" }).waitFor(WAIT);
    expect(await page.evaluate(() => navigator.languages)).toContain("zh-CN");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    expect(await page.locator('[data-testid="language-switch"]').inputValue()).toBe("auto");
  });

  it("leaves no visible string of the main views in English", async () => {
    const untranslated = new Map<string, string>();
    const collect = async (view: string) => {
      for (const text of await visibleTexts(page)) {
        // Paths (~/.ssh/config, /proc/net/ip_vs) are machine text wherever they stand.
        const words = text.replace(/(^|\s|（)~?\/[^\s）]*/g, " ").match(/[A-Za-z][A-Za-z0-9_]*/g) ?? [];
        for (const word of words) {
          if (!untranslatable(word) && !untranslated.has(word)) untranslated.set(word, `${view}: ${text}`);
        }
      }
    };
    for (const host of HOSTS) {
      await selectHost(page, host);
      // Wait for the chart to draw (two points), so its axes and legend are collected too.
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-testid="traffic-chart"]')?.getAttribute("data-points")) >= 2,
        undefined,
        WAIT,
      );
      await page.locator(".recharts-legend-item").first().waitFor(WAIT);
      await collect(host);
      await page.screenshot({ path: path.join(RESULTS_DIR, `i18n-zh-CN-${host}.png`), fullPage: true });
    }

    // A preview with its predictions and warnings, and the weight box refusing a weight.
    await selectHost(page, "demo-nat-1");
    const row = page.locator('[data-testid="real-server-row"]').first();
    await row.locator('[data-testid="rs-drain"]').click();
    const preview = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await preview.waitFor(WAIT);
    expect(await preview.locator('[data-testid="action-title"]').textContent()).toMatch(/^排空 /);
    await collect("preview");
    await page.screenshot({ path: path.join(RESULTS_DIR, "i18n-zh-CN-preview.png"), fullPage: true });
    // Applied: the result, and the drain followed down in its own panel; then undone.
    await preview.locator('[data-testid="action-apply"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await page.locator('[data-testid="drain"] [data-testid="drain-sample"]').first().waitFor(WAIT);
    await collect("drain progress");
    await page.screenshot({ path: path.join(RESULTS_DIR, "i18n-zh-CN-drain.png"), fullPage: true });
    await page.locator('[data-testid="action-undo"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await page.locator('[data-testid="action-close"]').click();
    await page.locator('[data-testid="action-panel"]').waitFor({ state: "detached", ...WAIT });

    await row.locator('[data-testid="rs-weight-edit"]').click();
    await row.locator('[data-testid="rs-weight-input"]').fill("70000");
    await expectText(row, '[data-testid="rs-weight-error"]', "ipvsadm 接受的最大权重为 65535。");
    await collect("weight box");
    await row.getByRole("button", { name: "取消" }).click();

    // A refusal: undrain a backend no drain of Fulcrum's remembers; the code's meaning in Chinese.
    await selectHost(page, "demo-dr-1");
    await page.locator('[data-testid="rs-undrain"]').first().click();
    const refused = page.locator('[data-testid="action-panel"][data-phase="refused"]');
    await refused.waitFor(WAIT);
    expect(await refused.locator('[data-testid="action-refusal"]').getAttribute("data-code")).toBe(
      "nothing-remembered",
    );
    await expectText(refused, '[data-testid="action-refusal"]', "此前没有排空或移除操作记录过可恢复的设置。");
    await collect("refusal");
    await refused.locator('[data-testid="action-close"]').click();

    // An applied change: the result and the audit log.
    await selectHost(page, "demo-haproxy-1");
    const server = page.locator('[data-testid="haproxy-server"]').first();
    await server.locator('[data-testid="haproxy-drain"]').click();
    const haproxyPreview = page.locator('[data-testid="action-panel"][data-phase="preview"]');
    await haproxyPreview.waitFor(WAIT);
    await collect("HAProxy preview");
    await haproxyPreview.locator('[data-testid="action-apply"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await expectText(page, '[data-testid="action-outcome"]', "已验证");
    await page.locator('[data-testid="audit-entry"]').first().waitFor(WAIT);
    await collect("result and audit");
    await page.screenshot({ path: path.join(RESULTS_DIR, "i18n-zh-CN-result.png"), fullPage: true });
    // Put the server back for the English half.
    await page.locator('[data-testid="action-undo"]').click();
    await page.locator('[data-testid="action-result"][data-outcome="verified"]').waitFor(WAIT);
    await page.locator('[data-testid="action-close"]').click();

    expect([...untranslated.entries()].map(([word, where]) => `${word} (${where})`)).toEqual([]);
  }, 120_000);

  it("switches to English at once and remembers the choice over a reload", async () => {
    await page.locator('[data-testid="language-switch"]').selectOption("en");
    await expectText(page, '[data-testid="demo-banner"]', "Demo cluster: simulated hosts, no real traffic");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.reload();
    await expectText(page, '[data-testid="demo-banner"]', "Demo cluster: simulated hosts, no real traffic");
    expect(await page.locator('[data-testid="language-switch"]').inputValue()).toBe("en");
    for (const host of HOSTS) {
      await selectHost(page, host);
      await page.waitForFunction(
        () =>
          Number(document.querySelector('[data-testid="traffic-chart"]')?.getAttribute("data-points")) >= 2,
        undefined,
        WAIT,
      );
      await page.screenshot({ path: path.join(RESULTS_DIR, `i18n-en-${host}.png`), fullPage: true });
    }
    // Back to following the browser: Chinese again.
    await page.locator('[data-testid="language-switch"]').selectOption("auto");
    await page.locator('[data-testid="demo-banner"]').filter({ hasText: "演示集群" }).waitFor(WAIT);
  }, 60_000);

  it("labels both chart axes with their units, and charts sessions per second on the HAProxy host", async () => {
    await page.locator('[data-testid="language-switch"]').selectOption("en");
    await selectHost(page, "demo-haproxy-1");
    const chart = page.locator('[data-testid="traffic-chart"]');
    await chart.locator(".recharts-legend-item").first().waitFor(WAIT);
    const labels = await chart.locator(".recharts-label").allTextContents();
    expect(labels).toEqual(expect.arrayContaining(["sess/s", "Mbit/s", "local time"]));
    expect(await chart.locator(".recharts-legend-item").allTextContents()).toContain("New sessions (sess/s)");
    await selectHost(page, "demo-dr-1");
    await chart.locator(".recharts-legend-item").first().waitFor(WAIT);
    expect(await chart.locator(".recharts-label").allTextContents()).toEqual(
      expect.arrayContaining(["conn/s", "Mbit/s", "local time"]),
    );
  }, 60_000);

  it("draws every status badge (UP, DRAIN, MAINT...) in one shape and height", async () => {
    const boxes: { text: string; height: number; radius: string }[] = [];
    for (const host of HOSTS) {
      await selectHost(page, host);
      // The snapshot is on screen (selectHost waited): its tables, and their badges, are drawn.
      const badges = page.locator('[data-testid="host-view"] .status');
      boxes.push(
        ...(await badges.evaluateAll((elements) =>
          elements.map((element) => ({
            text: element.textContent ?? "",
            height: Math.round(element.getBoundingClientRect().height),
            radius: getComputedStyle(element).borderRadius,
          })),
        )),
      );
    }
    expect(boxes.map((box) => box.text)).toEqual(expect.arrayContaining(["UP", "DRAIN"]));
    expect(new Set(boxes.map((box) => `${box.height} ${box.radius}`))).toEqual(new Set(["20 10px"]));
  }, 60_000);

  it("takes screenshots of the main views at 1024 px in dark mode, in both languages", async () => {
    await page.setViewportSize({ width: 1024, height: 800 });
    await page.emulateMedia({ colorScheme: "dark" });
    try {
      for (const language of ["zh-CN", "en"] as const) {
        await page.locator('[data-testid="language-switch"]').selectOption(language);
        for (const host of HOSTS) {
          await selectHost(page, host);
          await page.screenshot({
            path: path.join(RESULTS_DIR, `i18n-${language}-${host}-1024-dark.png`),
            fullPage: true,
          });
        }
      }
      // The last view shown (HAProxy, in English) fits the window: the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
    } finally {
      await page.setViewportSize({ width: 1366, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });
    }
  }, 60_000);

  it("ran without script errors or CSP violations", () => {
    expect(pageErrors).toEqual([]);
  });
});

/** The page's visible text as an operator meets it, without machine text and declared-English text. */
function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const pageLanguage = document.documentElement.lang;
    const declaredOther = (element: Element) => {
      const declared = element.closest("[lang]")?.getAttribute("lang");
      return declared !== undefined && declared !== null && declared !== pageLanguage;
    };
    const machineText = (element: Element) => element.closest("code, pre") !== null;
    const shown = (element: Element) =>
      element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? "";
      if (!parent || text === "" || machineText(parent) || declaredOther(parent)) continue;
      // A closed <select> shows its chosen option only.
      const option = parent.closest("option");
      if (option ? !option.selected : !shown(parent)) continue;
      texts.push(text);
    }
    for (const element of document.body.querySelectorAll("[title], [aria-label], [placeholder]")) {
      if (declaredOther(element) || !shown(element)) continue;
      for (const name of ["title", "aria-label", "placeholder"]) {
        // A tooltip holding the core's free text says so (data-core-title), as lang="en" does for text.
        if (name === "title" && element.hasAttribute("data-core-title")) continue;
        const value = element.getAttribute(name)?.trim();
        if (value) texts.push(value);
      }
    }
    return texts;
  });
}

async function selectHost(page: Page, hostId: string): Promise<void> {
  await page.locator(`[data-testid="host-item"][data-host-id="${hostId}"]`).click();
  await page
    .locator(`[data-testid="host-view"][data-host-id="${hostId}"] [data-testid="snapshot"]`)
    .waitFor(WAIT);
}

async function expectText(
  scope: Page | ReturnType<Page["locator"]>,
  selector: string,
  expected: string,
): Promise<void> {
  await scope.locator(selector).filter({ hasText: expected }).first().waitFor(WAIT);
}
