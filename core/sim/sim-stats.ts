/**
 * Kernel IPVS counter semantics: traffic adds to per-CPU counters, the estimator folds them into
 * the visible totals every 2 s and updates the rate EWMA (ip_vs_est.c: "avgrate = avgrate*(1-W) +
 * rate*W, W = 2^-2", cps/pps kept << 10 and bps << 5 per second); `-Z` takes the folded value as the
 * new zero point and restarts the estimator (ip_vs_zero_stats, ip_vs_zero_estimator).
 */
import { COUNTER_FIELDS, zeroCounters, type Counters } from "../model/counters.ts";
import type { SimStats } from "./sim-types.ts";

export const FOLD_INTERVAL_MS = 2000;

export function copyCounters(c: Counters): Counters {
  return { conns: c.conns, inPkts: c.inPkts, outPkts: c.outPkts, inBytes: c.inBytes, outBytes: c.outBytes };
}

export function createStats(): SimStats {
  return {
    live: zeroCounters(),
    folded: zeroCounters(),
    zeroPoint: zeroCounters(),
    estimator: { last: zeroCounters(), cps: 0n, inpps: 0n, outpps: 0n, inbps: 0n, outbps: 0n },
  };
}

export function addCounters(target: Counters, increment: Counters): void {
  for (const field of COUNTER_FIELDS) target[field] += increment[field];
}

/** One estimator run: publish the live counters and move the rate averages. */
export function foldStats(stats: SimStats): void {
  stats.folded = copyCounters(stats.live);
  const est = stats.estimator;
  const now = stats.folded;
  // The 2 s delta shifted by 9 is the per-second rate shifted by 10 (by 4: bytes, << 5).
  est.cps += (((now.conns - est.last.conns) << 9n) - est.cps) >> 2n;
  est.inpps += (((now.inPkts - est.last.inPkts) << 9n) - est.inpps) >> 2n;
  est.outpps += (((now.outPkts - est.last.outPkts) << 9n) - est.outpps) >> 2n;
  est.inbps += (((now.inBytes - est.last.inBytes) << 4n) - est.inbps) >> 2n;
  est.outbps += (((now.outBytes - est.last.outBytes) << 4n) - est.outbps) >> 2n;
  est.last = copyCounters(now);
}

/** What ipvsadm --stats and /proc/net/ip_vs_stats show. */
export function visibleCounters(stats: SimStats): Counters {
  const result = zeroCounters();
  for (const field of COUNTER_FIELDS) result[field] = stats.folded[field] - stats.zeroPoint[field];
  return result;
}

export interface KernelRates {
  cps: bigint;
  inpps: bigint;
  outpps: bigint;
  inbps: bigint;
  outbps: bigint;
}

/** What ipvsadm --rate shows (ip_vs_read_estimator rounding). */
export function visibleRates(stats: SimStats): KernelRates {
  const est = stats.estimator;
  return {
    cps: (est.cps + 0x1ffn) >> 10n,
    inpps: (est.inpps + 0x1ffn) >> 10n,
    outpps: (est.outpps + 0x1ffn) >> 10n,
    inbps: (est.inbps + 0xfn) >> 5n,
    outbps: (est.outbps + 0xfn) >> 5n,
  };
}

/** Sets the estimator so that visibleRates() returns exactly these values (for replaying captures). */
export function setVisibleRates(stats: SimStats, rates: KernelRates): void {
  const est = stats.estimator;
  est.cps = rates.cps << 10n;
  est.inpps = rates.inpps << 10n;
  est.outpps = rates.outpps << 10n;
  est.inbps = rates.inbps << 5n;
  est.outbps = rates.outbps << 5n;
}

/** `ipvsadm -Z`: readers see 0 until the next fold; rates restart from 0. */
export function zeroStats(stats: SimStats): void {
  stats.zeroPoint = copyCounters(stats.folded);
  const est = stats.estimator;
  est.last = copyCounters(stats.folded);
  est.cps = est.inpps = est.outpps = est.inbps = est.outbps = 0n;
}
