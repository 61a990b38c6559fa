/**
 * `fulcrum serve` builds the console itself: missing -> built, fresh -> left alone, older than its
 * sources -> rebuilt. Runs the real Vite build into a temporary folder (never dist/web, which other
 * tests serve).
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureRendererBuilt, rendererBuildState } from "../../../cli/renderer-build.ts";
import { PROJECT_DIR } from "../../e2e/support/renderer-build.ts";

const parent = mkdtempSync(path.join(tmpdir(), "fulcrum-web-"));
const webDir = path.join(parent, "web");

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe("the renderer build behind fulcrum serve", () => {
  it("builds when missing, keeps a fresh build, rebuilds a stale one, and leaves no staging folder", async () => {
    const said: string[] = [];
    expect(rendererBuildState(PROJECT_DIR, webDir)).toBe("missing");
    expect(await ensureRendererBuilt(PROJECT_DIR, webDir, (line) => said.push(line))).toBe("missing");
    expect(existsSync(path.join(webDir, "index.html"))).toBe(true);
    expect(said[0]).toMatch(/first start/);
    expect(said.at(-1)).toMatch(/^built in \d+\.\d s$/);

    said.length = 0;
    expect(await ensureRendererBuilt(PROJECT_DIR, webDir, (line) => said.push(line))).toBe("fresh");
    expect(said).toEqual([]);

    const index = path.join(webDir, "index.html");
    utimesSync(index, new Date(0), new Date(0));
    expect(rendererBuildState(PROJECT_DIR, webDir)).toBe("stale");
    expect(await ensureRendererBuilt(PROJECT_DIR, webDir, (line) => said.push(line))).toBe("stale");
    expect(said[0]).toMatch(/sources changed/);
    expect(statSync(index).mtimeMs).toBeGreaterThan(0);
    expect(rendererBuildState(PROJECT_DIR, webDir)).toBe("fresh");
    expect(readdirSync(parent)).toEqual(["web"]);
  }, 60_000);
});
