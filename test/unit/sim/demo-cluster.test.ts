/** The first-launch demo cluster: marked demo, realistic, and framed exactly as the sampler frames. */
import { describe, expect, it } from "vitest";
import {
  advanceDemoCluster,
  createDemoCluster,
  demoHostFrame,
  demoHostSections,
} from "../../../core/sim/demo-cluster.ts";
import { HAPROXY_26_STAT_FIELDS } from "../../../core/sim/format-host.ts";
import { visibleCounters } from "../../../core/sim/sim-stats.ts";

const START = 1_800_000_000_000;

describe("demo cluster", () => {
  const cluster = createDemoCluster(START);
  advanceDemoCluster(cluster, START + 60_000);
  const [nat, dr, haproxy] = cluster.hosts;

  it("marks every host as demo", () => {
    expect(cluster.hosts.map((h) => [h.name, h.demo])).toEqual([
      ["demo-nat-1", true],
      ["demo-dr-1", true],
      ["demo-haproxy-1", true],
    ]);
  });

  it("runs the NAT director's 1 Gbit/s NIC at 85-90 %", () => {
    const eth0 = nat!.nics.find((n) => n.name === "eth0")!;
    const before = eth0.txBytes;
    advanceDemoCluster(cluster, START + 70_000);
    const utilisation = (Number(eth0.txBytes - before) * 8) / 10 / 1e9;
    expect(utilisation).toBeGreaterThan(0.85);
    expect(utilisation).toBeLessThan(0.9);
  });

  it("shows the DR director inbound only, with one quiescent backend", () => {
    for (const svc of dr!.ipvs!.services) {
      expect(visibleCounters(svc.stats).inBytes).toBeGreaterThan(0n);
      expect(visibleCounters(svc.stats).outBytes).toBe(0n);
      expect(svc.dests.length).toBeLessThanOrEqual(40);
      expect(svc.dests.filter((d) => d.weight === 0)).toHaveLength(1);
    }
  });

  it("shows an HAProxy server draining", () => {
    const csv = demoHostSections(haproxy!)["haproxy-stat"]!;
    const status = HAPROXY_26_STAT_FIELDS.indexOf("status");
    expect(
      csv
        .split("\n")
        .filter((l) => l.split(",")[status] === "DRAIN")
        .map((l) => l.split(",")[1]),
    ).toEqual(["app3"]);
  });

  it("frames sections as remote-script.ts format 1 does", () => {
    const frame = demoHostFrame(nat!);
    const sections = demoHostSections(nat!);
    expect(frame.startsWith(`==FULCRUM-FRAME seq=1 uptime=`)).toBe(true);
    expect(frame).toMatch(/^==FULCRUM-FRAME seq=1 uptime=\d+\.\d\d epoch=\d+==\n/);
    expect(frame.endsWith("==END seq=1==\n")).toBe(true);
    for (const [name, body] of Object.entries(sections))
      expect(frame).toContain(`==SECTION ${name}==\n${body}\n==SECTION-END ${name} rc=0==\n`);
    expect(Object.keys(sections)).toEqual(["ipvsadm", "ipvsadm-stats", "netdev", "net-speed"]);
  });
});
