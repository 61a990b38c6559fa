/**
 * Rate and count formatting for tables, through Intl.NumberFormat in the console's language. Rates
 * use SI prefixes (1 kB/s = 1000 B/s, as link speeds and ipvsadm's --rate output do) with three
 * significant digits, so columns stay narrow and stable. Unit symbols (B/s, kB/s, /s) are SI and
 * read the same in every language.
 */
import type { Language } from "../i18n/language.ts";
import { numberFormat } from "../i18n/number-formats.ts";

const BYTE_UNITS = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"] as const;

/** Shown where a value is absent or not meaningful. */
export const NO_VALUE = "—";

export function formatBytesPerSecond(bytesPerSecond: number | undefined, language: Language): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return NO_VALUE;
  return scaled(bytesPerSecond, BYTE_UNITS, language);
}

/** value in the largest unit that keeps it under 1000, with three significant digits past the first unit. */
export function scaled(value: number, units: readonly string[], language: Language): string {
  let unit = 0;
  while (value >= 999.5 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Whole numbers below the first prefix and beyond the largest unit; three significant digits in between.
  const text =
    unit === 0 || value >= 999.5
      ? formatCount(Math.round(value), language)
      : numberFormat(language, { minimumSignificantDigits: 3, maximumSignificantDigits: 3 }).format(value);
  return `${text} ${units[unit]}`;
}

/** Connections or packets per second: one decimal below 10 (0.5/s matters on a quiet service). */
export function formatPerSecond(perSecond: number | undefined, language: Language): string {
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) return NO_VALUE;
  if (perSecond < 10) return `${numberFormat(language, { maximumFractionDigits: 1 }).format(perSecond)}/s`;
  return `${formatCount(Math.round(perSecond), language)}/s`;
}

/** Whole counts with the language's thousands separators. */
export function formatCount(count: number, language: Language): string {
  return numberFormat(language, { maximumFractionDigits: 0 }).format(Math.trunc(count));
}
