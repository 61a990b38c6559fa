// hosts.json and known-hosts.json with many writers at once (issue 10, item 4): concurrent adds in
// one process, and in two other processes sharing the data folder, all land, and no temporary file
// is left behind. On the old read-modify-write (one temporary name per process, no lock), five
// concurrent adds left one host and four ENOENT renames.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { hostLockFilePath } from "../../../core/actions/host-lock-file.ts";
import { HostInventory, hostInventoryPath } from "../../../core/app/host-inventory.ts";
import { updateDataFile } from "../../../core/data-file-update.ts";
import { addTrustedKey, parseTrustStore, trustStorePath } from "../../../core/ssh/trust-store.ts";
import { pidOfAnExitedProcess } from "../actions/host-lock/child-holder.ts";
import { testHostKey } from "./test-host-key.ts";
import { expectEvery } from "../../support/expect-every.ts";

const CHILD = path.join(import.meta.dirname, "data-file-writer-child.ts");
const PER_WRITER = 10;

let dataDir: string;
const children = new Set<ChildProcess>();

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-data-writers-"));
});
afterEach(async () => {
  for (const child of children)
    if (child.pid !== undefined && child.exitCode === null) process.kill(child.pid, "SIGKILL");
  children.clear();
  await rm(dataDir, { recursive: true, force: true });
});

interface Writer {
  go(): void;
  done: Promise<void>;
}

/** A child process ready to make PER_WRITER adds once told to go. */
async function startWriter(kind: "hosts" | "keys", file: string, prefix: string): Promise<Writer> {
  const child = spawn(process.execPath, ["--no-warnings", CHILD, kind, file, prefix, String(PER_WRITER)], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  let stdout = "";
  let stderr = "";
  const lines: Array<() => void> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    lines.splice(0).forEach((wake) => wake());
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const saw = (line: string) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`writer ${prefix}: no "${line}" in 30 s: ${stderr}`)),
        30_000,
      );
      const check = () => {
        if (stdout.includes(`${line}\n`)) {
          clearTimeout(timer);
          resolve();
        } else if (child.exitCode !== null) {
          clearTimeout(timer);
          reject(new Error(`writer ${prefix} exited ${child.exitCode}: ${stderr}`));
        } else lines.push(check);
      };
      child.once("exit", check);
      check();
    });
  await saw("ready");
  return { go: () => child.stdin.write("go\n"), done: saw("done") };
}

const names = (prefix: string) => Array.from({ length: PER_WRITER }, (_, i) => `${prefix}-${i}`);

async function leftovers(): Promise<string[]> {
  return (await readdir(dataDir)).filter((name) => name.endsWith(".tmp"));
}

describe("hosts.json with many writers", () => {
  it("keeps every one of 20 concurrent adds in one process", async () => {
    const inventory = new HostInventory(hostInventoryPath(dataDir));
    const aliases = Array.from({ length: 20 }, (_, i) => `lb${i}`);
    await Promise.all(aliases.map((alias) => inventory.add(alias, false)));
    expect((await inventory.load()).map((entry) => entry.alias).sort()).toEqual([...aliases].sort());
    expect(await leftovers()).toEqual([]);
  });

  it("keeps every add made at once by two other processes and this one", async () => {
    const file = hostInventoryPath(dataDir);
    const writers = await Promise.all([startWriter("hosts", file, "a"), startWriter("hosts", file, "b")]);
    const inventory = new HostInventory(file);
    writers.forEach((writer) => writer.go());
    await Promise.all([
      ...names("c").map((alias) => inventory.add(alias, true)),
      ...writers.map((w) => w.done),
    ]);
    const saved = (await inventory.load()).map((entry) => entry.alias).sort();
    expect(saved).toEqual([...names("a"), ...names("b"), ...names("c")].sort());
    expect(await leftovers()).toEqual([]);
  });

  it("keeps removes and adds made at once apart", async () => {
    const inventory = new HostInventory(hostInventoryPath(dataDir));
    await Promise.all(names("old").map((alias) => inventory.add(alias, false)));
    const results = await Promise.all([
      ...names("old").map((alias) => inventory.remove(alias)),
      ...names("new").map((alias) => inventory.add(alias, false).then(() => true)),
    ]);
    expect(results.length).toBeGreaterThan(0);
    expectEvery(results, (result) => result);
    expect((await inventory.load()).map((entry) => entry.alias).sort()).toEqual(names("new").sort());
  });
});

describe("the trust store with many writers", () => {
  it("keeps every key confirmed at once, here and in two other processes", async () => {
    const file = trustStorePath(dataDir);
    const writers = await Promise.all([startWriter("keys", file, "a"), startWriter("keys", file, "b")]);
    writers.forEach((writer) => writer.go());
    await Promise.all([
      ...names("c").map((name) => addTrustedKey(file, { name, port: 22 }, testHostKey(name))),
      ...writers.map((writer) => writer.done),
    ]);
    const store = parseTrustStore(await readFile(file, "utf8"));
    expect(store.keys.map((key) => key.host).sort()).toEqual(
      [...names("a"), ...names("b"), ...names("c")].sort(),
    );
    expectEvery(store.keys, (key) => key.fingerprint === testHostKey(key.host).fingerprint);
    expect(await leftovers()).toEqual([]);
  });
});

describe("updateDataFile", () => {
  const file = () => path.join(dataDir, "hosts.json");
  const lockFolder = () => path.join(dataDir, "locks");

  it("takes over the lock of a writer that died holding it", async () => {
    const lockPath = hostLockFilePath(lockFolder(), "data file hosts.json");
    await mkdir(lockFolder(), { recursive: true });
    await writeFile(
      lockPath,
      JSON.stringify({
        pid: pidOfAnExitedProcess(),
        hostname: hostname(),
        what: "updating hosts.json",
        at: new Date().toISOString(),
        osUser: "test",
        token: "dead",
      }),
    );
    await updateDataFile(file(), () => "written\n");
    expect(await readFile(file(), "utf8")).toBe("written\n");
  });

  it("gives up with a clear error, and leaves the file alone, while a live writer holds it", async () => {
    await writeFile(file(), "before\n");
    const holder = new HostActionLocks({ folder: lockFolder() }).tryAcquire(
      "data file hosts.json",
      "updating hosts.json",
    );
    expect("release" in holder).toBe(true);
    let clock = 0;
    const failure = await updateDataFile(file(), () => "after\n", {
      timeoutMs: 1_000,
      now: () => clock,
      sleep: async (ms) => void (clock += ms),
    }).catch((error: unknown) => error);
    expect(String(failure)).toMatch(
      /hosts\.json is being updated by updating hosts\.json by pid \d+.*left as it is/,
    );
    expect(await readFile(file(), "utf8")).toBe("before\n");
    if ("release" in holder) holder.release();
    await updateDataFile(file(), () => "after\n");
    expect(await readFile(file(), "utf8")).toBe("after\n");
  });

  it("lets a failed update not block the ones queued behind it", async () => {
    const failed = updateDataFile(file(), () => {
      throw new Error("cannot read it");
    });
    const next = updateDataFile(file(), () => "next\n");
    await expect(failed).rejects.toThrow("cannot read it");
    await next;
    expect(await readFile(file(), "utf8")).toBe("next\n");
  });
});
