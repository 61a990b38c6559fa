/** The renderer as browser mode serves it, built fresh for each e2e file: a stale dist/web would test yesterday's renderer. */
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { Page } from "playwright-core";

export const PROJECT_DIR = path.resolve(import.meta.dirname, "../../..");
export const WEB_DIR = path.join(PROJECT_DIR, "dist/web");
export const RESULTS_DIR = path.join(PROJECT_DIR, "test-results");

export function buildRenderer(): void {
  execFileSync(
    process.execPath,
    [
      path.join(PROJECT_DIR, "node_modules/vite/bin/vite.js"),
      "build",
      "--config",
      "renderer/vite.config.ts",
      "--logLevel",
      "warn",
    ],
    { cwd: PROJECT_DIR, stdio: "inherit", timeout: 120_000 },
  );
}

/** Collects script errors and console errors (a CSP violation shows up there); the page must have none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}
