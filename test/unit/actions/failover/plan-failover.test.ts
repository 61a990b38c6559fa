import { describe, expect, it } from "vitest";
import { planFailover } from "../../../../core/actions/failover/plan-failover.ts";
import type { FailoverPlan, PreflightCheckId } from "../../../../core/actions/failover/failover-plan.ts";
import { parseIpAddr } from "../../../../core/parse/host/ip-addr.ts";
import { healthyPair, ipAddrText, MASTER_TRACK_FILE, VIPS } from "./node-views.ts";

const failed = (plan: FailoverPlan): PreflightCheckId[] =>
  plan.checks.filter((check) => check.status === "failed").map((check) => check.id);
const check = (plan: FailoverPlan, id: PreflightCheckId) =>
  plan.checks.find((candidate) => candidate.id === id);

describe("planFailover", () => {
  it("passes every check on a healthy pair and lowers the master's priority through the track file", () => {
    const plan = planFailover(healthyPair());
    expect(failed(plan)).toEqual([]);
    expect(plan.blocked).toBe(false);
    expect(plan.instance).toBe("VI_1");
    expect(plan.vips).toEqual(VIPS);
    expect(plan.method?.kind).toBe("lower-priority");
    // Effective priorities 160 (master) and 110 (peer), weight 1: 160 - 51 = 109, one below the peer.
    expect(plan.method?.trackFile).toEqual({
      name: "maint",
      path: MASTER_TRACK_FILE,
      multiplier: 1,
      value: -51,
      previous: "0\n",
      written: "-51",
    });
    expect(plan.steps).toEqual([
      {
        node: "master",
        argv: ["dd", `of=${MASTER_TRACK_FILE}`, "status=none"],
        stdin: "-51\n",
        shell: `printf '%s\\n' -51 | dd of=${MASTER_TRACK_FILE} status=none`,
        purpose: "lower the master's priority",
      },
    ]);
    expect(plan.rollback.map((step) => [step.argv, step.stdin])).toEqual([
      [["dd", `of=${MASTER_TRACK_FILE}`, "status=none"], "0\n"],
    ]);
    // The peer's master down timer in the capture is 3570312 us: + one advert + 1 s margin.
    expect(plan.expected).toMatchObject({ vipOn: "peer", withinMs: 3571 + 1000 + 1000 });
    expect(check(plan, "ipvs-tables-equivalent")?.status).toBe("skipped");
    expect(plan.warnings.map((warning) => warning.code)).toEqual(
      expect.arrayContaining(["no-sync-daemon", "split-brain-risk", "preempt-back", "ipvs-not-compared"]),
    );
  });

  it("refuses when the peer is in FAULT", () => {
    const nodes = healthyPair();
    const instance = nodes.peer.data?.instances[0];
    if (instance) instance.state = "FAULT";
    const plan = planFailover(nodes);
    expect(plan.blocked).toBe(true);
    expect(failed(plan)).toContain("peer-is-backup");
    expect(check(plan, "peer-is-backup")?.message).toContain("FAULT");
  });

  it("refuses a split brain found before acting, and VIP lists or routers that differ", () => {
    const nodes = healthyPair();
    nodes.peer.addresses = parseIpAddr(ipAddrText("192.0.2.2", ["192.0.2.100"]));
    const peerInstance = nodes.peer.data?.instances[0];
    if (peerInstance) {
      peerInstance.virtualRouterId = 52;
      peerInstance.virtualIps = peerInstance.virtualIps.slice(0, 1);
    }
    const plan = planFailover(nodes);
    expect(failed(plan)).toEqual(
      expect.arrayContaining(["vip-on-master-only", "same-router", "vip-lists-equal"]),
    );
    expect(check(plan, "vip-on-master-only")?.message).toContain("split brain: 192.0.2.100");
  });

  it("compares the IPVS tables as sorted rules", () => {
    const nodes = healthyPair();
    nodes.master.ipvsSave =
      "-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 10.0.0.11:80 -m -w 3\n-a -t 192.0.2.100:80 -r 10.0.0.12:80 -m -w 1\n";
    nodes.peer.ipvsSave =
      "-A -t 192.0.2.100:80 -s wrr\n-a -t 192.0.2.100:80 -r 10.0.0.12:80 -m -w 1\n-a -t 192.0.2.100:80 -r 10.0.0.11:80 -m -w 3\n";
    expect(check(planFailover(nodes), "ipvs-tables-equivalent")?.status).toBe("passed");
    nodes.peer.ipvsSave = nodes.peer.ipvsSave.replace("-w 3", "-w 0");
    const differing = check(planFailover(nodes), "ipvs-tables-equivalent");
    expect(differing?.status).toBe("failed");
    expect(differing?.message).toContain("10.0.0.11:80 -m -w 0");
  });

  it("refuses right after a transition (flapping) and while a track file still holds a failover", () => {
    const nodes = healthyPair();
    nodes.peer.readAtSeconds = 1795614693.98 + 5;
    nodes.master.trackFileValues[MASTER_TRACK_FILE] = "-51\n";
    const plan = planFailover(nodes);
    expect(failed(plan)).toEqual(expect.arrayContaining(["no-recent-transition", "no-failover-in-progress"]));
    expect(check(plan, "no-recent-transition")?.message).toContain("lb2 changed state 5.0 s ago");
    expect(planFailover(healthyPair(), { failoverInProgress: true }).blocked).toBe(true);
  });

  it("requires the sync daemon when keepalived is configured to run it", () => {
    const nodes = healthyPair();
    if (nodes.master.config) nodes.master.config.lvsSyncDaemon = { interface: "eth0", instance: "VI_1" };
    nodes.master.syncDaemon = { master: true, backup: false };
    nodes.peer.syncDaemon = { master: false, backup: false };
    expect(failed(planFailover(nodes))).toContain("sync-daemon");
    nodes.peer.syncDaemon = { master: false, backup: true };
    const plan = planFailover(nodes);
    expect(check(plan, "sync-daemon")?.status).toBe("passed");
    expect(plan.warnings.map((warning) => warning.code)).not.toContain("no-sync-daemon");
  });

  it("forces FAULT when the peer does not preempt", () => {
    const plan = planFailover(healthyPair({ nopreempt: true }));
    expect(plan.blocked).toBe(false);
    expect(plan.method?.kind).toBe("force-fault");
    expect(plan.method?.trackFile?.value).toBe(-254);
  });

  it("falls back to stopping keepalived, with a warning, and refuses when not even that is possible", () => {
    const nodes = healthyPair({ trackFile: false });
    expect(planFailover(nodes).blocked).toBe(true);
    expect(failed(planFailover(nodes))).toEqual(["method-available"]);
    nodes.master.control = {
      stop: ["systemctl", "stop", "keepalived"],
      start: ["systemctl", "start", "keepalived"],
    };
    const plan = planFailover(nodes);
    expect(plan.blocked).toBe(false);
    expect(plan.method?.kind).toBe("stop-keepalived");
    expect(plan.steps.map((step) => step.shell)).toEqual(["systemctl stop keepalived"]);
    expect(plan.rollback.map((step) => step.shell)).toEqual(["systemctl start keepalived"]);
    expect(plan.warnings.map((warning) => warning.code)).toContain("blunt-method");
  });

  it("lets the operator override a failed check, but never a fundamental one", () => {
    const nodes = healthyPair();
    nodes.peer.readAtSeconds = 1795614693.98 + 5;
    const plan = planFailover(nodes, { override: ["no-recent-transition"] });
    expect(check(plan, "no-recent-transition")).toMatchObject({ status: "failed", overridden: true });
    expect(plan.blocked).toBe(false);

    const down = healthyPair();
    down.peer.keepalived.alive = false;
    const refused = planFailover(down, { override: ["keepalived-running"] });
    expect(refused.blocked).toBe(true);
    expect(check(refused, "keepalived-running")?.overridden).toBeUndefined();
  });

  it("stops at an unreachable node with its problem", () => {
    const nodes = healthyPair();
    nodes.peer.reachable = false;
    nodes.peer.problem = "timeout";
    const plan = planFailover(nodes);
    expect(plan.checks).toEqual([{ id: "nodes-reachable", status: "failed", message: "lb2: timeout" }]);
    expect(plan.blocked).toBe(true);
    expect(plan.steps).toEqual([]);
  });
});
