/**
 * Director failover against two real keepalived 2.2.7 daemons in network namespaces, each node
 * reached through its own real sshd (keepalived-pair.ts). n1 has priority 150, n2 100, preempt on,
 * advert_int 1, and both track a file with weight 1, so both the lower-priority and the
 * force-FAULT methods can be exercised. Every test leaves the pair healthy for the next
 * (n1 MASTER with the VIP, n2 BACKUP) or fails.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planFailover, type FailoverOptions } from "../../../core/actions/failover/plan-failover.ts";
import { runFailover, type FailoverClock } from "../../../core/actions/failover/run-failover.ts";
import type { NodeView } from "../../../core/actions/failover/node-view.ts";
import { readNodeView } from "../../../core/actions/failover/read-node-view.ts";
import type { HostExecutor } from "../../../core/actions/host-executor.ts";
import { executable, isRoot, missingPrerequisites } from "../../support/prerequisites.ts";
import { isAlive } from "../harness/process-tree.ts";
import { startKeepalivedPair, VIP, type KeepalivedPair } from "./keepalived-pair.ts";
import { holdsVip, readPairNode, writeTrackFile } from "./pair-node-probes.ts";

const skipReason = missingPrerequisites(
  isRoot,
  executable("/usr/sbin/keepalived", "keepalived"),
  executable("/usr/sbin/sshd", "openssh-server"),
  executable("/usr/sbin/ip", "iproute2"),
);

const realClock: FailoverClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
// The daemons were just started: a transition older than 2 s counts as settled here.
const options: FailoverOptions = { minSecondsSinceTransition: 2 };

let pair: KeepalivedPair;

/** Polls (bounded) until the pair is healthy and settled: the state every test starts from. */
async function waitHealthy(timeoutMs = 20_000): Promise<{ master: NodeView; peer: NodeView }> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    const [master, peer] = await Promise.all([readPairNode(pair.n1), readPairNode(pair.n2)]);
    const plan = planFailover({ master, peer }, options);
    if (!plan.blocked) return { master, peer };
    last = plan.checks
      .filter((check) => check.status === "failed")
      .map((check) => `${check.id}: ${check.message}`)
      .join("; ");
    await realClock.sleep(500);
  }
  throw new Error(`the pair did not become healthy: ${last}`);
}

