/**
 * An app core served in browser mode and opened in Debian's Chromium, as an e2e test drives it:
 * the renderer built fresh, the core started, one page at 1280x900 collecting its errors. close()
 * ends the browser, the core and the server, in that order, whatever was started.
 */
import { mkdir } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { createAppCore, type AppCore, type AppCoreOptions } from "../../../core/app/app-core.ts";
import { createEventHub, type EventHub } from "../../../core/carrier/event-hub.ts";
import { startWebServer, type RunningWebServer } from "../../../core/carrier/web-server.ts";
import { launchChromium } from "./launch-chromium.ts";
import { buildRenderer, collectPageErrors, RESULTS_DIR, WEB_DIR } from "./renderer-build.ts";

export interface BrowserConsole {
  core: AppCore;
  events: EventHub;
  page: Page;
  /** Script and console errors the page reported so far. */
  pageErrors: string[];
  close(): Promise<void>;
}

/**
 * `options` builds the core's options around the event hub it must publish on; `pageOptions` sets
 * the page's size and the browser's languages (navigator.languages follows `locale`).
 */
export async function openBrowserConsole(
  options: (events: EventHub) => Omit<AppCoreOptions, "events" | "info"> = () => ({
    hosts: [],
    demoIntervalSeconds: 1,
  }),
  pageOptions: { viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<BrowserConsole> {
  buildRenderer();
  await mkdir(RESULTS_DIR, { recursive: true });
  const events = createEventHub();
  const core = createAppCore({ info: { version: "test", carrier: "browser" }, events, ...options(events) });
  let server: RunningWebServer | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    core.stop();
    await server?.close();
  };
  try {
    await core.start();
    server = await startWebServer({ handlers: core.handlers, events, staticDir: WEB_DIR });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, ...pageOptions });
    const pageErrors = collectPageErrors(page);
    await page.goto(server.url);
    return { core, events, page, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
