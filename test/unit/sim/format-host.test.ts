/** /proc/net/dev, net-speed and HAProxy show stat against real captures of the same texts. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  formatHaproxyShowStat,
  formatNetSpeed,
  formatProcNetDev,
  HAPROXY_26_STAT_FIELDS,
} from "../../../core/sim/format-host.ts";
import { addForwardedTraffic, createNic, type SimHaproxy } from "../../../core/sim/host-sim.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures");

describe("host formats", () => {
  for (const capture of ["host/host-proc-net-dev.txt", "lab/proc-net-dev.txt"]) {
    it(`prints /proc/net/dev with the kernel's header and field widths (${capture})`, () => {
      const real = readFileSync(join(FIXTURES, capture), "utf8");
      // The capture's numbers, the simulator's layout. The simulated NIC keeps fifo, frame,
      // compressed, colls and carrier at 0, so those columns must be 0 in the capture too.
      const nics = real
        .split("\n")
        .slice(2)
        .filter((l) => l.includes(":"))
        .map((line) => {
          const colon = line.indexOf(":");
          const n = line
            .slice(colon + 1)
            .trim()
            .split(/\s+/)
            .map(BigInt);
          expect([n[4], n[5], n[6], n[12], n[13], n[14], n[15]]).toEqual([0n, 0n, 0n, 0n, 0n, 0n, 0n]);
          return {
            ...createNic(line.slice(0, colon).trim()),
            rxBytes: n[0]!,
            rxPackets: n[1]!,
            rxErrors: n[2]!,
            rxDrops: n[3]!,
            rxMulticast: n[7]!,
            txBytes: n[8]!,
            txPackets: n[9]!,
            txErrors: n[10]!,
            txDrops: n[11]!,
          };
        });
      expect(nics.length).toBeGreaterThan(1);
      expect(formatProcNetDev(nics)).toBe(real);
    });
  }

  it("a NAT director's NIC carries both directions of the IPVS traffic plus Ethernet headers", () => {
    const nic = createNic("eth0", 1000);
    addForwardedTraffic(nic, { conns: 1n, inPkts: 10n, outPkts: 20n, inBytes: 1000n, outBytes: 30000n });
    expect([nic.rxBytes, nic.txBytes, nic.rxPackets]).toEqual([31420n, 31420n, 30n]);
  });

  it("prints one IFNAME SPEED line per interface", () => {
    expect(formatNetSpeed([createNic("eth0", 10000), createNic("lo")])).toBe("eth0 10000\nlo -1\n");
    expect(formatNetSpeed([createNic("lo")], "")).toBe("lo \n");
  });

  it("prints show stat with the header line of a real HAProxy 2.6 and one column per field", () => {
    const real = readFileSync(join(FIXTURES, "haproxy/show-stat.csv"), "utf8");
    const proxy: SimHaproxy = {
      frontend: "fe_main",
      frontendAddress: "127.0.0.1:80",
      backend: "be_app",
      sessionsPerSecond: 0,
      establishedSeconds: 20,
      requestBytes: 0,
      responseBytes: 0,
      sessionSeconds: 0,
      frontendTotal: 0n,
      frontendMax: 0,
      frontendBytesIn: 0n,
      frontendBytesOut: 0n,
      carry: 0,
      roundRobin: 0,
      lastRate: 0,
      maxRate: 0,
      servers: [
        {
          name: "s1",
          address: "127.0.0.1:1",
          weight: 10,
          state: "ready",
          current: 0,
          max: 0,
          total: 22n,
          bytesIn: 1804n,
          bytesOut: 4004n,
          responses2xx: 22n,
          responses5xx: 0n,
          lastChangeSeconds: 1,
        },
        {
          name: "s2",
          address: "127.0.0.1:2",
          weight: 10,
          state: "drain",
          current: 0,
          max: 0,
          total: 10n,
          bytesIn: 820n,
          bytesOut: 1820n,
          responses2xx: 10n,
          responses5xx: 0n,
          lastChangeSeconds: 0,
        },
      ],
    };
    const text = formatHaproxyShowStat(proxy);
    const lines = text.split("\n");
    expect(lines[0]).toBe(real.split("\n")[0]);
    expect(text.endsWith("\n\n")).toBe(true);
    for (const line of lines.slice(1, 5))
      expect(line.split(",")).toHaveLength(HAPROXY_26_STAT_FIELDS.length + 1);
    const status = HAPROXY_26_STAT_FIELDS.indexOf("status");
    expect(lines.map((l) => l.split(",")[status])).toEqual(expect.arrayContaining(["OPEN", "UP", "DRAIN"]));
    const s2 = lines.find((l) => l.startsWith("be_app,s2,"))!.split(",");
    expect(s2[HAPROXY_26_STAT_FIELDS.indexOf("stot")]).toBe("10");
    expect(s2[HAPROXY_26_STAT_FIELDS.indexOf("weight")]).toBe("10");
  });
});
