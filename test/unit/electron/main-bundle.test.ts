// The Electron main process is bundled by Forge's plugin-vite (CommonJS, Node built-ins external,
// everything else inlined). This builds it with the plugin's own main-process config and ours, as
// `npm start` and `npm run make` do, so a dependency the bundler cannot take (ssh2's optional
// native crypto) fails here rather than on an operator's first launch. A probe bundled the same way
// then runs ssh2 in plain Node: it must work on its JavaScript fallback.
import { createRequire } from "node:module";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { build, type InlineConfig } from "vite";
import fulcrumMainConfig from "../../../electron/vite.main.config.ts";

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
