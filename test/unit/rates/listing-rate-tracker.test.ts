import { describe, expect, it } from "vitest";
import { ListingRateTracker } from "../../../core/rates/listing-rate-tracker.ts";
import { isInboundOnly } from "../../../core/rates/inbound-only.ts";
import type { IpvsListing, RealServer } from "../../../core/model/ipvs.ts";
import type { Counters } from "../../../core/model/counters.ts";

function stats(conns: bigint, bytes: bigint): Counters {
  return { conns, inPkts: conns * 6n, outPkts: conns * 6n, inBytes: bytes, outBytes: bytes * 10n };
}

function listing(serviceConns: bigint, backendConns: bigint, forward: RealServer["forward"] = "masq"): IpvsListing {
  return {
    form: "stats",
    services: [
      {
        protocol: "tcp",
        family: "inet",
        address: "192.0.2.10",
        port: 80,
        scheduler: "wrr",
        flags: [],
        stats: stats(serviceConns, serviceConns * 100n),
        realServers: [
          {
            address: "198.51.100.1",
            port: 80,
            forward,
            weight: 1,
            activeConns: 0,
            inactiveConns: 0,
            stats: stats(backendConns, backendConns * 100n),
          },
        ],
      },
    ],
  };
}

describe("ListingRateTracker", () => {
  it("has no rate for the first reading and then rates per service and backend", () => {
    const tracker = new ListingRateTracker();
    const first = tracker.update(100, listing(10n, 10n));
    expect(first.services[0]?.rates).toBeUndefined();
    const second = tracker.update(102, listing(30n, 30n));
    expect(second.services[0]?.rates?.cps).toBe(10);
    expect(second.services[0]?.realServers[0]?.rates?.inBps).toBe(1000);
  });

  it("holds the previous rate inside the 2 s kernel fold instead of reporting a false zero", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, listing(10n, 10n));
    tracker.update(102, listing(30n, 30n));
    // One second later IPVS has not folded new counters yet: same totals.
    const held = tracker.update(103, listing(30n, 30n));
    expect(held.services[0]?.rates?.cps).toBe(10);
    const next = tracker.update(104, listing(50n, 50n));
    expect(next.services[0]?.rates?.cps).toBe(10);
  });

  it("reports a reset as a gap and restarts from the new baseline", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, listing(1000n, 1000n));
    const reset = tracker.update(102, listing(4n, 4n));
    expect(reset.services[0]?.rates).toBeUndefined();
    expect(reset.gaps.map((gap) => gap.reason)).toEqual(["reset", "reset"]);
    const after = tracker.update(104, listing(24n, 24n));
    expect(after.services[0]?.rates?.cps).toBe(10);
  });

  it("forgets a backend that vanished, so its return starts a fresh baseline", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, listing(10n, 10n));
    const without = listing(20n, 0n);
    without.services[0]!.realServers = [];
    tracker.update(102, without);
    const back = tracker.update(104, listing(30n, 5n));
    expect(back.services[0]?.realServers[0]?.rates).toBeUndefined();
    expect(back.services[0]?.rates?.cps).toBe(5);
  });
});

describe("isInboundOnly", () => {
  it("is true when every backend is DR or TUN, false with any NAT backend or none", () => {
    expect(isInboundOnly(listing(1n, 1n, "route").services[0]!)).toBe(true);
    expect(isInboundOnly(listing(1n, 1n, "tunnel").services[0]!)).toBe(true);
    expect(isInboundOnly(listing(1n, 1n, "masq").services[0]!)).toBe(false);
    expect(isInboundOnly({ realServers: [] })).toBe(false);
  });
});
