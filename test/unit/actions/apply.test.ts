import { describe, expect, it } from "vitest";
import type { ActionIntent } from "../../../core/actions/action-intent.ts";
import type { ActionPlan } from "../../../core/actions/action-plan.ts";
import { applyPlan, type ApplyOptions } from "../../../core/actions/apply.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { planAction } from "../../../core/actions/plan-action.ts";
import { readIpvsTable } from "../../../core/actions/read-ipvs-state.ts";
import { FakeIpvsHost } from "./fake-ipvs-host.ts";

const NAT = "203.0.113.10:80";
const RS1 = "192.0.2.11:80";

async function planOn(host: FakeIpvsHost, intent: ActionIntent): Promise<ActionPlan> {
  const result = planAction(
    { services: await readIpvsTable(host), host: { id: "lab", production: false } },
    intent,
  );
  if (!result.ok) throw new Error(result.refusal.message);
  host.calls.length = 0;
  return result.plan;
}

/** A clock that only moves when apply sleeps: bounded polling without waiting for real. */
function virtualTime(): Pick<ApplyOptions, "now" | "sleep"> {
  let time = 1_000_000;
  return {
    now: () => time,
    sleep: async (ms) => {
      time += ms;
    },
  };
}

function options(host: FakeIpvsHost, extra: Partial<ApplyOptions> = {}): ApplyOptions {
  return { executor: host, locks: new HostActionLocks(), ...virtualTime(), ...extra };
}

// What every family's apply promises (compare-and-set, one action per host, a lost connection
// resolved by a re-read, unknown only when nothing can be read) is test/unit/actions/apply-contract.test.ts;
// here is what is IPVS's own: the exact ipvsadm argv, thresholds, and what compare-and-set compares.
describe("applyPlan (IPVS)", () => {
  it("re-reads, runs the exact argv and verifies the change", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    const report = await applyPlan(plan, options(host));
    expect(report.outcome).toBe("verified");
    expect(host.changeCalls()).toEqual([
      ["ipvsadm", "-e", "-t", NAT, "-r", RS1, "-m", "-w", "0", "-x", "1000", "-y", "800"],
    ]);
    expect(host.server(RS1)).toMatchObject({ weight: 0, forward: "Masq", upper: 1000, lower: 800 });
    expect(report.commands).toEqual([{ shell: plan.commands[0]?.shell, status: "applied", exitCode: 0 }]);
    expect(report.observedBefore).toEqual({
      exists: true,
      forward: "masq",
      weight: 3,
      upperThreshold: 1000,
      lowerThreshold: 800,
    });
    expect(report.observedAfter).toEqual({
      exists: true,
      forward: "masq",
      weight: 0,
      upperThreshold: 1000,
      lowerThreshold: 800,
    });
    // read (compare-and-set), command, read (verify): nothing else.
    expect(host.calls.map((argv) => argv[0])).toEqual(["sh", "ipvsadm", "sh"]);
  });

  it("aborts when the forwarding method, the thresholds or the backend's existence changed", async () => {
    for (const change of [
      (host: FakeIpvsHost) => Object.assign(host.server(RS1) ?? {}, { forward: "Route" }),
      (host: FakeIpvsHost) => Object.assign(host.server(RS1) ?? {}, { upper: 0 }),
      (host: FakeIpvsHost) => {
        const nat = host.table[0];
        if (nat) nat.servers = nat.servers.filter((server) => server.address !== RS1);
      },
    ]) {
      const host = new FakeIpvsHost();
      const plan = await planOn(host, { kind: "setWeight", service: NAT, backend: RS1, weight: 2 });
      change(host);
      const report = await applyPlan(plan, options(host));
      expect(report.outcome).toBe("aborted");
      expect(host.changeCalls()).toEqual([]);
    }
  });

  it("reports a failing command with its exit status and message", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    host.before = (argv) =>
      argv[0] === "ipvsadm" ? { stdout: "", stderr: "Memory allocation problem\n", code: 2 } : undefined;
    const report = await applyPlan(plan, options(host));
    expect(report.outcome).toBe("failed");
    expect(report.message).toContain("failed (exit 2): Memory allocation problem");
    expect(report.commands[0]).toMatchObject({ status: "not-applied", exitCode: 2 });
  });

  it("says not verified when the change does not show within the bound", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    host.ignoreChanges = true;
    const report = await applyPlan(plan, options(host, { verifyTimeoutMs: 2000, pollIntervalMs: 500 }));
    expect(report.outcome).toBe("not-verified");
    expect(report.message).toContain("does not show masq weight 0 yet (it shows masq weight 3)");
    // 1 compare-and-set read + 1 command + reads at t = 0, 500, 1000, 1500, 2000.
    expect(host.calls.filter((argv) => argv[0] === "sh")).toHaveLength(6);
  });

  it("fails before running when the table cannot be read", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    host.before = () => ({ stdout: "", stderr: "Can't initialize ipvs: Protocol not available\n", code: 1 });
    const report = await applyPlan(plan, options(host));
    expect(report.outcome).toBe("failed");
    expect(report.message).toContain("Protocol not available");
    expect(host.changeCalls()).toEqual([]);
  });
});
