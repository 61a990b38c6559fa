/**
 * Fulcrum reads keepalived.conf as keepalived 2.2.7 reads it: for every config of the corpus
 * (test/fixtures/keepalived/corpus, one directory per case with its included files), the real
 * keepalived must accept it (`keepalived -t`) and its own reading (--dump-conf of the VRRP child,
 * and the checker's log of the virtual servers it read) must agree with readKeepalivedConfig, read
 * through the one config reader (the same program the failover preflight sends over SSH, here on
 * this machine), on instances, priorities, VIPs, track files, scripts and virtual servers.
 * Cases named warn-* are configs keepalived reads with a warning (`keepalived -t` exits non-zero)
 * and then ignores part of: Fulcrum must ignore the same part. Track files live in a directory of
 * the test's (keepalived drops a track file whose directory does not exist): the corpus names
 * /var/run/keepalived-corpus, replaced in the copy.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readKeepalivedConfigOn } from "../../../core/actions/keepalived-config-read.ts";
import { localExecutor } from "../../../cli/local-executor.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { registerCleanup, removeDirSync } from "../harness/cleanup-registry.ts";
import { comparableOf, type Comparable } from "./comparable.ts";
import { readCheckerShutdown, readVrrpDump, runKeepalived } from "./keepalived-reading.ts";

const CORPUS = path.resolve(import.meta.dirname, "../../fixtures/keepalived/corpus");
const CASES = readdirSync(CORPUS, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const CONFIG_ID = "lb1";
const TRACK_DIR_IN_CORPUS = "/var/run/keepalived-corpus";
const namespace = `kdiff${process.pid % 100000}`;

const skip = missingPrerequisites(isRoot, executable("/usr/sbin/keepalived", "keepalived"));

interface Readings {
  fulcrum: Comparable;
  keepalived: Comparable;
  configTest: { status: number | null; output: string };
}

describe.skipIf(skip)("keepalived config: Fulcrum's reading agrees with keepalived 2.2.7's", () => {
  let root = "";
  let dispose: (() => Promise<void>) | undefined;
  const readings = new Map<string, Promise<Readings>>();

  const ip = (...args: string[]) =>
    execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"], timeout: 10_000 });

  async function readCase(name: string): Promise<Readings> {
    const dir = path.join(root, name);
    cpSync(path.join(CORPUS, name), path.join(dir, "config"), { recursive: true });
    const trackDir = path.join(dir, "track");
    mkdirSync(trackDir);
    let corpusText = "";
    for (const file of readdirSync(path.join(dir, "config"), { recursive: true, encoding: "utf8" })) {
      const full = path.join(dir, "config", file);
      if (!statSync(full).isFile()) continue;
      const text = readFileSync(full, "utf8").replaceAll(TRACK_DIR_IN_CORPUS, trackDir);
      writeFileSync(full, text);
      corpusText += `${text}\n`;
    }
    const configFile = path.join(dir, "config", "keepalived.conf");
    const run = (mode: "-P" | "-C") => {
      const runDir = path.join(dir, mode.slice(1));
      mkdirSync(runDir);
      return runKeepalived({
        namespace,
        configFile,
        configId: CONFIG_ID,
        dir: runDir,
        mode,
        // The VRRP dump is complete once its interface list starts; the checker exits by itself.
        doneWhen: mode === "-P" ? /^------< Interfaces >------$/ : /^Stopped Keepalived/,
      });
    };
    const test = spawnSync(
      "ip",
      ["netns", "exec", namespace, "keepalived", "-t", "-i", CONFIG_ID, "-f", configFile],
      {
        encoding: "utf8",
        timeout: 10_000,
      },
    );
    const hasVirtualServers = /^\s*virtual_server\s/m.test(corpusText);
    const [vrrp, checker, read] = await Promise.all([
      run("-P"),
      hasVirtualServers ? run("-C") : Promise.resolve([]),
      readKeepalivedConfigOn(localExecutor, configFile, { configId: CONFIG_ID }),
    ]);
    if (!read.ok) throw new Error(`${name}: Fulcrum could not read it: ${read.problem}`);
    return {
      configTest: { status: test.status, output: `${test.stdout}${test.stderr}` },
      fulcrum: sorted(comparableOf(read.config)),
      keepalived: sorted({ ...readVrrpDump(vrrp), virtualServers: readCheckerShutdown(checker) }),
    };
  }

  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), "fulcrum-kdiff-"));
    const cleanup = () => {
      try {
        ip("netns", "del", namespace);
      } catch {
        // not created, or gone
      }
      removeDirSync(root);
    };
    dispose = registerCleanup({ run: async () => cleanup(), runSync: cleanup });
    ip("netns", "add", namespace);
    for (const [a, b] of [
      ["eth0", "peer0"],
      ["eth1", "peer1"],
    ] as const) {
      ip("-n", namespace, "link", "add", a, "type", "veth", "peer", "name", b);
      ip("-n", namespace, "link", "set", a, "up");
      ip("-n", namespace, "link", "set", b, "up");
    }
    ip("-n", namespace, "link", "set", "lo", "up");
    ip("-n", namespace, "addr", "add", "192.0.2.1/24", "dev", "eth0");
    ip("-n", namespace, "addr", "add", "198.51.100.1/24", "dev", "eth1");
    // Four keepalived at a time: each case takes a fraction of a second.
    const queue = [...CASES];
    const workers = Array.from({ length: 4 }, async () => {
      for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
        const reading = readCase(name);
        readings.set(name, reading);
        await reading.catch(() => undefined);
      }
    });
    return Promise.all(workers).then(() => undefined);
  }, 60_000);

  afterAll(async () => {
    await dispose?.();
  });

  it("has a corpus", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
  });

  it.each(CASES)("%s", async (name) => {
    const reading = await readings.get(name);
    if (!reading) throw new Error(`${name} was not read`);
    if (name.startsWith("warn-")) expect(reading.configTest.status, reading.configTest.output).not.toBe(0);
    else expect(reading.configTest.status, reading.configTest.output).toBe(0);
    expect(reading.keepalived.instances.length + reading.keepalived.virtualServers.length).toBeGreaterThan(0);
    expect(reading.fulcrum).toEqual(reading.keepalived);
  });
});

// keepalived prints a host prefix (/32, /128) as no prefix.
const withoutHostPrefix = (vip: string) => vip.replace(/\/32$/, "").replace(/(:.*)\/128$/, "$1");

function sorted(comparable: Comparable): Comparable {
  const byName = <T extends { name: string }>(items: T[]) =>
    [...items].sort((a, b) => a.name.localeCompare(b.name));
  return {
    instances: byName(comparable.instances).map((instance) => ({
      ...instance,
      vips: instance.vips.map(withoutHostPrefix),
    })),
    trackFiles: byName(comparable.trackFiles),
    scripts: byName(comparable.scripts),
    virtualServers: [...comparable.virtualServers].sort(),
  };
}
