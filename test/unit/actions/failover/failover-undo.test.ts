/**
 * The undo of a failover, pure: the entry records the track file the failover wrote, the undo
 * reads it back and plans a failover back that restores that file on the node the VIPs left, so
 * the pair ends as it was. Views "after the failover" are the healthy pair's with the roles
 * swapped: lb2 MASTER with the VIPs, lb1 BACKUP at 160 - 51 = 109 with -51 in its track file.
 */
import { describe, expect, it } from "vitest";
import { failoverChangeEntry } from "../../../../core/actions/failover/failover-change-entry.ts";
import type { FailoverPlan, PreflightCheckId } from "../../../../core/actions/failover/failover-plan.ts";
import { failoverUndoOf } from "../../../../core/actions/failover/failover-undo.ts";
import type { NodeView } from "../../../../core/actions/failover/node-view.ts";
import { planFailover } from "../../../../core/actions/failover/plan-failover.ts";
import type { FailoverResult } from "../../../../core/actions/failover/run-failover.ts";
import { ChangeEntrySchema, type ChangeEntry } from "../../../../core/audit/change-entry.ts";
import { parseIpAddr } from "../../../../core/parse/host/ip-addr.ts";
import { healthyPair, ipAddrText, MASTER_TRACK_FILE, VIPS } from "./node-views.ts";

const failed = (plan: FailoverPlan): PreflightCheckId[] =>
  plan.checks.filter((check) => check.status === "failed").map((check) => check.id);

const MOVED: FailoverResult = {
  outcome: "moved",
  events: [],
  location: { kind: "on-peer", onMaster: [], onPeer: VIPS },
};

function entryOf(plan: FailoverPlan, result: FailoverResult = MOVED): ChangeEntry {
  const entry = failoverChangeEntry(plan, result, {
    id: "f1",
    at: new Date("2026-01-25T14:30:05Z"),
    who: { osUser: "ops" },
  });
  // Through JSON and the schema, as `fulcrum undo` reads it from the log.
  return ChangeEntrySchema.parse(JSON.parse(JSON.stringify(entry)));
}

/** lb1 and lb2 as they are once lb1's failover to lb2 moved the VIPs. */
function afterFailover(trackValue = "-51\n"): { master: NodeView; peer: NodeView } {
  const { master: lb1, peer: lb2 } = healthyPair();
  const lb1Instance = lb1.data?.instances[0];
  const lb2Instance = lb2.data?.instances[0];
  if (!lb1Instance || !lb2Instance) throw new Error("fixture without VI_1");
  lb1Instance.state = "BACKUP";
  lb1Instance.wantState = "BACKUP";
  lb1Instance.effectivePriority = 109;
  lb2Instance.state = "MASTER";
  lb2Instance.wantState = "MASTER";
  lb1.trackFileValues[MASTER_TRACK_FILE] = trackValue;
  lb1.addresses = parseIpAddr(ipAddrText("192.0.2.1", []));
  lb2.addresses = parseIpAddr(ipAddrText("192.0.2.2", VIPS));
  return { master: lb2, peer: lb1 };
}

function undoOfFirstFailover() {
  const undo = failoverUndoOf(entryOf(planFailover(healthyPair())));
  if (!undo.ok) throw new Error(undo.reason);
  return undo.undo;
}

