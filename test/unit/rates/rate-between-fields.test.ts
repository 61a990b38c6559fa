import { describe, expect, it } from "vitest";
import type { Counters } from "../../../core/model/counters.ts";
import { rateBetween } from "../../../core/rates/rate-between.ts";

const counters = (values: [bigint, bigint, bigint, bigint, bigint]): Counters => {
  const [conns, inPkts, outPkts, inBytes, outBytes] = values;
  return { conns, inPkts, outPkts, inBytes, outBytes };
};

describe("rateBetween, field by field", () => {
  it("gives each field its own rate, counters on both sides of 2^53 alike", () => {
    const past = 2n ** 64n - 1_000_000n;
    const outcome = rateBetween(
      { uptime: 10, counters: counters([1n, 2n ** 53n - 4n, past, 0n, 7n]) },
      { uptime: 14, counters: counters([9n, 2n ** 53n + 4n, past + 400n, 2n ** 53n - 1n, 7n]) },
    );
    expect(outcome).toEqual({
      kind: "rates",
      seconds: 4,
      rates: { cps: 2, inPps: 2, outPps: 100, inBps: Number(2n ** 53n - 1n) / 4, outBps: 0 },
    });
  });

  it("names the gap by the first field that went backwards", () => {
    const before = counters([10n, 4_294_967_000n, 50n, 50n, 50n]);
    const wrapped = rateBetween(
      { uptime: 1, counters: before },
      { uptime: 3, counters: counters([11n, 500n, 1n, 60n, 60n]) },
    );
    expect(wrapped).toEqual({ kind: "gap", reason: "wrap32", seconds: 2 });
    const reset = rateBetween(
      { uptime: 1, counters: before },
      { uptime: 3, counters: counters([11n, 4_294_967_001n, 1n, 60n, 60n]) },
    );
    expect(reset).toEqual({ kind: "gap", reason: "reset", seconds: 2 });
  });

  it("marks rates inexact from either reading, once each", () => {
    const a = { ...counters([0n, 0n, 0n, 0n, 0n]), inexact: ["inBytes" as const, "conns" as const] };
    const b = { ...counters([2n, 2n, 2n, 2000n, 2n]), inexact: ["inBytes" as const] };
    const outcome = rateBetween({ uptime: 0, counters: a }, { uptime: 2, counters: b });
    expect(outcome.kind === "rates" && outcome.rates.inexact).toEqual(["inBps", "cps"]);
    const plain = rateBetween(
      { uptime: 0, counters: counters([0n, 0n, 0n, 0n, 0n]) },
      { uptime: 2, counters: counters([2n, 2n, 2n, 2n, 2n]) },
    );
    expect(plain.kind === "rates" && "inexact" in plain.rates).toBe(false);
  });
});
