import { describe, expect, it } from "vitest";
import type { Counters } from "../../../core/model/counters.ts";
import type { RealServer, VirtualService } from "../../../core/model/ipvs.ts";
import { ListingRateTracker } from "../../../core/rates/listing-rate-tracker.ts";

function counters(conns: bigint): Counters {
  return { conns, inPkts: conns * 2n, outPkts: conns * 3n, inBytes: conns * 100n, outBytes: conns * 1000n };
}

function backend(address: string, conns: bigint | undefined): RealServer {
  const server: RealServer = {
    address,
    port: 80,
    forward: "masq",
    weight: 1,
    activeConns: 0,
    inactiveConns: 0,
  };
  if (conns !== undefined) server.stats = counters(conns);
  return server;
}

function service(port: number, backends: RealServer[]): VirtualService {
  return {
    protocol: "tcp",
    family: "inet",
    address: "192.0.2.1",
    port,
    scheduler: "wlc",
    flags: [],
    stats: counters(0n),
    realServers: backends,
  };
}

const cps = (services: VirtualService[]): (number | undefined)[][] =>
  services.map((s) => s.realServers.map((server) => server.rates?.cps));

describe("ListingRateTracker, backends by identity whatever their order", () => {
  it("keeps each backend's own baseline when the rows come in another order", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 0n), backend("10.0.0.2", 1000n)])],
    });
    const swapped = tracker.update(102, {
      form: "stats",
      services: [service(80, [backend("10.0.0.2", 1010n), backend("10.0.0.1", 20n)])],
    });
    expect(cps(swapped.services)).toEqual([[5, 10]]);
    expect(swapped.gaps).toEqual([]);
    const back = tracker.update(104, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 40n), backend("10.0.0.2", 1030n)])],
    });
    expect(cps(back.services)).toEqual([[10, 10]]);
  });

  it("tells backends of the same address in two services apart", () => {
    const tracker = new ListingRateTracker();
    const listing = (a: bigint, b: bigint) => ({
      form: "stats" as const,
      services: [service(80, [backend("10.0.0.1", a)]), service(443, [backend("10.0.0.1", b)])],
    });
    tracker.update(100, listing(0n, 0n));
    expect(cps(tracker.update(102, listing(2n, 200n)).services)).toEqual([[1], [100]]);
  });

  it("names a backend's gap by service and backend, and restarts only that one", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 50n), backend("10.0.0.2", 50n)])],
    });
    const reset = tracker.update(102, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 3n), backend("10.0.0.2", 70n)])],
    });
    expect(reset.gaps).toEqual([{ key: "192.0.2.1:80 -> 10.0.0.1:80", reason: "reset" }]);
    expect(cps(reset.services)).toEqual([[undefined, 10]]);
    const after = tracker.update(104, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 23n), backend("10.0.0.2", 90n)])],
    });
    expect(cps(after.services)).toEqual([[10, 10]]);
  });

  it("forgets a backend that lost its counters for a reading, and one inserted before it moves nothing", () => {
    const tracker = new ListingRateTracker();
    tracker.update(100, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 0n), backend("10.0.0.2", 0n)])],
    });
    tracker.update(102, {
      form: "stats",
      services: [service(80, [backend("10.0.0.1", 20n), backend("10.0.0.2", undefined)])],
    });
    const inserted = tracker.update(104, {
      form: "stats",
      services: [service(80, [backend("10.0.0.9", 7n), backend("10.0.0.1", 40n), backend("10.0.0.2", 40n)])],
    });
    // 10.0.0.2 had no counters at 102: a fresh baseline now, no rate from its reading at 100.
    expect(cps(inserted.services)).toEqual([[undefined, 10, undefined]]);
  });

  it("rates() gives the same rates index-aligned, without copying the services", () => {
    const a = new ListingRateTracker();
    const b = new ListingRateTracker();
    const first = [service(80, [backend("10.0.0.1", 0n), backend("10.0.0.2", 0n)])];
    const second = [service(80, [backend("10.0.0.1", 30n), backend("10.0.0.2", 50n)])];
    a.update(10, { form: "stats", services: first });
    b.rates(10, first);
    const copied = a.update(13, { form: "stats", services: second });
    const aligned = b.rates(13, second);
    expect(aligned.services.map((s) => s.servers.map((rates) => rates?.cps))).toEqual(cps(copied.services));
    expect(aligned.services[0]?.rates).toEqual(copied.services[0]?.rates);
    expect(second[0]?.realServers[0]?.rates).toBeUndefined();
  });
});
