// A keepalived weight edit is verified only by the kernel's table: the real_server at the new
// weight in `ipvsadm -Ln --exact`. Listings below are in ipvsadm 1.31's format (see
// test/fixtures/lab/ipvsadm-Ln-exact.txt for one captured from a real kernel).
import { describe, expect, it } from "vitest";
import { applyConfigEdit } from "../../../../core/actions/config-edit/apply-config-edit.ts";
import type { ConfigEditIntent } from "../../../../core/actions/config-edit/config-edit-intent.ts";
import type { ConfigEditTarget } from "../../../../core/actions/config-edit/config-edit-target.ts";
import { configPath } from "../../../../core/actions/config-edit/config-path.ts";
import { weightInTable } from "../../../../core/actions/config-edit/keepalived-weight-readback.ts";
import {
  planConfigEdit,
  type ConfigEditPlan,
} from "../../../../core/actions/config-edit/plan-config-edit.ts";
import { HostActionLocks } from "../../../../core/actions/host-action-lock.ts";
import { ipvsWeight } from "../../../../core/commands/validated.ts";
import { parseIpvsadmList } from "../../../../core/parse/ipvs/ipvsadm-list.ts";
import { fakeConfigHost, type FakeConfigHost } from "./fake-config-host.ts";

const CONFIG = "/etc/keepalived/keepalived.conf";
const KEEPALIVED = `virtual_server 203.0.113.80 80 {
    lb_algo wrr
    lb_kind NAT
    real_server 192.0.2.11 80 {
        weight 3
    }
    real_server 192.0.2.12 80 {
        weight 1
    }
}
`;
const target: ConfigEditTarget = {
  daemon: "keepalived",
  configPath: configPath(CONFIG),
  pidFile: configPath("/run/keepalived.pid"),
};
const ref = { virtualAddress: "203.0.113.80", virtualPort: 80, realAddress: "192.0.2.11", realPort: 80 };
const toFive: ConfigEditIntent = {
  kind: "keepalived-real-server-weight",
  realServer: ref,
  weight: ipvsWeight(5),
};

function listing(rs1Weight: number | undefined, extra = ""): string {
  return [
    "IP Virtual Server version 1.2.1 (size=4096)",
    "Prot LocalAddress:Port Scheduler Flags",
    "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
    "TCP  203.0.113.10:80 wrr",
    "  -> 192.0.2.11:80                Masq    9      0          0         ",
    "TCP  203.0.113.80:80 wrr",
    ...(rs1Weight === undefined
      ? []
      : [`  -> 192.0.2.11:80                Masq    ${rs1Weight}      0          0         `]),
    "  -> 192.0.2.12:80                Masq    1      0          0         ",
    extra,
  ].join("\n");
}

const services = (text: string) => parseIpvsadmList(text).services;

describe("weightInTable", () => {
  it("is live only for the named real server of the named service at the new weight", () => {
    expect(weightInTable(services(listing(5)), ref, ipvsWeight(5))).toEqual({
      kind: "live",
      detail: "IPVS shows 192.0.2.11:80 in 203.0.113.80:80 at weight 5",
    });
    // The same real server at 9 in another service says nothing about this one.
    expect(weightInTable(services(listing(3)), ref, ipvsWeight(9))).toMatchObject({
      kind: "not-yet",
      detail: expect.stringContaining("at weight 3, not 9"),
    });
  });

  it("says when the real server or the whole service is missing", () => {
    expect(weightInTable(services(listing(undefined)), ref, ipvsWeight(5))).toMatchObject({
      kind: "not-yet",
      detail: expect.stringContaining("no 192.0.2.11:80 in 203.0.113.80:80"),
    });
    expect(
      weightInTable(services(listing(5)), { ...ref, virtualAddress: "203.0.113.81" }, ipvsWeight(5)),
    ).toMatchObject({ kind: "not-yet", detail: "IPVS has no service 203.0.113.81:80" });
  });

  it("matches IPv6 addresses in their canonical form, and the service under any protocol", () => {
    const v6 = [
      "IP Virtual Server version 1.2.1 (size=4096)",
      "Prot LocalAddress:Port Scheduler Flags",
      "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn",
      "UDP  [2001:db8:100::10]:53 rr",
      "  -> [2001:db8:1::11]:53          Masq    7      0          0         ",
      "",
    ].join("\n");
    const v6Ref = {
      virtualAddress: "2001:db8:100::10",
      virtualPort: 53,
      realAddress: "2001:db8:1::11",
      realPort: 53,
    };
    expect(weightInTable(services(v6), v6Ref, ipvsWeight(7)).kind).toBe("live");
  });
});

/** A clock that only moves when apply sleeps. */
function virtualTime() {
  let time = 1_000_000;
  return {
    now: () => time,
    sleep: async (ms: number) => {
      time += ms;
    },
  };
}

describe("applyConfigEdit on keepalived: verified by the IPVS table", () => {
  function plan(): ConfigEditPlan {
    const result = planConfigEdit(KEEPALIVED, target, toFive, new Date("2026-01-25T14:30:05Z"));
    if (!result.ok) throw new Error(result.refusal.message);
    return result.plan;
  }
  function host(): FakeConfigHost {
    return fakeConfigHost({ [CONFIG]: KEEPALIVED, "/run/keepalived.pid": "4242\n" });
  }
  const apply = (h: FakeConfigHost) =>
    applyConfigEdit(plan(), {
      hostId: "lb1",
      executor: h,
      locks: new HostActionLocks(),
      ...virtualTime(),
      pollIntervalMs: 100,
      verifyTimeoutMs: 400,
    });
  const reads = (h: FakeConfigHost) => h.log.filter((argv) => argv[0] === "ipvsadm").length;

  it("is verified once the table shows the new weight, read after the SIGHUP", async () => {
    const h = host();
    h.ipvsListing = listing(3);
    // keepalived applies the new weight a moment after the signal: the second read sees it.
    let signalled = false;
    h.beforeCommand = (argv) => {
      if (argv[0] === "kill" && argv[1] === "-HUP") signalled = true;
      else if (argv[0] === "ipvsadm" && signalled && reads(h) === 1) h.ipvsListing = listing(5);
    };
    const report = await apply(h);
    expect(report.outcome, report.message).toBe("verified");
    expect(report.message).toContain("IPVS shows 192.0.2.11:80 in 203.0.113.80:80 at weight 5");
    expect(reads(h)).toBe(2);
    const hup = h.log.findIndex((argv) => argv[0] === "kill" && argv[1] === "-HUP");
    expect(h.log.findIndex((argv) => argv[0] === "ipvsadm")).toBeGreaterThan(hup);
    // The read-back is verification, not part of the change: the report lists what changed the host.
    expect(report.commands.map((command) => command.shell)).not.toContain("ipvsadm -Ln --exact");
  });

  it("is not verified when the table keeps the old weight through the bound, and says what it saw", async () => {
    const h = host();
    h.ipvsListing = listing(3);
    const report = await apply(h);
    expect(report.outcome).toBe("not-verified");
    expect(report.message).toContain("the new weight does not show in IPVS");
    expect(report.message).toContain("at weight 3, not 5");
    expect(reads(h)).toBe(5);
    expect(h.files.get(CONFIG)).toContain("        weight 5\n");
  });

  it("is not verified, and stops asking, when the host has no readable IPVS table", async () => {
    const h = host();
    const report = await apply(h);
    expect(report.outcome).toBe("not-verified");
    expect(report.message).toContain("not read back: ipvsadm -Ln failed (exit 2): Can't initialize ipvs");
    expect(reads(h)).toBe(1);
  });
});
