/** Where new connections go: the schedulers over many connections, in a table advanced by the clock. */
import { describe, expect, it } from "vitest";
import {
  addDest,
  addService,
  connectionCounts,
  createIpvsState,
  editDest,
  type ServiceRef,
} from "../../../core/sim/ipvs-table.ts";
import { advanceTo } from "../../../core/sim/ipvs-traffic.ts";
import { scheduleConnection } from "../../../core/sim/schedulers.ts";
import { visibleCounters } from "../../../core/sim/sim-stats.ts";
import type { IpvsSimState, SimLoad } from "../../../core/sim/sim-types.ts";

const SVC: ServiceRef = { protocol: "tcp", family: "inet", address: "203.0.113.10", port: 80, fwmark: 0 };
const LOAD: SimLoad = {
  cps: 100,
  perConn: { inPkts: 6, outPkts: 5, inBytes: 400, outBytes: 4000 },
  activeSeconds: 5,
  inactiveSeconds: 20,
  clients: 5000,
  jitter: 0,
};

function build(scheduler: string, weights: number[], load: SimLoad = LOAD): IpvsSimState {
  const state = createIpvsState({ seed: 42, nowMs: 0 });
  addService(state, SVC, { scheduler }, load);
  weights.forEach((weight, i) =>
    addDest(
      state,
      SVC,
      { family: "inet", address: `192.0.2.${11 + i}`, port: 80 },
      { forward: "masq", weight },
    ),
  );
  return state;
}

function conns(state: IpvsSimState): Record<string, bigint> {
  const svc = state.services[0]!;
  return Object.fromEntries(svc.dests.map((d) => [d.address, visibleCounters(d.stats).conns]));
}

describe("schedulers", () => {
  it("wrr with weights 3:1:0 gives new connections 3:1:0", () => {
    const state = build("wrr", [3, 1, 0]);
    advanceTo(state, 60_000);
    const c = conns(state);
    expect(c["192.0.2.11"]! + c["192.0.2.12"]!).toBe(6000n);
    expect(c["192.0.2.11"]).toBe(4500n);
    expect(c["192.0.2.12"]).toBe(1500n);
    expect(c["192.0.2.13"]).toBe(0n);
  });

  it("rr spreads evenly and starts with the destination added last", () => {
    const state = build("rr", [1, 1, 1]);
    const svc = state.services[0]!;
    const loads = svc.dests.map(() => ({ active: 0, inactive: 0 }));
    const first = scheduleConnection({ svc, loads, clientAddress: 1, clientPort: 1 });
    expect(first?.address).toBe("192.0.2.13");
    advanceTo(state, 30_000);
    expect(Object.values(conns(state))).toEqual([1000n, 1000n, 1000n]);
  });

  it("weight 0 takes no new connections while its existing ones continue and expire", () => {
    const state = build("wlc", [1, 1]);
    advanceTo(state, 10_000);
    const drained = state.services[0]!.dests.find((d) => d.address === "192.0.2.11")!;
    const before = visibleCounters(drained.stats).conns;
    const activeBefore = connectionCounts(drained, state.nowMs).active;
    expect(activeBefore).toBeGreaterThan(0);
    editDest(state, SVC, { family: "inet", address: "192.0.2.11", port: 80 }, { forward: "masq", weight: 0 });
    advanceTo(state, 12_000);
    // Connections open at the edit still carry traffic: bytes grow, conns do not.
    const after = visibleCounters(drained.stats);
    expect(after.conns).toBe(before);
    advanceTo(state, 40_000);
    expect(visibleCounters(drained.stats).conns).toBe(before);
    expect(connectionCounts(drained, state.nowMs)).toEqual({ active: 0, inactive: 0 });
  });

  it("lc picks the destination with the least connections (active count 256 times inactive)", () => {
    const state = build("lc", [1, 1, 1]);
    const svc = state.services[0]!;
    const loads = [
      { active: 2, inactive: 0 },
      { active: 1, inactive: 300 },
      { active: 1, inactive: 10 },
    ];
    expect(scheduleConnection({ svc, loads, clientAddress: 1, clientPort: 1 })?.address).toBe(
      svc.dests[2]!.address,
    );
    // 2 active (512) now beats 1 active + 300 inactive (556).
    loads[2] = { active: 3, inactive: 0 };
    expect(scheduleConnection({ svc, loads, clientAddress: 1, clientPort: 1 })?.address).toBe(
      svc.dests[0]!.address,
    );
  });

  it("sh sends a client to the same destination every time, and different clients to several", () => {
    const state = build("sh", [1, 1, 1, 1]);
    const svc = state.services[0]!;
    const loads = svc.dests.map(() => ({ active: 0, inactive: 0 }));
    const chosen = new Set<string>();
    for (let client = 0; client < 64; client++) {
      const first = scheduleConnection({ svc, loads, clientAddress: 0x64400000 + client, clientPort: 1000 });
      for (let port = 1001; port < 1010; port++) {
        expect(scheduleConnection({ svc, loads, clientAddress: 0x64400000 + client, clientPort: port })).toBe(
          first,
        );
      }
      chosen.add(first!.address);
    }
    expect(chosen.size).toBe(4);
  });

  it("sh without sh-fallback drops a client whose destination is quiescent; with it, moves the client", () => {
    const state = build("sh", [1, 1]);
    const svc = state.services[0]!;
    const loads = svc.dests.map(() => ({ active: 0, inactive: 0 }));
    let client = 0;
    while (scheduleConnection({ svc, loads, clientAddress: client, clientPort: 0 }) !== svc.dests[0])
      client++;
    svc.dests[0]!.weight = 0;
    expect(scheduleConnection({ svc, loads, clientAddress: client, clientPort: 0 })).toBeUndefined();
    svc.schedFlags = 1;
    expect(scheduleConnection({ svc, loads, clientAddress: client, clientPort: 0 })).toBe(svc.dests[1]);
  });
});
