/**
 * Browser mode serves the built renderer (dist/web). `npx fulcrum serve` must work right after
 * `npm install`, and after a `git pull` it must not serve yesterday's console: so the build is
 * made here, on start, when dist/web is missing or older than the sources it is built from
 * (renderer/, shared/, and the contract files the renderer imports types from). Vite builds the
 * renderer in about 1 to 2 s.
 *
 * The build goes to a folder of its own and is renamed into place, so a second `fulcrum serve`
 * starting at the same moment, or one already serving, never sees a half-written dist/web.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";

/** What the renderer's build reads: a change in any of these makes dist/web stale. */
const SOURCES = ["renderer", "shared", "core/api.ts", "core/api-codes.ts", "core/actions/action-codes.ts"];

/** Newest modification time (ms) under the given files and folders; 0 when none exists. */
export function newestMtime(root: string, entries: readonly string[]): number {
  let newest = 0;
  const visit = (file: string): void => {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(file)) {
        if (name === "node_modules" || name.startsWith(".")) continue;
        visit(path.join(file, name));
      }
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

export type RendererBuildState = "fresh" | "missing" | "stale";

export function rendererBuildState(projectDir: string, webDir: string): RendererBuildState {
  const index = path.join(webDir, "index.html");
  if (!existsSync(index)) return "missing";
  return statSync(index).mtimeMs >= newestMtime(projectDir, SOURCES) ? "fresh" : "stale";
}

/**
 * Builds the renderer into webDir unless it is fresh. `say` reports progress (stderr in the CLI).
 * Throws with the build's own message when Vite fails (a broken checkout), leaving webDir as it was.
 */
export async function ensureRendererBuilt(
  projectDir: string,
  webDir: string,
  say: (line: string) => void,
): Promise<RendererBuildState> {
  const state = rendererBuildState(projectDir, webDir);
  if (state === "fresh") return state;
  say(
    state === "missing"
      ? "building the console for browser mode (first start)..."
      : "the console's sources changed since its last build: rebuilding...",
  );
  const started = Date.now();
  const staging = `${webDir}.build-${process.pid}`;
  const previous = `${webDir}.old-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const { build } = await import("vite");
  try {
    await build({
      configFile: path.join(projectDir, "renderer/vite.config.ts"),
      logLevel: "error",
      build: { outDir: staging, emptyOutDir: true },
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(
      `building the console failed: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (existsSync(webDir)) renameSync(webDir, previous);
  renameSync(staging, webDir);
  rmSync(previous, { recursive: true, force: true });
  say(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return state;
}
