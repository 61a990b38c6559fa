// A plan on a service keepalived defines says the manual weight is temporary. The config is read by
// the one keepalived.conf reader, whose host program runs here for real on files in a temporary
// folder (includes and all); ipvsadm is answered by the director simulator.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localExecutor } from "../../../cli/local-executor.ts";
import { HostActionLocks } from "../../../core/actions/host-action-lock.ts";
import type { HostExecutor } from "../../../core/actions/host-executor.ts";
import { HostActions } from "../../../core/app/host-actions.ts";
import { CONFIG_FILES_PROGRAM } from "../../../core/actions/keepalived-config-read.ts";
import { readKeepalivedServices } from "../../../core/actions/keepalived-managed.ts";
import { AuditLog } from "../../../core/audit/audit-log.ts";
import { createDemoCluster } from "../../../core/sim/demo-cluster.ts";
import { createSimExecutor } from "../../../core/sim/sim-executor.ts";

const MAIN = `global_defs {
  router_id lb1
}
include conf.d/*.conf
`;

const SERVICE = `virtual_server 10.20.0.10 80 {
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

let folder = "";
const mainPath = () => path.join(folder, "keepalived.conf");

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "fulcrum-managed-"));
  await writeFile(mainPath(), MAIN);
  await mkdir(path.join(folder, "conf.d"));
  await writeFile(path.join(folder, "conf.d", "web.conf"), SERVICE);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A demo director whose keepalived.conf reader runs for real on this machine. */
function director(): HostExecutor {
  const host = createDemoCluster(0).hosts.find((candidate) => candidate.name === "demo-nat-1");
  if (!host?.ipvs) throw new Error("no demo NAT director");
  const sim = createSimExecutor(host.ipvs);
  // Only the config reader's program runs here; the table reader's goes to the simulator.
  return {
    run: (argv, options) =>
      options?.stdin === CONFIG_FILES_PROGRAM ? localExecutor.run(argv, options) : sim.run(argv, options),
  };
}

function actions(executor: HostExecutor, keepalivedConfig: string): HostActions {
  return new HostActions({
    hostId: "lb1",
    production: false,
    audit: new AuditLog("/nonexistent-fulcrum-test/audit.jsonl"),
    locks: new HostActionLocks(),
    onAudit: () => {},
    onAlert: () => {},
    ipvs: { executor, latest: () => null, keepalivedConfig },
  });
}

const drain = { kind: "drain", service: "10.20.0.10:80", backend: "10.20.1.11:8080" } as const;

describe("keepalived-managed services", () => {
  it("reads the services keepalived defines, an included file's too, and nothing from an unreadable config", async () => {
    expect(await readKeepalivedServices(director(), mainPath())).toEqual(["10.20.0.10:80"]);
    expect(await readKeepalivedServices(director(), path.join(folder, "absent.conf"))).toEqual([]);
  });

  it("reads nothing when an included file cannot be parsed (unknown, not a failed plan)", async () => {
    const broken = path.join(folder, "broken.conf");
    await writeFile(broken, "virtual_server 10.20.0.10 80 {\n  real_server 10.20.1.11 8080 {\n");
    expect(await readKeepalivedServices(director(), broken)).toEqual([]);
  });

  it("warns in the plan that a manual weight on such a service is temporary", async () => {
    const managed = await actions(director(), mainPath()).planIpvs(drain);
    expect(managed.ok && managed.plan.warnings.map((warning) => warning.code)).toContain(
      "keepalived-managed",
    );
    const unmanaged = await actions(director(), path.join(folder, "absent.conf")).planIpvs(drain);
    expect(unmanaged.ok && unmanaged.plan.warnings.map((warning) => warning.code)).not.toContain(
      "keepalived-managed",
    );
  });
});
