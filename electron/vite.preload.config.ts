// Forge's plugin-vite bundles the preload into one CommonJS file (.vite/build/preload.cjs): a
// sandboxed preload can only require("electron"), so everything else must be inlined. Keep it so.
import { defineConfig } from "vite";

export default defineConfig({
  build: { rollupOptions: { output: { format: "cjs", codeSplitting: false } } },
});
