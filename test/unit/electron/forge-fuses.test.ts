// The fuses forge.config.ts flips into the packaged Electron binary (issue 10, item 11): the
// config's own FusesPlugin settings are applied with @electron/fuses (the library Forge's plugin
// calls) to a stand-in binary carrying Electron's fuse wire, then read back from it.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { FuseState, FuseV1Options, flipFuses, getCurrentFuseWire, type FuseV1Config } from "@electron/fuses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import forgeConfig from "../../../forge.config.ts";

/** Electron's fuse wire (electron/docs/tutorial/fuses.md): sentinel, version 1, length, one byte per fuse. */
const SENTINEL = "dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX";
const FUSE_COUNT = 9;

let dir: string;
let binary: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fulcrum-fuses-"));
  binary = path.join(dir, "electron");
  // Every fuse as Electron ships it: enabled ("1"), so each one the config turns off must flip.
  const wire = Buffer.concat([
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSE_COUNT]),
    Buffer.alloc(FUSE_COUNT, "1"),
  ]);
  await writeFile(binary, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

function fusesConfig(): FuseV1Config {
  const plugin = forgeConfig.plugins?.find((candidate) => (candidate as { name?: string }).name === "fuses");
  const config = (plugin as { fusesConfig?: FuseV1Config } | undefined)?.fusesConfig;
  if (!config) throw new Error("forge.config.ts has no fuses plugin");
  return config;
}

describe("forge.config.ts fuses", () => {
  it("turns GrantFileProtocolExtraPrivileges off, with the rest of the hardening, in the binary", async () => {
    await flipFuses(binary, fusesConfig());
    const wire = await getCurrentFuseWire(binary);
    const state = (option: FuseV1Options) => wire[option];
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.RunAsNode)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(FuseState.DISABLE);
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(FuseState.ENABLE);
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(FuseState.ENABLE);
  });
});
