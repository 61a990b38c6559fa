import { english } from "../../../../renderer/i18n/i18n.ts";
import { describe, expect, it } from "vitest";
import { toSectionProblems } from "../../../../renderer/view-model/section-problems.ts";
import { toVrrpPanel } from "../../../../renderer/view-model/vrrp-instances.ts";
import { ipvsSourceNote } from "../../../../renderer/view-model/ipvs-source-note.ts";
import { busyNatSnapshot } from "./lb-test-snapshots.ts";
import { testSnapshot } from "../test-snapshot.ts";

describe("toVrrpPanel", () => {
  it("shows each instance's state, priorities and VIPs, flagging a lowered effective priority", () => {
    expect(toVrrpPanel(busyNatSnapshot())).toEqual({
      running: true,
      instances: [
        {
          name: "VI_WEB",
          state: "MASTER",
          tone: "ok",
          priority: "150",
          effectivePriority: "150",
          priorityLowered: false,
          virtualIps: "192.0.2.10, 192.0.2.20",
        },
        {
          name: "VI_DB",
          state: "FAULT",
          tone: "bad",
          priority: "100",
          effectivePriority: "80",
          priorityLowered: true,
          virtualIps: "192.0.2.30",
        },
      ],
    });
  });

  it("is absent without keepalived data, and says so when keepalived is not running", () => {
    expect(toVrrpPanel(testSnapshot())).toBeUndefined();
    expect(toVrrpPanel({ vrrp: { running: false, instances: [] } })).toEqual({
      running: false,
      instances: [],
    });
    const backup = toVrrpPanel({
      vrrp: { running: true, instances: [{ name: "VI_1", state: "backup", virtualIps: [] }] },
    });
    expect(backup?.instances[0]).toMatchObject({
      state: "BACKUP",
      tone: "idle",
      priority: "—",
      virtualIps: "—",
    });
  });
});

describe("toSectionProblems", () => {
  it("writes each failed section with its message, exit status and line", () => {
    expect(toSectionProblems(busyNatSnapshot(), english).map((problem) => problem.text)).toEqual([
      "ipvsadm-stats: Can't initialize ipvs: Permission denied (you must be root?) (exit 2)",
      "haproxy: expected 80 fields, found 12 (line 4, could not parse)",
    ]);
    expect(toSectionProblems(testSnapshot(), english)).toEqual([]);
  });
});

describe("ipvsSourceNote", () => {
  it("explains missing counters only when the table came from /proc/net/ip_vs", () => {
    expect(ipvsSourceNote({ ipvsSource: "proc" }, english)).toMatch(
      /no privilege to run ipvsadm.*no traffic counters/,
    );
    expect(ipvsSourceNote({ ipvsSource: "ipvsadm" }, english)).toBeUndefined();
    expect(ipvsSourceNote({}, english)).toBeUndefined();
  });
});
