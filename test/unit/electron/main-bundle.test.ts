// The Electron main process is bundled by Forge's plugin-vite (CommonJS, Node built-ins external,
// everything else inlined). This builds it with the plugin's own main-process config and ours, as
// `npm start` and `npm run make` do, so a dependency the bundler cannot take (ssh2's optional
// native crypto) fails here rather than on an operator's first launch. A probe bundled the same way
// then runs ssh2 in plain Node: it must work on its JavaScript fallback. The shell programs Fulcrum
// sends to hosts (.sh files, core/shell/host-script.ts) must be inside the bundle, identical to what
// the CLI sends: a packaged app has no core/ folder to read them from.
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build, type InlineConfig } from "vite";
import fulcrumMainConfig from "../../../electron/vite.main.config.ts";
import { sentPrograms } from "../shell/sent-programs.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const PLUGIN_MAIN_CONFIG = path.join(
  ROOT,
  "node_modules/@electron-forge/plugin-vite/dist/config/vite.main.config.js",
);
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function forgeMainConfig(entry: string, outDir: string): Promise<InlineConfig> {
  const { getConfig } = (await import(pathToFileURL(PLUGIN_MAIN_CONFIG).href)) as {
    getConfig: (env: unknown, user: unknown) => InlineConfig;
  };
  const env = {
    root: ROOT,
    mode: "production",
    command: "build",
    forgeConfigSelf: { entry, config: "electron/vite.main.config.ts", target: "main" },
    forgeConfig: {
      renderer: [{ name: "main_window", config: "renderer/vite.config.ts" }],
      hotRestart: false,
    },
  };
  const config = getConfig(env, fulcrumMainConfig);
  return {
    ...config,
    configFile: false,
    logLevel: "silent",
    build: { ...config.build, outDir, minify: false, sourcemap: false },
  };
}

describe("Electron main-process bundle", () => {
  it("builds electron/main.ts with ssh2 inlined and its native add-ons left out", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "fulcrum-main-bundle-"));
    dirs.push(outDir);
    await build(await forgeMainConfig("electron/main.ts", outDir));
    const bundle = await readFile(path.join(outDir, "main.cjs"), "utf8");
    expect(bundle).toContain("is not bundled: Fulcrum uses the JavaScript fallback");
    expect(bundle).not.toMatch(/require\(["'][^"']*\.node["']\)/);
    expect(bundle).toMatch(/require\(["']electron["']\)/);
    expect(bundle).toContain("==FULCRUM-CAPS version=1 uptime=%s==");
  }, 120_000);

  it("carries the host shell programs, byte for byte what the CLI sends", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "fulcrum-shell-probe-"));
    dirs.push(outDir);
    const entry = path.join(outDir, "shell-entry.ts");
    await writeFile(
      entry,
      `export { sentPrograms } from ${JSON.stringify(path.join(ROOT, "test/unit/shell/sent-programs.ts"))};\n`,
    );
    const config = await forgeMainConfig(entry, outDir);
    await build({
      ...config,
      build: { ...config.build, lib: { entry, formats: ["cjs"], fileName: () => "shell.cjs" } },
    });
    const bundled = createRequire(import.meta.url)(path.join(outDir, "shell.cjs")) as {
      sentPrograms: typeof sentPrograms;
    };
    // Outside the source tree: nothing can be read from core/ at run time.
    expect(path.relative(ROOT, outDir).startsWith("..")).toBe(true);
    const programs = sentPrograms();
    expect(programs.length).toBeGreaterThan(0);
    expect(bundled.sentPrograms()).toEqual(programs);
  }, 120_000);

  it("runs ssh2 from such a bundle on its JavaScript crypto", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), "fulcrum-ssh2-probe-"));
    dirs.push(outDir);
    const entry = path.join(outDir, "probe-entry.ts");
    await writeFile(
      entry,
      [
        `import ssh2 from ${JSON.stringify(path.join(ROOT, "node_modules/ssh2/lib/index.js"))};`,
        "export function probe() {",
        '  const pair = ssh2.utils.generateKeyPairSync("ed25519");',
        "  const key = ssh2.utils.parseKey(pair.private);",
        '  const data = Buffer.from("fulcrum");',
        "  return { type: key.type, verified: key.verify(data, key.sign(data)), client: typeof new ssh2.Client().connect };",
        "}",
      ].join("\n"),
    );
    const config = await forgeMainConfig(entry, outDir);
    await build({
      ...config,
      build: { ...config.build, lib: { entry, formats: ["cjs"], fileName: () => "probe.cjs" } },
    });
    const { probe } = createRequire(import.meta.url)(path.join(outDir, "probe.cjs")) as {
      probe: () => { type: string; verified: boolean; client: string };
    };
    expect(probe()).toEqual({ type: "ssh-ed25519", verified: true, client: "function" });
  }, 120_000);
});
