/**
 * Link-level formatting: NIC throughput in bits per second (links are sold and negotiated in bits,
 * so an operator compares against "1 Gbit/s", not bytes), link speeds, and shares as percentages,
 * through Intl.NumberFormat in the console's language.
 */
import type { Language } from "../i18n/language.ts";
import { numberFormat } from "../i18n/number-formats.ts";
import { NO_VALUE, scaled } from "./format-rate.ts";

const BIT_UNITS = ["bit/s", "kbit/s", "Mbit/s", "Gbit/s", "Tbit/s"] as const;

export function formatBitsPerSecond(bytesPerSecond: number | undefined, language: Language): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return NO_VALUE;
  return scaled(bytesPerSecond * 8, BIT_UNITS, language);
}

/** ethtool reports Mb/s: 1000 -> "1 Gbit/s", 25000 -> "25 Gbit/s", 100 -> "100 Mbit/s"; undefined when unknown. */
export function formatLinkSpeed(speedMbps: number | undefined, language: Language): string | undefined {
  if (speedMbps === undefined || !Number.isFinite(speedMbps) || speedMbps <= 0) return undefined;
  const oneDecimal = numberFormat(language, { maximumFractionDigits: 1 });
  if (speedMbps >= 1000) return `${oneDecimal.format(speedMbps / 1000)} Gbit/s`;
  return `${oneDecimal.format(speedMbps)} Mbit/s`;
}

/** A 0..1+ fraction as a whole percentage ("87 %"); below 1 % but above zero shows "<1 %". */
export function formatPercent(fraction: number | undefined, language: Language): string {
  if (fraction === undefined || !Number.isFinite(fraction) || fraction < 0) return NO_VALUE;
  if (fraction > 0 && fraction < 0.005) return "<1 %";
  return `${numberFormat(language, { maximumFractionDigits: 0 }).format(Math.round(fraction * 100))} %`;
}
