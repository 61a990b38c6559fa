// Cumulative IPVS / NIC counters. The kernel keeps them as u64 and busy directors pass 2^53,
// so they are bigint here and decimal strings in JSON (see json.ts). Never a JS number.

export const COUNTER_FIELDS = ["conns", "inPkts", "outPkts", "inBytes", "outBytes"] as const;
export type CounterField = (typeof COUNTER_FIELDS)[number];

export interface Counters {
  conns: bigint;
  inPkts: bigint;
  outPkts: bigint;
  inBytes: bigint;
  outBytes: bigint;
  /** Fields read from abbreviated output (ipvsadm without --exact: 121679K): truncated, not exact. */
  inexact?: CounterField[];
}

export const RATE_FIELDS = ["cps", "inPps", "outPps", "inBps", "outBps"] as const;
export type RateField = (typeof RATE_FIELDS)[number];

/** Per-second rates. Bps fields are bytes per second (not bits). */
export interface Rates {
  cps: number;
  inPps: number;
  outPps: number;
  inBps: number;
  outBps: number;
  /** Fields read from abbreviated output (K/M/G/T suffix), truncated by the tool. */
  inexact?: RateField[];
}

export function zeroCounters(): Counters {
  return { conns: 0n, inPkts: 0n, outPkts: 0n, inBytes: 0n, outBytes: 0n };
}
