/**
 * `fulcrum failover` end to end: the real bin against two real keepalived 2.2.7 in namespaces, each
 * behind its own real sshd (../failover/keepalived-pair.ts), reached through aliases in a test
 * home's ~/.ssh/config, with the audit log in a temp data folder. n1 (priority 150) starts as
 * MASTER; every test leaves it so (or fails).
 */
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planFailover } from "../../../core/actions/failover/plan-failover.ts";
import { ChangeEntrySchema } from "../../../core/audit/change-entry.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { startKeepalivedPair, VIP, type KeepalivedPair, type PairNode } from "../failover/keepalived-pair.ts";
import { createTestHome, type TestHome } from "../harness/test-home.ts";
import { writePairSshConfig } from "./pair-ssh-config.ts";
import { runFulcrumCli, type CliRun, type CliRunOptions } from "./run-fulcrum-cli.ts";
import { holdsVip, readPairNode, writeTrackFile } from "../failover/pair-node-probes.ts";

const skipReason = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/keepalived", "keepalived"),
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/ip", "iproute2"),
);

let pair: KeepalivedPair;
let home: TestHome;
let dataDir: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Where the pair keeps each node's files, as the CLI's %h location flags. */
function locationFlags(): string[] {
  const root = path.dirname(pair.n1.dir);
  return [
    "--pid-file",
    path.join(root, "%h", "keepalived.pid"),
    "--config-file",
    path.join(root, "%h", "keepalived.conf"),
    // The daemons were just started: a transition older than 2 s counts as settled here.
    "--settled",
    "2",
    "--no-stop",
  ];
}

const fulcrum = (args: string[], options: CliRunOptions = {}): Promise<CliRun> =>
  runFulcrumCli(args, { home: home.home, dataDir }, options);

async function trackFileValue(node: PairNode): Promise<string> {
  return (await readFile(node.trackFile, "utf8")).trim();
}

/** Bounded: until n1 is MASTER with the VIP, n2 BACKUP, and the preflight passes. */
async function waitHealthy(timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const [master, peer] = await Promise.all([readPairNode(pair.n1), readPairNode(pair.n2)]);
    const plan = planFailover({ master, peer }, { minSecondsSinceTransition: 2 });
    if (!plan.blocked) return;
    last = plan.checks
      .filter((check) => check.status === "failed")
      .map((check) => `${check.id}: ${check.message}`)
      .join("; ");
    await sleep(500);
  }
  throw new Error(`the pair did not become healthy: ${last}`);
}

async function auditLines(): Promise<unknown[]> {
  const file = path.join(dataDir, "audit.jsonl");
  if (!existsSync(file)) return [];
  return (await readFile(file, "utf8"))
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as unknown);
}

