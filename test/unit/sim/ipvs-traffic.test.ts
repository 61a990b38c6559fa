/** Counter semantics of the simulated kernel: the 2 s fold, DR replies, deleted destinations, -Z. */
import { describe, expect, it } from "vitest";
import {
  addDest,
  addService,
  connectionCounts,
  createIpvsState,
  deleteDest,
  zeroCounters,
  type ServiceRef,
} from "../../../core/sim/ipvs-table.ts";
import { advanceTo } from "../../../core/sim/ipvs-traffic.ts";
import { visibleCounters, visibleRates } from "../../../core/sim/sim-stats.ts";
import type { IpvsSimState, SimForward, SimLoad } from "../../../core/sim/sim-types.ts";

const SVC: ServiceRef = { protocol: "tcp", family: "inet", address: "203.0.113.20", port: 80, fwmark: 0 };
const LOAD: SimLoad = {
  cps: 50,
  perConn: { inPkts: 7, outPkts: 5, inBytes: 500, outBytes: 9000 },
  activeSeconds: 4,
  inactiveSeconds: 10,
  clients: 100,
  jitter: 0,
};

function build(forward: SimForward, load = LOAD): IpvsSimState {
  const state = createIpvsState({ seed: 3, nowMs: 10_000 });
  addService(state, SVC, { scheduler: "rr" }, load);
  for (const n of [11, 12])
    addDest(state, SVC, { family: "inet", address: `192.0.2.${n}`, port: 80 }, { forward, weight: 1 });
  return state;
}

describe("simulated IPVS counters", () => {
  it("change only at each 2 s fold, while ActiveConn moves in between", () => {
    const state = build("masq");
    advanceTo(state, 12_000);
    const atFold = visibleCounters(state.services[0]!.stats);
    expect(atFold.conns).toBe(100n);
    advanceTo(state, 13_000);
    expect(visibleCounters(state.services[0]!.stats)).toEqual(atFold);
    const dest = state.services[0]!.dests[0]!;
    expect(connectionCounts(dest, state.nowMs).active).toBe(75);
    advanceTo(state, 13_999);
    expect(visibleCounters(state.services[0]!.stats)).toEqual(atFold);
    advanceTo(state, 14_000);
    expect(visibleCounters(state.services[0]!.stats).conns).toBe(200n);
  });

  it("counts no outgoing packets or bytes for DR and TUN destinations", () => {
    for (const forward of ["route", "tunnel"] as const) {
      const state = build(forward);
      advanceTo(state, 30_000);
      const svc = visibleCounters(state.services[0]!.stats);
      expect(svc.inPkts).toBeGreaterThan(0n);
      expect(svc.outPkts).toBe(0n);
      expect(svc.outBytes).toBe(0n);
      expect(visibleRates(state.services[0]!.stats).outbps).toBe(0n);
    }
    const nat = build("masq");
    advanceTo(nat, 30_000);
    expect(visibleCounters(nat.services[0]!.stats).outBytes).toBeGreaterThan(0n);
  });

  it("keeps a deleted destination's traffic in the service total", () => {
    const state = build("masq");
    advanceTo(state, 20_000);
    const before = visibleCounters(state.services[0]!.stats);
    deleteDest(state, SVC, { family: "inet", address: "192.0.2.11", port: 80 });
    advanceTo(state, 22_000);
    const svc = visibleCounters(state.services[0]!.stats);
    const remaining = visibleCounters(state.services[0]!.dests[0]!.stats);
    expect(svc.conns).toBeGreaterThan(before.conns);
    expect(svc.conns).toBeGreaterThan(remaining.conns);
    expect(svc.inBytes).toBeGreaterThan(remaining.inBytes);
  });

  it("ipvsadm -Z shows 0 until the next fold, then only what came after", () => {
    const state = build("masq");
    advanceTo(state, 20_000);
    zeroCounters(state);
    expect(visibleCounters(state.services[0]!.stats).conns).toBe(0n);
    expect(visibleCounters(state.totals).conns).toBe(0n);
    advanceTo(state, 21_000);
    expect(visibleCounters(state.services[0]!.stats).conns).toBe(0n);
    advanceTo(state, 22_000);
    expect(visibleCounters(state.services[0]!.stats).conns).toBe(100n);
  });

  it("the rate estimator converges on the offered rate (EWMA with W = 1/4 every 2 s)", () => {
    const state = build("masq");
    advanceTo(state, 12_000);
    // First run: avg = (100 conns << 9) / 4 = 12800; read as (12800 + 0x1FF) >> 10 = 12.
    expect(visibleRates(state.services[0]!.stats).cps).toBe(12n);
    advanceTo(state, 80_000);
    expect(visibleRates(state.services[0]!.stats).cps).toBe(50n);
  });

  it("keeps UDP connections inactive only", () => {
    const state = createIpvsState({ seed: 3, nowMs: 0 });
    const udp: ServiceRef = { protocol: "udp", family: "inet", address: "203.0.113.40", port: 53, fwmark: 0 };
    addService(state, udp, { scheduler: "rr" }, LOAD);
    addDest(state, udp, { family: "inet", address: "192.0.2.11", port: 53 }, { forward: "masq", weight: 1 });
    advanceTo(state, 6_000);
    const counts = connectionCounts(state.services[0]!.dests[0]!, state.nowMs);
    expect(counts.active).toBe(0);
    expect(counts.inactive).toBe(300);
  });

  it("is deterministic for a seed", () => {
    const jittery = { ...LOAD, jitter: 0.3, cps: 77 };
    const a = build("masq", jittery);
    const b = build("masq", jittery);
    advanceTo(a, 50_000);
    advanceTo(b, 50_000);
    expect(visibleCounters(a.totals)).toEqual(visibleCounters(b.totals));
  });
});
