import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HostInventory } from "../../../core/app/host-inventory.ts";

let dir: string;
let inventory: HostInventory;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "fulcrum-inventory-"));
  inventory = new HostInventory(path.join(dir, "data", "hosts.json"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("HostInventory", () => {
  it("starts empty, keeps hosts in the order added, updates by alias and removes", async () => {
    expect(await inventory.load()).toEqual([]);
    await inventory.add("lb1", false, new Date("2026-01-01T00:00:00Z"));
    await inventory.add("lb2", true);
    await inventory.add("lb1", true);
    expect((await inventory.load()).map((e) => [e.alias, e.production])).toEqual([
      ["lb2", true],
      ["lb1", true],
    ]);
    expect(await inventory.remove("lb2")).toBe(true);
    expect(await inventory.remove("lb2")).toBe(false);
    expect((await inventory.load()).map((e) => e.alias)).toEqual(["lb1"]);
    expect(JSON.parse(await readFile(inventory.path, "utf8"))).toMatchObject({ version: 1 });
  });

  it("refuses a damaged or hand-edited file with its path instead of treating it as no hosts", async () => {
    await inventory.add("lb1", false);
    await writeFile(inventory.path, "{ not json");
    await expect(inventory.load()).rejects.toThrow(/hosts\.json is not valid JSON/);
    await writeFile(
      inventory.path,
      JSON.stringify({ version: 1, hosts: [{ alias: "a;reboot", production: false, addedAt: "x" }] }),
    );
    await expect(inventory.load()).rejects.toThrow(/not a Fulcrum host list/);
    // Adding must not overwrite what it cannot read.
    await expect(inventory.add("lb2", false)).rejects.toThrow(/not a Fulcrum host list/);
    expect(await readFile(inventory.path, "utf8")).toContain("a;reboot");
  });
});