describe.skipIf(skipReason)("fulcrum failover (real bin, real keepalived pair, real sshd)", () => {
  beforeAll(async () => {
    pair = await startKeepalivedPair();
    home = await createTestHome();
    await writePairSshConfig(home, pair);
  }, 60_000);
  afterAll(async () => {
    await home?.dispose();
    await pair?.dispose();
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "fulcrum-failover-cli-data-"));
    await waitHealthy();
  }, 30_000);
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses bad input with exit 2 before connecting", async () => {
    const cases = [
      ["failover", "n1"],
      ["failover", "n1", "--to", "n1"],
      ["failover", "n1", "--to", "n2", "--instance", "VI_1;reboot"],
      ["failover", "n1", "--to", "n2", "--override", "everything"],
      ["failover", "n1", "--to", "n2", "--pid-file", "/run/$(reboot).pid"],
      ["failover", "-n1", "--to", "n2"],
    ];
    for (const args of cases) {
      const run = await fulcrum(args);
      expect(run.code, args.join(" ")).toBe(2);
    }
    expect(await auditLines()).toEqual([]);
  }, 60_000);

  it("dry run prints every check and the plan, and changes nothing", async () => {
    const run = await fulcrum(["failover", "n1", "--to", "n2", "--dry-run", ...locationFlags()]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`failover VI_1 (VIP ${VIP}) from n1 to n2`);
    expect(run.stdout).toMatch(/\[pass\] master-is-master:/);
    expect(run.stdout).toMatch(/\[pass\] peer-is-backup:/);
    expect(run.stdout).toMatch(/method: lower-priority:/);
    // 150 -> below 100 with weight 1: -51 goes to n1's track file; the rollback writes 0 back.
    expect(run.stdout).toContain(`on n1: printf '%s\\n' -51 | dd of=${pair.n1.trackFile} status=none`);
    expect(run.stdout).toContain(`on n1: printf '%s\\n' 0 | dd of=${pair.n1.trackFile} status=none`);
    expect(run.stdout).toContain("rollback");
    expect(run.stdout).toContain("dry run: nothing was changed");
    expect(run.stdout).not.toContain("t3stOnly");
    expect(await trackFileValue(pair.n1)).toBe("0");
    expect(await holdsVip(pair.n1)).toBe(true);
    expect(await holdsVip(pair.n2)).toBe(false);
    expect(await auditLines()).toEqual([]);
  }, 60_000);

  it("refuses with exit 1 when the peer is in FAULT, and runs nothing", async () => {
    await writeTrackFile(pair.n2, -254);
    try {
      let peer = await readPairNode(pair.n2);
      for (let attempt = 0; attempt < 20 && peer.data?.instances[0]?.state !== "FAULT"; attempt++) {
        await sleep(250);
        peer = await readPairNode(pair.n2);
      }
      expect(peer.data?.instances[0]?.state).toBe("FAULT");
      const run = await fulcrum(["failover", "n1", "--to", "n2", "--yes", ...locationFlags()]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/\[FAIL\] peer-is-backup:.*FAULT/);
      expect(run.stderr).toContain("refused");
      expect(run.stderr).toContain("peer-is-backup");
      expect(run.stdout).not.toContain("started:");
      expect(await trackFileValue(pair.n1)).toBe("0");
      expect(await holdsVip(pair.n1)).toBe(true);
      expect(await auditLines()).toEqual([]);
    } finally {
      await writeTrackFile(pair.n2, 0);
    }
  }, 60_000);

  it("moves the VIP to the peer, prints each event, exits 0 and writes the audit entry", async () => {
    try {
      const run = await fulcrum(["failover", "n1", "--to", "n2", "--yes", ...locationFlags()]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
      const events = run.stdout.split("\n").filter((line) => /^\[\+\s*\d+\.\d\ds\] /.test(line));
      expect(events[0]).toMatch(/started: VI_1 \(192\.0\.2\.100\) from n1 to n2 by lower-priority/);
      expect(events.some((line) => /act on n1: printf .* \| dd of=\S+ status=none -> exit 0/.test(line))).toBe(true);
      expect(events.some((line) => line.includes("VIP moved"))).toBe(true);
      expect(events.at(-1)).toMatch(/finished: moved/);
      expect(await holdsVip(pair.n2)).toBe(true);
      expect(await holdsVip(pair.n1)).toBe(false);

      const lines = await auditLines();
      expect(lines).toHaveLength(1);
      const entry = ChangeEntrySchema.parse(lines[0]);
      expect(run.stdout).toContain(`audit entry: ${entry.id}`);
      expect(entry).toMatchObject({
        type: "failover",
        hostId: "n1",
        target: `vrrp:VI_1 ${VIP}`,
        before: { vipOn: "n1" },
        after: { vipOn: "n2" },
        result: "verified",
        verified: true,
        undo: { action: "failover", from: "n2", to: "n1", instance: "VI_1" },
        who: { sshUser: "root" },
      });
      expect(entry.commands[0]).toMatchObject({ status: "applied", exitCode: 0 });
      expect(entry.commands[0]?.shell).toContain(pair.n1.trackFile);
      expect(entry.commands[1]).toMatchObject({ status: "not-run" }); // the rollback was not needed
    } finally {
      // Undo by hand: the track file back to 0, and n1 (preempt, higher priority) takes the VIP back.
      await writeTrackFile(pair.n1, 0);
    }
    await waitHealthy();
  }, 90_000);

  it("undo of a failover brings the VIP back to the original master by restoring its track file", async () => {
    let undone = false;
    try {
      const failover = await fulcrum(["failover", "n1", "--to", "n2", "--yes", ...locationFlags()]);
      expect(failover.code, failover.stderr).toBe(0);
      expect(await holdsVip(pair.n2)).toBe(true);
      expect(await trackFileValue(pair.n1)).toBe("-51");
      const entry = ChangeEntrySchema.parse((await auditLines())[0]);
      // The preflight refuses a transition younger than --settled (2 s here).
      await sleep(3000);

      const dryRun = await fulcrum(["undo", entry.id, "--dry-run", ...locationFlags()]);
      expect(dryRun.stderr).toBe("");
      expect(dryRun.code).toBe(0);
      expect(dryRun.stdout).toContain(`undoes audit entry: ${entry.id}`);
      expect(dryRun.stdout).toContain(`failover VI_1 (VIP ${VIP}) from n2 to n1`);
      expect(dryRun.stdout).toMatch(/\[pass\] no-failover-in-progress:/);
      expect(dryRun.stdout).toMatch(/method: restore-track-file: write 0 to track file .* on n1/);
      expect(dryRun.stdout).toContain("dry run: nothing was changed");
      expect(await trackFileValue(pair.n1)).toBe("-51");
      expect(await holdsVip(pair.n2)).toBe(true);

      const undo = await fulcrum(["undo", entry.id, "--yes", ...locationFlags()]);
      expect(undo.stderr).toBe("");
      expect(undo.code).toBe(0);
      undone = true;
      expect(undo.stdout).toMatch(/started: VI_1 \(192\.0\.2\.100\) from n2 to n1 by restore-track-file/);
      expect(undo.stdout).toContain("VIP moved");
      expect(await holdsVip(pair.n1)).toBe(true);
      expect(await holdsVip(pair.n2)).toBe(false);
      // The pair is as it was: n1's file back to 0, n2's never touched.
      expect(await trackFileValue(pair.n1)).toBe("0");
      expect(await trackFileValue(pair.n2)).toBe("0");
      const lines = await auditLines();
      expect(lines).toHaveLength(2);
      const back = ChangeEntrySchema.parse(lines[1]);
      expect(back).toMatchObject({
        type: "failover",
        hostId: "n2",
        undoOf: entry.id,
        before: { vipOn: "n2" },
        after: { vipOn: "n1" },
        result: "verified",
        failover: { from: "n2", to: "n1", method: "restore-track-file" },
      });
      expect(back.commands[0]).toMatchObject({ status: "applied", exitCode: 0 });
      expect(back.commands[0]?.shell).toBe(`n1: printf '%s\\n' 0 | dd of=${pair.n1.trackFile} status=none`);

      // A flag `fulcrum failover` does not take is bad input for its undo too.
      const refusedUndo = await fulcrum(["undo", back.id, "--dry-run", "--bogus"]);
      expect(refusedUndo.code).toBe(2);
    } finally {
      if (!undone) await writeTrackFile(pair.n1, 0);
    }
    await waitHealthy();
  }, 120_000);

  it("rolls back when the peer cannot take over: exit 1, the VIP back on the director, the entry says failed", async () => {
    // The preflight reads n2's dump, so n2 is frozen only once the failover has started: its
    // keepalived then cannot take the VIP that n1 releases, and the CLI must roll back.
    let frozen = false;
    let run: CliRun;
    try {
      run = await fulcrum(
        ["failover", "n1", "--to", "n2", "--yes", "--method", "force-fault", ...locationFlags()],
        {
          onStdout: (stdout) => {
            if (!frozen && stdout.includes("] started: ")) {
              frozen = true;
              pair.n2.freeze();
            }
          },
        },
      );
    } finally {
      if (frozen) pair.n2.thaw();
    }
    expect(frozen).toBe(true);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("not verified: vip-on-neither");
    expect(run.stdout).toContain("rolling back");
    expect(run.stdout).toMatch(/rolled back: the VIP is on the master again/);
    expect(await trackFileValue(pair.n1)).toBe("0");
    expect(await holdsVip(pair.n1)).toBe(true);
    const entry = ChangeEntrySchema.parse((await auditLines())[0]);
    expect(entry).toMatchObject({ result: "failed", verified: false, after: { vipOn: "n1" } });
    expect(entry.message).toContain("rolled back");
    expect(entry.commands.map((command) => command.status)).toEqual(["applied", "applied"]);
    // Nothing moved, so there is nothing to move back: refused (exit 1), nothing run.
    const undo = await fulcrum(["undo", entry.id, "--yes", ...locationFlags()]);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toContain(`entry ${entry.id} ended failed: the VIP did not move`);
    expect(undo.stdout).toBe("");
    expect(await auditLines()).toHaveLength(1);
  }, 90_000);
});