describe("undo of a failover", () => {
  it("records the track file the failover wrote and reads it back as a failover back", () => {
    const entry = entryOf(planFailover(healthyPair()));
    expect(entry.failover).toEqual({
      instance: "VI_1",
      vips: VIPS,
      from: "lb1",
      to: "lb2",
      method: "lower-priority",
      trackFile: { path: MASTER_TRACK_FILE, before: "0", after: "-51" },
    });
    expect(failoverUndoOf(entry)).toEqual({
      ok: true,
      undo: {
        from: "lb2",
        to: "lb1",
        instance: "VI_1",
        restore: { path: MASTER_TRACK_FILE, before: "0", after: "-51" },
      },
    });
  });

  it("plans the restore of lb1's track file: lb1 goes back to 160 and preempts", () => {
    const undo = undoOfFirstFailover();
    const plan = planFailover(afterFailover(), {
      instance: undo.instance,
      ...(undo.restore ? { restore: undo.restore } : {}),
    });
    expect(failed(plan)).toEqual([]);
    expect(plan.blocked).toBe(false);
    expect(plan).toMatchObject({ master: "lb2", peer: "lb1", vips: VIPS });
    expect(plan.method?.kind).toBe("restore-track-file");
    expect(plan.method?.explanation).toContain("priority goes back to 160, above the master's 110");
    expect(plan.steps.map((step) => [step.node, step.argv, step.stdin])).toEqual([
      ["peer", ["dd", `of=${MASTER_TRACK_FILE}`, "status=none"], "0\n"],
    ]);
    expect(plan.rollback.map((step) => [step.node, step.argv, step.stdin])).toEqual([
      ["peer", ["dd", `of=${MASTER_TRACK_FILE}`, "status=none"], "-51\n"],
    ]);
    // The undo's own entry records no file to restore: undoing it is an ordinary failover.
    expect(entryOf(plan).failover).toEqual({
      instance: "VI_1",
      vips: VIPS,
      from: "lb2",
      to: "lb1",
      method: "restore-track-file",
    });
  });

  it("a plain failover back is refused: lb1's track file reads as a failover still in place", () => {
    const plan = planFailover(afterFailover(), { instance: "VI_1" });
    expect(plan.blocked).toBe(true);
    expect(failed(plan)).toContain("no-failover-in-progress");
  });

  it("does not restore a track file changed since, and says why", () => {
    const undo = undoOfFirstFailover();
    const plan = planFailover(afterFailover("-60\n"), {
      instance: "VI_1",
      ...(undo.restore ? { restore: undo.restore } : {}),
    });
    expect(plan.method?.kind).not.toBe("restore-track-file");
    expect(plan.blocked).toBe(true);
    const warning = plan.warnings.find((candidate) => candidate.code === "track-file-not-restored");
    expect(warning?.message).toContain(`${MASTER_TRACK_FILE} on lb1 holds "-60", not "-51"`);
  });

  it("does not restore when lb1 would not preempt, or would stay below the master", () => {
    const undo = undoOfFirstFailover();
    if (!undo.restore) throw new Error("no restore");
    const noPreempt = afterFailover();
    const lb1Instance = noPreempt.peer.data?.instances[0];
    if (lb1Instance) lb1Instance.preempt = false;
    const planA = planFailover(noPreempt, { instance: "VI_1", restore: undo.restore });
    expect(planA.method?.kind).not.toBe("restore-track-file");
    expect(planA.warnings.map((w) => w.message).join()).toContain("lb1 does not preempt");

    const low = afterFailover();
    const lb2Instance = low.master.data?.instances[0];
    if (lb2Instance) lb2Instance.effectivePriority = 200;
    const planB = planFailover(low, { instance: "VI_1", restore: undo.restore });
    expect(planB.method?.kind).not.toBe("restore-track-file");
    expect(planB.warnings.map((w) => w.message).join()).toContain("priority 160, not above the master's 200");
  });

  it("lifts a FAULT the recorded file caused (force-fault), and only that one", () => {
    const restore = { path: MASTER_TRACK_FILE, before: "0", after: "-254" };
    const nodes = afterFailover("-254\n");
    const lb1Instance = nodes.peer.data?.instances[0];
    if (lb1Instance) Object.assign(lb1Instance, { state: "FAULT", wantState: "BACKUP" });
    const plan = planFailover(nodes, { instance: "VI_1", restore });
    expect(failed(plan)).toEqual([]);
    expect(plan.method?.kind).toBe("restore-track-file");
    expect(plan.checks.find((check) => check.id === "peer-is-backup")?.message).toContain(
      "FAULT because of /run/keepalived/maint-n1",
    );
    // A value that cannot cause FAULT does not explain one: the check stays failed.
    const other = afterFailover("-51\n");
    const otherInstance = other.peer.data?.instances[0];
    if (otherInstance) Object.assign(otherInstance, { state: "FAULT", wantState: "BACKUP" });
    const blocked = planFailover(other, {
      instance: "VI_1",
      restore: { path: MASTER_TRACK_FILE, before: "0", after: "-51" },
    });
    expect(failed(blocked)).toContain("peer-is-backup");
  });

  it("refuses entries whose VIP did not move, and reads old entries without a record", () => {
    const plan = planFailover(healthyPair());
    const rolledBack = entryOf(plan, { outcome: "rolled-back", events: [], failure: "vip-on-neither" });
    expect(failoverUndoOf(rolledBack)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("ended failed"),
    });
    const { failover: _record, ...old } = entryOf(plan);
    expect(failoverUndoOf(old)).toEqual({ ok: true, undo: { from: "lb2", to: "lb1", instance: "VI_1" } });
  });
});