describe.skipIf(skipReason)("keepalived failover over SSH (real keepalived, real sshd, namespaces)", () => {
  beforeAll(async () => {
    pair = await startKeepalivedPair();
  });
  afterAll(async () => {
    await pair?.dispose();
  });

  it("passes the preflight on a healthy pair and chooses the lower-priority method", async () => {
    const views = await waitHealthy();
    const plan = planFailover(views, options);
    expect(plan.blocked).toBe(false);
    expect(plan.instance).toBe("VI_1");
    expect(plan.vips).toEqual([VIP]);
    expect(plan.checks.filter((check) => check.status === "failed")).toEqual([]);
    expect(plan.checks.find((check) => check.id === "ipvs-tables-equivalent")?.status).toBe("skipped"); // no IPVS in this kernel
    expect(plan.method?.kind).toBe("lower-priority");
    // 150 -> below 100 with weight 1: value 99 - 150 = -51.
    expect(plan.method?.trackFile).toMatchObject({ path: pair.n1.trackFile, value: -51, multiplier: 1 });
    expect(plan.warnings.map((warning) => warning.code)).toContain("no-sync-daemon");
    // The parsed dump and config carried the VRRP password only as a count.
    expect(views.master.data?.redactedSecrets).toBe(1);
    expect(views.master.config?.redactedSecrets).toBe(1);
    expect(JSON.stringify(views)).not.toContain("t3stOnly");
  });

  it("sends no secret over SSH: the probe redacts the DATA dump and keepalived.conf on the node", async () => {
    await waitHealthy();
    const received: string[] = [];
    const recording: HostExecutor = {
      run: async (argv, runOptions) => {
        const result = await pair.n1.executor.run(argv, runOptions);
        received.push(result.stdout, result.stderr);
        return result;
      },
    };
    const view = await readNodeView(recording, {
      label: "n1",
      locations: { pidFile: pair.n1.pidFile, configFile: pair.n1.configFile },
    });
    expect(view.data?.instances.map((instance) => instance.name)).toEqual(["VI_1"]);
    expect(view.config?.vrrpInstances.map((instance) => instance.name)).toEqual(["VI_1"]);
    const wire = received.join("");
    expect(wire).toContain("auth_pass <redacted>");
    expect(wire).toMatch(/^ {3}Password = <redacted>$/m);
    expect(wire).not.toContain("t3stOnly");
    // The recording sees what crosses: the same file read plainly does carry the password.
    await recording.run(["cat", pair.n1.configFile]);
    expect(received.join("")).toContain("auth_pass t3stOnly");
  });

  it("moves the VIP to the peer by lowering the master's priority, and sees it on exactly one node", async () => {
    const plan = planFailover(await waitHealthy(), options);
    const started = Date.now();
    const result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
    console.log(`lower-priority failover verified in ${Date.now() - started} ms`);
    expect(result.outcome).toBe("moved");
    expect(result.location).toEqual({ kind: "on-peer", onMaster: [], onPeer: [VIP] });
    expect(await holdsVip(pair.n2)).toBe(true);
    expect(await holdsVip(pair.n1)).toBe(false);
    const peer = await readPairNode(pair.n2);
    expect(peer.data?.instances[0]?.state).toBe("MASTER");
    expect(result.events.map((event) => event.type)).toEqual(
      expect.arrayContaining(["failoverStarted", "stepRan", "vipPolled", "vipMoved", "failoverFinished"]),
    );
    expect(result.events.some((event) => event.type === "rollbackStarted")).toBe(false);

    // Undo: the rollback steps restore the file and the master preempts back.
    for (const step of plan.rollback) expect((await pair.n1.executor.run(step.argv)).code).toBe(0);
    await waitHealthy();
  });

  it("moves the VIP by forcing the master into FAULT", async () => {
    const plan = planFailover(await waitHealthy(), { ...options, method: "force-fault" });
    expect(plan.method?.trackFile?.value).toBe(-254);
    const result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
    expect(result.outcome).toBe("moved");
    expect((await readPairNode(pair.n1)).data?.instances[0]?.state).toBe("FAULT");
    expect(await holdsVip(pair.n1)).toBe(false);
    for (const step of plan.rollback) expect((await pair.n1.executor.run(step.argv)).code).toBe(0);
    await waitHealthy();
  });

  it("refuses a failover when the peer is in FAULT", async () => {
    await waitHealthy();
    await writeTrackFile(pair.n2, -254);
    try {
      let peer = await readPairNode(pair.n2);
      for (let attempt = 0; attempt < 20 && peer.data?.instances[0]?.state !== "FAULT"; attempt++) {
        await realClock.sleep(250);
        peer = await readPairNode(pair.n2);
      }
      expect(peer.data?.instances[0]?.state).toBe("FAULT");
      const plan = planFailover({ master: await readPairNode(pair.n1), peer }, options);
      expect(plan.blocked).toBe(true);
      expect(plan.checks.find((check) => check.id === "peer-is-backup")).toMatchObject({ status: "failed" });
      expect(plan.checks.find((check) => check.id === "peer-is-backup")?.message).toContain("FAULT");
      const result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
      expect(result.outcome).toBe("refused");
      expect(result.events.some((event) => event.type === "stepRan")).toBe(false);
      expect(await holdsVip(pair.n1)).toBe(true);
    } finally {
      await writeTrackFile(pair.n2, 0);
    }
    await waitHealthy();
  });

  it("rolls back when the peer cannot take over, and the VIP returns to the master", async () => {
    const plan = planFailover(await waitHealthy(), { ...options, method: "force-fault" });
    pair.n2.freeze();
    let result;
    try {
      result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
    } finally {
      pair.n2.thaw();
    }
    expect(result.outcome).toBe("rolled-back");
    // The master left FAULT and released the VIP; nobody picked it up.
    expect(result.failure).toBe("vip-on-neither");
    const types = result.events.map((event) => event.type);
    expect(types.indexOf("verificationFailed")).toBeLessThan(types.indexOf("rollbackStarted"));
    expect(types).toContain("rollbackVerified");
    expect(result.location?.kind).toBe("on-master");
    expect(await holdsVip(pair.n1)).toBe(true);
    await waitHealthy();
  });

  it("reports a hung master that keeps the VIP while the peer takes over as split brain", async () => {
    const plan = planFailover(await waitHealthy(), options);
    pair.n1.freeze();
    let result;
    try {
      result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
      expect(await holdsVip(pair.n1)).toBe(true);
      expect(await holdsVip(pair.n2)).toBe(true);
    } finally {
      pair.n1.thaw();
      for (const step of plan.rollback) await pair.n1.executor.run(step.argv);
    }
    expect(result.failure).toBe("split-brain");
    expect(result.outcome).toBe("rollback-failed");
    expect(
      result.events.filter((event) => event.type === "splitBrainDetected").length,
    ).toBeGreaterThanOrEqual(1);
    await waitHealthy();
  });

  it("refuses to plan while a VIP is configured by hand on the peer (split brain)", async () => {
    await waitHealthy();
    expect((await pair.n2.executor.run(["ip", "addr", "add", `${VIP}/24`, "dev", "eth0"])).code).toBe(0);
    try {
      const plan = planFailover(
        { master: await readPairNode(pair.n1), peer: await readPairNode(pair.n2) },
        options,
      );
      expect(plan.blocked).toBe(true);
      const check = plan.checks.find((candidate) => candidate.id === "vip-on-master-only");
      expect(check?.status).toBe("failed");
      expect(check?.message).toContain("split brain");
    } finally {
      await pair.n2.executor.run(["ip", "addr", "del", `${VIP}/24`, "dev", "eth0"]);
    }
  });

  // Last: it replaces n1's keepalived with a daemonized one the harness finds by its pid file.
  it("stops keepalived on the master as the blunt fallback, found running bare (no systemd), and the peer takes over", async () => {
    const views = await waitHealthy();
    // No service manager on these nodes: the probe finds the daemon by its pid file and its own
    // command line (keepalived-control.sh), and the plan says what it will run.
    expect(views.master.control).toMatchObject({
      method: "pidfile",
      stop: ["pkill", "-TERM", "-x", "-F", pair.n1.pidFile, "keepalived"],
    });
    expect(views.master.control?.start).toEqual([
      ...pair.n1.control.start.slice(0, 2),
      "/usr/sbin/keepalived",
      ...pair.n1.control.start.slice(3),
    ]);
    const blind = await readNodeView(pair.n1.executor, {
      label: "n1",
      locations: { pidFile: `${pair.n1.dir}/no-such.pid`, configFile: pair.n1.configFile },
    });
    expect(blind.control).toBeUndefined();
    expect(blind.controlProblem).toContain("no way to stop keepalived was found");
    const plan = planFailover(views, { ...options, method: "stop-keepalived" });
    expect(plan.blocked).toBe(false);
    expect(plan.warnings.map((warning) => warning.code)).toContain("blunt-method");
    const started = Date.now();
    const result = await runFailover(plan, { master: pair.n1.executor, peer: pair.n2.executor }, realClock);
    console.log(`stop-keepalived failover verified in ${Date.now() - started} ms`);
    expect(result.outcome).toBe("moved");
    expect(await holdsVip(pair.n1)).toBe(false);
    expect(await holdsVip(pair.n2)).toBe(true);

    // Undo once the old daemon is gone (lab-notes.md: a sooner start fails with "already running").
    const oldPid = pair.n1.keepalivedPid();
    for (let attempt = 0; attempt < 100 && isAlive(oldPid); attempt++) await realClock.sleep(100);
    expect(isAlive(oldPid)).toBe(false);
    for (const step of plan.rollback)
      expect((await pair.n1.executor.run(step.argv, { timeoutMs: 10_000 })).code).toBe(0);
    const healthy = await waitHealthy();
    expect(healthy.master.keepalived.pid).not.toBe(oldPid);
    expect(await holdsVip(pair.n1)).toBe(true);
  });
});
