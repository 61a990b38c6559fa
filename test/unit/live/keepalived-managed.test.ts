// A plan on a service keepalived defines says the manual weight is temporary; the config is read
// from the host with `cat`, here answered by a director simulator plus the config text.
import { describe, expect, it } from "vitest";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import type { HostExecutor } from "../../../core/actions/host-executor.ts";
import { HostActions } from "../../../core/app/host-actions.ts";
import { KEEPALIVED_CONFIG, readKeepalivedServices } from "../../../core/actions/keepalived-managed.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import { createDemoCluster } from "../../../core/sim/demo-cluster.ts";
import { createSimExecutor } from "../../../core/sim/sim-executor.ts";

const CONFIG = `global_defs {
  router_id lb1
}
virtual_server 10.20.0.10 80 {
  lb_algo wlc
  lb_kind NAT
  protocol TCP
  real_server 10.20.1.11 8080 {
    weight 100
    TCP_CHECK {
      connect_timeout 3
    }
  }
}
`;

function director(config: string | undefined): HostExecutor {
  const host = createDemoCluster(0).hosts.find((candidate) => candidate.name === "demo-nat-1");
  if (!host?.ipvs) throw new Error("no demo NAT director");
  const sim = createSimExecutor(host.ipvs);
  return {
    run: async (argv, options) => {
      if (argv[0] === "cat" && argv[1] === KEEPALIVED_CONFIG) {
        return config === undefined
          ? { stdout: "", stderr: "cat: Permission denied\n", code: 1 }
          : { stdout: config, stderr: "", code: 0 };
      }
      return sim.run(argv, options);
    },
  };
}

function actions(executor: HostExecutor): HostActions {
  return new HostActions({
    hostId: "lb1",
    production: false,
    audit: new AuditLog("/nonexistent-fulcrum-test/audit.jsonl"),
    locks: new HostActionLocks(),
    onAudit: () => {},
    onAlert: () => {},
    ipvs: { executor, latest: () => null, readKeepalivedConfig: true },
  });
}

const drain = { kind: "drain", service: "10.20.0.10:80", backend: "10.20.1.11:8080" } as const;

describe("keepalived-managed services", () => {
  it("reads the services keepalived defines, and nothing from an unreadable config", async () => {
    expect(await readKeepalivedServices(director(CONFIG))).toEqual(["10.20.0.10:80"]);
    expect(await readKeepalivedServices(director(undefined))).toEqual([]);
  });

  it("warns in the plan that a manual weight on such a service is temporary", async () => {
    const managed = await actions(director(CONFIG)).planIpvs(drain);
    expect(managed.ok && managed.plan.warnings.map((warning) => warning.code)).toContain(
      "keepalived-managed",
    );
    const unmanaged = await actions(director(undefined)).planIpvs(drain);
    expect(unmanaged.ok && unmanaged.plan.warnings.map((warning) => warning.code)).not.toContain(
      "keepalived-managed",
    );
  });
});
