/**
 * Rates from two readings of cumulative u64 counters, timed by the host's own monotonic clock
 * (/proc/uptime read in the same frame), so SSH latency jitter does not bend the rate.
 *
 * A counter that went backwards is a reset (`ipvsadm -Z`, a destination removed and re-added, a
 * reboot) or a 32-bit wrap (the old sockopt interface): either way the interval is a gap, drawn as
 * such, never a negative or a huge rate.
 */
import { COUNTER_FIELDS, type Counters, type Rates } from "../model/counters.ts";

export interface CounterReading {
  /** Host uptime in seconds when the counters were read. */
  uptime: number;
  counters: Counters;
}

export type GapReason = "reset" | "wrap32" | "clock" | "too-long";

export type RateOutcome =
  | { kind: "rates"; rates: Rates; seconds: number }
  | { kind: "gap"; reason: GapReason; seconds: number };

const U32_LIMIT = 1n << 32n;

/** Why a counter went from prev to next < prev: a wrap only if both fit in 32 bits and prev was high. */
function backwardsReason(prev: bigint, next: bigint): GapReason {
  return prev < U32_LIMIT && prev >= U32_LIMIT / 2n && next < U32_LIMIT / 2n ? "wrap32" : "reset";
}

export interface RateOptions {
  /** An interval longer than this (a host that stopped answering) is a gap, not an average. */
  maxSeconds?: number;
}

const RATE_KEY = { conns: "cps", inPkts: "inPps", outPkts: "outPps", inBytes: "inBps", outBytes: "outBps" } as const;

export function rateBetween(prev: CounterReading, next: CounterReading, options: RateOptions = {}): RateOutcome {
  const seconds = next.uptime - prev.uptime;
  if (!(seconds > 0)) return { kind: "gap", reason: "clock", seconds };
  if (options.maxSeconds !== undefined && seconds > options.maxSeconds) {
    return { kind: "gap", reason: "too-long", seconds };
  }
  const rates: Rates = { cps: 0, inPps: 0, outPps: 0, inBps: 0, outBps: 0 };
  for (const field of COUNTER_FIELDS) {
    const before = prev.counters[field];
    const after = next.counters[field];
    if (after < before) return { kind: "gap", reason: backwardsReason(before, after), seconds };
    // The delta is small even when the totals are not: converting it to a number is exact.
    rates[RATE_KEY[field]] = Number(after - before) / seconds;
  }
  const inexact = [...(prev.counters.inexact ?? []), ...(next.counters.inexact ?? [])];
  if (inexact.length > 0) rates.inexact = [...new Set(inexact.map((field) => RATE_KEY[field]))];
  return { kind: "rates", rates, seconds };
}
