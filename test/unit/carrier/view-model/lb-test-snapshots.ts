/**
 * TEST DATA, built by hand (not captured from a host): snapshots that exercise the host header,
 * HAProxy, VRRP and problems panels, on top of the carrier tests' NAT + DR director.
 */
import type { HostSnapshot } from "../../../../core/api.ts";
import { testSnapshot } from "../test-snapshot.ts";

const zeroCounters = {
  rxBytes: "0",
  rxPackets: "0",
  rxErrors: "0",
  rxDrops: "0",
  txBytes: "0",
  txPackets: "0",
  txErrors: "0",
  txDrops: "0",
};

/** lb1 with a 1 Gbit/s eth0 at 90 % transmit, a quiet eth1 of unknown speed, lo and a veth. */
export function busyNatSnapshot(overrides: Partial<HostSnapshot> = {}): HostSnapshot {
  return testSnapshot({
    nics: [
      { name: "lo", ...zeroCounters },
      { name: "eth0", ...zeroCounters, speedMbps: 1000 },
      { name: "eth1", ...zeroCounters },
      { name: "veth12ab", ...zeroCounters, speedMbps: 10000 },
    ],
    nicRates: {
      lo: { rxBps: 5_000, txBps: 5_000 },
      eth0: { rxBps: 50_000_000, txBps: 112_500_000, rxUtilisation: 0.4, txUtilisation: 0.9 },
      eth1: { rxBps: 1_000, txBps: 2_000 },
      veth12ab: { rxBps: 1_240_000_000, txBps: 0, rxUtilisation: 0.992, txUtilisation: 0 },
    },
    ipvsSource: "ipvsadm",
    haproxy: [
      {
        proxy: "fe_web",
        name: "FRONTEND",
        type: "frontend",
        status: "OPEN",
        sessions: 90,
        totalSessions: "9000",
        bytesIn: "1",
        bytesOut: "2",
      },
      {
        proxy: "be_app",
        name: "app1",
        type: "server",
        status: "UP",
        sessions: 60,
        totalSessions: "6000",
        bytesIn: "10",
        bytesOut: "20",
        weight: 100,
        checkStatus: "L7OK",
        sessionRate: 25,
        inBps: 12_000,
        outBps: 3_400_000,
      },
      {
        proxy: "be_app",
        name: "app2",
        type: "server",
        status: "DRAIN",
        sessions: 3,
        totalSessions: "3000",
        bytesIn: "10",
        bytesOut: "20",
        weight: 0,
        checkStatus: "L7OK",
        sessionRate: 0,
        inBps: 0,
        outBps: 0,
      },
      {
        proxy: "be_app",
        name: "app3",
        type: "server",
        status: "MAINT",
        sessions: 0,
        totalSessions: "0",
        bytesIn: "0",
        bytesOut: "0",
        weight: 100,
      },
      {
        proxy: "be_app",
        name: "BACKEND",
        type: "backend",
        status: "UP",
        sessions: 63,
        totalSessions: "9000",
        bytesIn: "20",
        bytesOut: "40",
        weight: 200,
        sessionRate: 25,
        inBps: 12_000,
        outBps: 3_400_000,
      },
      {
        proxy: "be_static",
        name: "static1",
        type: "server",
        status: "DOWN",
        sessions: 0,
        totalSessions: "12",
        bytesIn: "0",
        bytesOut: "0",
        weight: 1,
        checkStatus: "L4CON",
      },
    ],
    vrrp: {
      running: true,
      instances: [
        {
          name: "VI_WEB",
          state: "MASTER",
          priority: 150,
          effectivePriority: 150,
          virtualIps: ["192.0.2.10", "192.0.2.20"],
        },
        { name: "VI_DB", state: "FAULT", priority: 100, effectivePriority: 80, virtualIps: ["192.0.2.30"] },
      ],
    },
    problems: [
      {
        section: "ipvsadm-stats",
        kind: "command-failed",
        rc: 2,
        message: "Can't initialize ipvs: Permission denied (you must be root?)",
      },
      { section: "haproxy", kind: "parse-failed", line: 4, message: "expected 80 fields, found 12" },
    ],
    ...overrides,
  });
}
