/**
 * TEST DATA, built by hand for carrier and renderer tests: a director with one NAT service and one
 * DR service, in the contract's JSON form. Not taken from a real host.
 */
import type { HostSnapshot, HostSummary } from "../../../core/api.ts";

export function testHost(overrides: Partial<HostSummary> = {}): HostSummary {
  return {
    id: "lb1",
    label: "lb1.test",
    kind: "ssh",
    production: false,
    state: { phase: "ready" },
    ...overrides,
  };
}

export function testSnapshot(overrides: Partial<HostSnapshot> = {}): HostSnapshot {
  return {
    hostId: "lb1",
    at: 1_700_000_000_000,
    sequence: 7,
    stale: false,
    problems: [],
    nics: [],
    services: [
      {
        protocol: "tcp",
        family: "inet",
        address: "192.0.2.10",
        port: 443,
        scheduler: "wlc",
        flags: [],
        rates: { cps: 12, inPps: 300, outPps: 280, inBps: 45_000, outBps: 1_250_000 },
        realServers: [
          {
            address: "10.0.0.10",
            port: 443,
            forward: "masq",
            weight: 100,
            activeConns: 1234,
            inactiveConns: 56,
            rates: { cps: 2, inPps: 50, outPps: 40, inBps: 9_000, outBps: 250_000 },
          },
          { address: "10.0.0.9", port: 443, forward: "masq", weight: 50, activeConns: 7, inactiveConns: 0 },
        ],
      },
      {
        protocol: "tcp",
        family: "inet",
        address: "192.0.2.20",
        port: 80,
        scheduler: "rr",
        flags: [],
        rates: { cps: 0.5, inPps: 10, outPps: 0, inBps: 800, outBps: 0 },
        realServers: [
          {
            address: "10.0.1.1",
            port: 80,
            forward: "route",
            weight: 1,
            activeConns: 3,
            inactiveConns: 4,
            rates: { cps: 0.5, inPps: 10, outPps: 0, inBps: 800, outBps: 0 },
          },
        ],
      },
    ],
    ...overrides,
  };
}
