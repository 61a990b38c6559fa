/**
 * One Vite config for both renderer builds:
 *   npm run build:web          -> dist/web, served by browser mode (core/carrier/web-server.ts)
 *   Forge's renderer entry     -> .vite/renderer/main_window, loaded by Electron from file://
 * Forge passes its own keys (forgeConfigSelf) in the config env, which is how the two are told apart.
 */
import react from "@vitejs/plugin-react";
import { defineConfig, type ConfigEnv } from "vite";

// import.meta.dirname rather than node:path: the layering rule keeps node:* out of renderer/, and
// Vite resolves these paths itself.
const rendererDir = import.meta.dirname;
const projectDir = `${rendererDir}/..`;

type ForgeRendererEnv = ConfigEnv & { forgeConfigSelf?: { name?: string } };

export default defineConfig((env: ForgeRendererEnv) => {
  const forgeName = env.forgeConfigSelf?.name;
  return {
    root: rendererDir,
    // Relative asset URLs work both from file:// (Electron) and from the server's root.
    base: "./",
    plugins: [react()],
    server: {
      // Fast Refresh injects an inline preamble script, which our CSP (no 'unsafe-inline') refuses.
      // Reload the window after an edit instead of weakening the policy for development.
      hmr: false,
    },
    build: {
      outDir: forgeName ? `${projectDir}/.vite/renderer/${forgeName}` : `${projectDir}/dist/web`,
      emptyOutDir: true,
      target: "es2023",
      // Source maps hand out the whole renderer source, comments included: only a developer's
      // build (`vite build --mode development`, the dev server) has them. The servers refuse *.map
      // unless told otherwise (core/carrier/static-files.ts).
      sourcemap: env.mode === "development",
    },
  };
});
