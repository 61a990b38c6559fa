// One alias rule everywhere an alias is validated (issue 10, item 11): it may not begin with "-",
// which OpenSSH would read as an option (-oProxyCommand=...). The API schema, the CLI's check,
// hosts.json and `fulcrum serve --host` all refuse it.
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HostAliasSchema } from "../../../core/api.ts";
import { HostInventory } from "../../../core/app/host-inventory.ts";
import { createApiDispatcher } from "../../../core/carrier/api-dispatcher.ts";
import { checkHostAlias } from "../../../cli/host-session.ts";
import { UsageError } from "../../../cli/exit-codes.ts";
import { TEST_HANDLERS } from "../carrier/web-server-fixture.ts";

// Each of these is made only of characters an alias may hold: only the leading "-" refuses them.
const OPTION_LOOKALIKES = ["-G", "-v", "-oBatchMode", "--", "-", "-lb1"];
const ALIASES = [
  "lb1",
  "lb-1",
  "lb1.example.net",
  "root@lb1",
  "lb1:2222",
  "_jump",
  "10.0.0.1",
  "fe80::1%eth0",
];

describe("the host alias rule", () => {
  it.each(OPTION_LOOKALIKES)("refuses %j in the API schema and the CLI check", (alias) => {
    expect(HostAliasSchema.safeParse(alias).success).toBe(false);
    expect(() => checkHostAlias(alias)).toThrow(UsageError);
    expect(() => checkHostAlias(alias)).toThrow(/not a host alias.*not beginning with "-"/);
  });

  it.each(ALIASES)("accepts %j in both", (alias) => {
    expect(HostAliasSchema.parse(alias)).toBe(alias);
    expect(checkHostAlias(alias)).toBe(alias);
  });

  it("refuses addHost with such an alias before any handler runs", async () => {
    let called = false;
    const dispatch = createApiDispatcher({
      ...TEST_HANDLERS,
      addHost: async () => {
        called = true;
        return { id: "x", label: "x", state: { phase: "idle" }, demo: false, production: false } as never;
      },
    });
    const result = await dispatch("addHost", { alias: "-G", production: false });
    expect(result).toMatchObject({ ok: false, error: { code: "invalid-request" } });
    expect(called).toBe(false);
  });

  it("refuses a hosts.json naming one, and leaves the file as it was", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "fulcrum-alias-"));
    try {
      const file = path.join(dir, "hosts.json");
      const text = JSON.stringify({
        version: 1,
        hosts: [{ alias: "-oBatchMode", production: false, addedAt: "2025-01-01T00:00:00.000Z" }],
      });
      await writeFile(file, text);
      await expect(new HostInventory(file).load()).rejects.toThrow(/not a Fulcrum host list/);
      expect(await readFile(file, "utf8")).toBe(text);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("makes `fulcrum serve --host -G` exit 2 before anything starts", () => {
    const result = spawnSync(process.execPath, ["bin/fulcrum.mjs", "serve", "--host", "-G"], {
      encoding: "utf8",
      timeout: 30_000,
      // A home with no ssh config: were the alias accepted, it could lead nowhere.
      env: {
        ...process.env,
        HOME: path.join(tmpdir(), "fulcrum-alias-no-home"),
        FULCRUM_DATA: path.join(tmpdir(), "fulcrum-alias-no-data"),
      },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("not a host alias");
  });
});
