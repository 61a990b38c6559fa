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
const RS2 = "192.0.2.12:80";

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

const connectionLost = (): never => {
  throw new Error("ssh: connection lost");
};

describe("applyPlan", () => {
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

  it("aborts without running anything when the target changed since the plan", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    Object.assign(host.server(RS1) ?? {}, { weight: 2 });
    const report = await applyPlan(plan, options(host));
    expect(report.outcome).toBe("aborted");
    expect(report.message).toContain("changed since the plan (weight was 3, is 2); nothing was run");
    expect(host.changeCalls()).toEqual([]);
    expect(report.commands[0]?.status).toBe("not-run");
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

  it("refuses a second action on the same host while one is pending, and allows it afterwards", async () => {
    const host = new FakeIpvsHost();
    const first = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    const second = await planOn(host, { kind: "drain", service: NAT, backend: RS2 });
    let releaseRead: () => void = () => {};
    const readHeld = new Promise<void>((resolve) => (releaseRead = resolve));
    host.before = async (_argv, call) => {
      if (call === 1) await readHeld;
      return undefined;
    };
    const shared = options(host);
    const pending = applyPlan(first, shared);
    const refused = await applyPlan(second, shared);
    expect(refused.outcome).toBe("refused");
    expect(refused.message).toBe(
      "another action is in progress on lab (drain 192.0.2.11:80 in 203.0.113.10:80); nothing was run — try again when it has finished",
    );
    releaseRead();
    expect((await pending).outcome).toBe("verified");
    expect(host.changeCalls()).toHaveLength(1);
    host.before = undefined;
    expect((await applyPlan(second, shared)).outcome).toBe("verified");
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

  it("resolves a connection lost after the command ran: applied, by re-read", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "remove", service: NAT, backend: RS2 });
    host.afterChange = connectionLost;
    let reconnects = 0;
    const report = await applyPlan(plan, options(host, { reconnect: async () => ((reconnects += 1), host) }));
    expect(report.outcome).toBe("verified");
    expect(report.commands[0]).toMatchObject({ status: "applied", connectionLost: true });
    expect(report.message).toMatch(
      /connection was lost while running ipvsadm -d .*re-read after reconnecting: it was applied, 192.0.2.12:80 is absent/,
    );
    expect(reconnects).toBe(1);
    expect(host.server(RS2)).toBeUndefined();
  });

  it("resolves a connection lost before the command reached the host: not applied", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    host.before = (argv) => (argv[0] === "ipvsadm" ? connectionLost() : undefined);
    const report = await applyPlan(plan, options(host, { verifyTimeoutMs: 1000 }));
    expect(report.outcome).toBe("failed");
    expect(report.commands[0]).toMatchObject({ status: "not-applied", connectionLost: true });
    expect(report.message).toContain("it was NOT applied, 192.0.2.11:80 is still masq weight 3");
  });

  it("says unknown when no re-read succeeds after the connection dropped", async () => {
    const host = new FakeIpvsHost();
    const plan = await planOn(host, { kind: "drain", service: NAT, backend: RS1 });
    host.before = (_argv, call) => (call >= 2 ? connectionLost() : undefined);
    const report = await applyPlan(plan, options(host, { verifyTimeoutMs: 1000, pollIntervalMs: 250 }));
    expect(report.outcome).toBe("unknown");
    expect(report.commands[0]?.status).toBe("unknown");
    expect(report.message).toContain("whether it was applied is unknown");
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
