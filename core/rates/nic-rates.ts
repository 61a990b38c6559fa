/**
 * Bandwidth per NIC from two /proc/net/dev readings (live counters, no 2 s fold), timed by host
 * uptime. A counter that went backwards (driver reset, interface re-created) gives no rate for that
 * NIC in this interval rather than a negative one.
 */
import type { NicSample } from "../model/nic.ts";

export interface NicRate {
  rxBps: number;
  txBps: number;
  /** Bits per second against the link speed (0..1+); undefined when the speed is unknown. */
  rxUtilisation?: number;
  txUtilisation?: number;
}

export function nicRates(
  prev: { uptime: number; nics: NicSample[] },
  next: { uptime: number; nics: NicSample[] },
): Map<string, NicRate> {
  const seconds = next.uptime - prev.uptime;
  const result = new Map<string, NicRate>();
  if (!(seconds > 0)) return result;
  const before = new Map(prev.nics.map((nic) => [nic.name, nic]));
  for (const nic of next.nics) {
    const old = before.get(nic.name);
    if (!old || nic.rxBytes < old.rxBytes || nic.txBytes < old.txBytes) continue;
    const rxBps = Number(nic.rxBytes - old.rxBytes) / seconds;
    const txBps = Number(nic.txBytes - old.txBytes) / seconds;
    const rate: NicRate = { rxBps, txBps };
    if (nic.speedMbps !== undefined && nic.speedMbps > 0) {
      const linkBitsPerSecond = nic.speedMbps * 1_000_000;
      rate.rxUtilisation = (rxBps * 8) / linkBitsPerSecond;
      rate.txUtilisation = (txBps * 8) / linkBitsPerSecond;
    }
    result.set(nic.name, rate);
  }
  return result;
}
