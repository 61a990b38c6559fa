/**
 * Keeps native add-ons out of the main-process bundle. ssh2 tries to load its optional C++ crypto
 * binding (and, through cpu-features, another) inside try/catch and falls back to JavaScript when
 * that fails. Fulcrum denies those packages' install scripts (no Electron-ABI rebuild to trust), so
 * the binding must fail to load in the app too: each `*.node` import becomes a module that throws,
 * which ssh2 catches. Without this the bundler tries to read the binary (or the missing file) and
 * the build stops.
 */
import type { Plugin } from "vite";

const PREFIX = "\0fulcrum-native-addon:";

export function noNativeAddons(): Plugin {
  return {
    name: "fulcrum-no-native-addons",
    enforce: "pre",
    resolveId(source) {
      return source.endsWith(".node") ? `${PREFIX}${source}` : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const name = JSON.stringify(id.slice(PREFIX.length));
      return `throw new Error("native add-on " + ${name} + " is not bundled: Fulcrum uses the JavaScript fallback");`;
    },
  };
}
