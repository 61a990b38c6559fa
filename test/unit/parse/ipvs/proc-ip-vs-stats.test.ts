import { describe, expect, it } from "vitest";
import { parseProcIpVsStats } from "../../../../core/parse/ipvs/proc-ip-vs-stats.ts";
import { fixture, parseErrorOf } from "./fixtures.ts";

describe("parseProcIpVsStats", () => {
  it("reads the prometheus/procfs fixture (all hex)", () => {
    expect(parseProcIpVsStats(fixture("real-procfs-ip_vs_stats.txt"))).toEqual({
      totals: { conns: 23765872n, inPkts: 3811989221n, outPkts: 0n, inBytes: 89991519156915n, outBytes: 0n },
      rates: { cps: 4, inPps: 129852, outPps: 0, inBps: 19409551, outBps: 0 },
    });
  });

  it("keeps u64 totals exact", () => {
    const { totals, rates } = parseProcIpVsStats(fixture("constructed-procfs-ip_vs_stats.txt"));
    expect(totals).toEqual({
      conns: 9007199254740993n,
      inPkts: 18446744073709551615n,
      outPkts: 0n,
      inBytes: 18446744073709551614n,
      outBytes: 81985529216486895n,
    });
    expect(totals.inPkts.toString()).toBe("18446744073709551615");
    expect(rates).toEqual({ cps: 100, inPps: 129852, outPps: 0, inBps: 19409551, outBps: 0 });
  });

  it("refuses a text cut before the rates", () => {
    const error = parseErrorOf(() =>
      parseProcIpVsStats(fixture("malformed-procfs-ip_vs_stats-truncated.txt")),
    );
    expect(error.line).toBe(4);
    expect(error.found).toBe("end of input");
  });

  it("refuses a short row, a non-hex value and trailing text", () => {
    const real = fixture("real-procfs-ip_vs_stats.txt");
    expect(parseErrorOf(() => parseProcIpVsStats(real.replace(" 16AA370", ""))).line).toBe(3);
    expect(parseErrorOf(() => parseProcIpVsStats(real.replace("1FB3C", "1FB3G"))).line).toBe(6);
    expect(parseErrorOf(() => parseProcIpVsStats(`${real}extra\n`)).line).toBe(7);
    expect(parseErrorOf(() => parseProcIpVsStats("")).line).toBe(1);
  });
});
