// Forge's plugin-vite supplies the entry, the CommonJS output (.vite/build/main.cjs) and the Node
// externals; this file only adds what Fulcrum needs on top.
import { defineConfig } from "vite";
import { noNativeAddons } from "./vite-no-native-addons.ts";

export default defineConfig({
  build: { sourcemap: true },
  plugins: [noNativeAddons()],
});
