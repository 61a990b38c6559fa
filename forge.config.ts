/**
 * Electron Forge 8: Vite builds (main, sandboxed preload as CommonJS, renderer), hardened fuses and
 * the makers that have a v8 release. @electron-forge/maker-rpm has only 8.0.0 alphas on npm, so it
 * is left out until a stable v8 exists.
 */
import { FuseV1Options, FuseVersion } from "@electron/fuses";
import MakerDeb from "@electron-forge/maker-deb";
import MakerDMG from "@electron-forge/maker-dmg";
import MakerSquirrel from "@electron-forge/maker-squirrel";
import MakerZIP from "@electron-forge/maker-zip";
import FusesPlugin from "@electron-forge/plugin-fuses";
import VitePlugin from "@electron-forge/plugin-vite";
import type { ForgeConfig } from "@electron-forge/shared-types";

const config: ForgeConfig = {
  packagerConfig: {
    name: "Fulcrum",
    executableName: "fulcrum",
    // The asar archive is what EnableEmbeddedAsarIntegrityValidation and OnlyLoadAppFromAsar protect.
    asar: true,
  },
  rebuildConfig: {},
  makers: [
    new MakerZIP({}, ["linux", "darwin", "win32"]),
    new MakerDeb({
      options: {
        name: "fulcrum",
        productName: "Fulcrum",
        genericName: "Load balancer console",
        categories: ["Network", "System"],
        section: "net",
      },
    }),
    new MakerSquirrel({ name: "fulcrum" }),
    new MakerDMG({}),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: "electron/main.ts", config: "electron/vite.main.config.ts", target: "main" },
        { entry: "electron/preload.ts", config: "electron/vite.preload.config.ts", target: "preload" },
      ],
      renderer: [{ name: "main_window", config: "renderer/vite.config.ts" }],
    }),
    new FusesPlugin({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      // The renderer is served from app://fulcrum/ (electron/app-protocol.ts), so file:// pages need
      // no privileges beyond a browser's.
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    }),
  ],
};

export default config;
