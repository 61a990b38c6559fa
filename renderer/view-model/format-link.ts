/**
 * Link-level formatting: NIC throughput in bits per second (links are sold and negotiated in bits,
 * so an operator compares against "1 Gbit/s", not bytes), link speeds, and shares as percentages.
 */
import { NO_VALUE } from "./format-rate.ts";

const BIT_UNITS = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"] as const;

export function formatBitsPerSecond(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return NO_VALUE;
  let value = bytesPerSecond * 8;
  let unit = 0;
  while (value >= 999.5 && unit < BIT_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = unit === 0 || value >= 999.5 ? String(Math.round(value)) : value.toPrecision(3);
  return `${text} ${BIT_UNITS[unit]}`;
}

/** ethtool reports Mb/s: 1000 -> "1 Gbit/s", 25000 -> "25 Gbit/s", 100 -> "100 Mbit/s". */
export function formatLinkSpeed(speedMbps: number | undefined): string {
  if (speedMbps === undefined || !Number.isFinite(speedMbps) || speedMbps <= 0) return "unknown";
  if (speedMbps >= 1000) return `${trimNumber(speedMbps / 1000)} Gbit/s`;
  return `${trimNumber(speedMbps)} Mbit/s`;
}

/** A 0..1+ fraction as a whole percentage ("87 %"); below 1 % but above zero shows "<1 %". */
export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction) || fraction < 0) return NO_VALUE;
  if (fraction > 0 && fraction < 0.005) return "<1 %";
  return `${Math.round(fraction * 100)} %`;
}

function trimNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
