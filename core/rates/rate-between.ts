/**
 * Rates from two readings of cumulative u64 counters, timed by the host's own monotonic clock
 * (/proc/uptime read in the same frame), so SSH latency jitter does not bend the rate.
 *
 * A counter that went backwards is a reset (`ipvsadm -Z`, a destination removed and re-added, a
 * reboot) or a 32-bit wrap (the old sockopt interface): either way the interval is a gap, drawn as
 * such, never a negative or a huge rate.
 */
import { COUNTER_FIELDS, type CounterField, type Counters, type Rates } from "../model/counters.ts";

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
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * after - before as a number; -1 when the counter went backwards. Counters below 2^53 (nearly all)
 * subtract as numbers, which is exact there and allocates no bigint; above, the bigint delta is
 * small even when the totals are not, so converting it is exact too.
 */
function delta(before: bigint, after: bigint): number {
  if (after < before) return -1;
  return after <= SAFE ? Number(after) - Number(before) : Number(after - before);
}

export function rateBetween(prev: CounterReading, next: CounterReading, options: RateOptions = {}): RateOutcome {
  const seconds = next.uptime - prev.uptime;
  if (!(seconds > 0)) return { kind: "gap", reason: "clock", seconds };
  if (options.maxSeconds !== undefined && seconds > options.maxSeconds) {
    return { kind: "gap", reason: "too-long", seconds };
  }
  const a = prev.counters;
  const b = next.counters;
  // Field by field (not a loop over names): this runs for every backend of every host each second.
  const conns = delta(a.conns, b.conns);
  const inPkts = delta(a.inPkts, b.inPkts);
  const outPkts = delta(a.outPkts, b.outPkts);
  const inBytes = delta(a.inBytes, b.inBytes);
  const outBytes = delta(a.outBytes, b.outBytes);
  if (conns < 0 || inPkts < 0 || outPkts < 0 || inBytes < 0 || outBytes < 0) {
    // The first field (in COUNTER_FIELDS order) that went backwards names the gap.
    const field = COUNTER_FIELDS.find((name) => b[name] < a[name]) as CounterField;
    return { kind: "gap", reason: backwardsReason(a[field], b[field]), seconds };
  }
  const rates: Rates = {
    cps: conns / seconds,
    inPps: inPkts / seconds,
    outPps: outPkts / seconds,
    inBps: inBytes / seconds,
    outBps: outBytes / seconds,
  };
  if (a.inexact || b.inexact) {
    const inexact = [...(a.inexact ?? []), ...(b.inexact ?? [])];
    if (inexact.length > 0) rates.inexact = [...new Set(inexact.map((field) => RATE_KEY[field]))];
  }
  return { kind: "rates", rates, seconds };
}
