import { describe, expect, it } from "vitest";
import { rateBetween } from "../../../core/rates/rate-between.ts";
import type { CounterField, Counters } from "../../../core/model/counters.ts";

function counters(values: Partial<Record<CounterField, bigint>>): Counters {
  return { conns: 0n, inPkts: 0n, outPkts: 0n, inBytes: 0n, outBytes: 0n, ...values };
}

describe("rateBetween", () => {
  it("divides counter deltas by the host-clock interval", () => {
    const outcome = rateBetween(
      { uptime: 100, counters: counters({ conns: 10n, inPkts: 100n, outPkts: 80n, inBytes: 1000n, outBytes: 8000n }) },
      { uptime: 102, counters: counters({ conns: 30n, inPkts: 300n, outPkts: 280n, inBytes: 5000n, outBytes: 48000n }) },
    );
    expect(outcome).toEqual({
      kind: "rates",
      seconds: 2,
      rates: { cps: 10, inPps: 100, outPps: 100, inBps: 2000, outBps: 20000 },
    });
  });

  it("is exact for deltas of counters far above 2^53", () => {
    const base = 18_446_744_073_709_000_000n;
    const outcome = rateBetween(
      { uptime: 1, counters: counters({ inBytes: base }) },
      { uptime: 3, counters: counters({ inBytes: base + 3_000_000n }) },
    );
    expect(outcome.kind === "rates" && outcome.rates.inBps).toBe(1_500_000);
  });

  it("gives a gap, never a negative rate, when a counter resets", () => {
    const outcome = rateBetween(
      { uptime: 10, counters: counters({ conns: 5_000_000_000n }) },
      { uptime: 12, counters: counters({ conns: 3n }) },
    );
    expect(outcome).toEqual({ kind: "gap", reason: "reset", seconds: 2 });
  });

  it("names a 32-bit wrap as such and still gives a gap, not a huge rate", () => {
    const outcome = rateBetween(
      { uptime: 10, counters: counters({ inPkts: 4_294_967_000n }) },
      { uptime: 12, counters: counters({ inPkts: 500n }) },
    );
    expect(outcome).toEqual({ kind: "gap", reason: "wrap32", seconds: 2 });
  });

  it("refuses a clock that did not move forward (host rebooted: uptime restarted)", () => {
    const outcome = rateBetween({ uptime: 5000, counters: counters({}) }, { uptime: 3, counters: counters({}) });
    expect(outcome.kind).toBe("gap");
    expect(outcome.kind === "gap" && outcome.reason).toBe("clock");
  });

  it("treats an interval longer than maxSeconds as a gap", () => {
    const outcome = rateBetween(
      { uptime: 0, counters: counters({}) },
      { uptime: 60, counters: counters({ conns: 60n }) },
      { maxSeconds: 6 },
    );
    expect(outcome).toEqual({ kind: "gap", reason: "too-long", seconds: 60 });
  });

  it("carries inexact markers from abbreviated readings to the matching rates", () => {
    const outcome = rateBetween(
      { uptime: 0, counters: { ...counters({ inBytes: 1_000_000_000n }), inexact: ["inBytes"] } },
      { uptime: 2, counters: { ...counters({ inBytes: 2_000_000_000n }), inexact: ["inBytes"] } },
    );
    expect(outcome.kind === "rates" && outcome.rates.inexact).toEqual(["inBps"]);
  });
});
