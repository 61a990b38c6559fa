// The demo's executor runs the production action path against the simulator: read, edit, verify.
import { describe, expect, it } from "vitest";
import { applyPlan } from "../../../core/actions/apply.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import { planAction } from "../../../core/actions/plan-action.ts";
import { readIpvsTable } from "../../../core/actions/read-ipvs-state.ts";
import { createDemoCluster } from "../../../core/sim/demo-cluster.ts";
import { createSimExecutor } from "../../../core/sim/sim-executor.ts";

describe("simulated host executor", () => {
  it("drains a demo backend through plan and apply, keeping NAT, and verifies it", async () => {
    const host = createDemoCluster(Date.UTC(2026, 0, 1)).hosts.find(
      (candidate) => candidate.name === "demo-nat-1",
    );
    if (!host?.ipvs) throw new Error("no demo NAT director");
    const executor = createSimExecutor(host.ipvs);
    const services = await readIpvsTable(executor);
    const web = services.find((service) => service.port === 80);
    expect(web?.realServers.length).toBe(8);
    const planned = planAction(
      { services, host: { id: "demo-nat-1", production: false } },
      { kind: "drain", service: "10.20.0.10:80", backend: "10.20.1.11:8080" },
    );
    if (!planned.ok) throw new Error(JSON.stringify(planned));
    expect(planned.plan.commands[0]?.shell).toBe("ipvsadm -e -t 10.20.0.10:80 -r 10.20.1.11:8080 -m -w 0");
    const report = await applyPlan(planned.plan, {
      executor,
      locks: new HostActionLocks(),
      pollIntervalMs: 1,
    });
    expect(report.outcome).toBe("verified");
    const after = (await readIpvsTable(executor))
      .find((service) => service.port === 80)
      ?.realServers.find((server) => server.address === "10.20.1.11");
    expect(after).toMatchObject({ weight: 0, forward: "masq" });
  });

  it("answers anything but ipvsadm and echo as a missing command", async () => {
    const host = createDemoCluster(0).hosts[0];
    if (!host?.ipvs) throw new Error("no demo director");
    expect(await createSimExecutor(host.ipvs).run(["rm", "-rf", "/"])).toMatchObject({ code: 127 });
  });
});
