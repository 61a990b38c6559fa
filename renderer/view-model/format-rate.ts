/**
 * Rate and count formatting for tables. Rates use SI prefixes (1 kB/s = 1000 B/s, as link speeds
 * and ipvsadm's --rate output do) with three significant digits, so columns stay narrow and stable.
 */
const BYTE_UNITS = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"] as const;

/** Shown where a value is absent or not meaningful. */
export const NO_VALUE = "—";

export function formatBytesPerSecond(bytesPerSecond: number | undefined): string {
  if (bytesPerSecond === undefined || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return NO_VALUE;
  let value = bytesPerSecond;
  let unit = 0;
  while (value >= 999.5 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  // Whole numbers below kB/s and beyond the largest unit; three significant digits in between.
  const text = unit === 0 || value >= 999.5 ? String(Math.round(value)) : value.toPrecision(3);
  return `${text} ${BYTE_UNITS[unit]}`;
}

/** Connections or packets per second: one decimal below 10 (0.5/s matters on a quiet service). */
export function formatPerSecond(perSecond: number | undefined): string {
  if (perSecond === undefined || !Number.isFinite(perSecond) || perSecond < 0) return NO_VALUE;
  if (perSecond < 10) return `${trimZero(perSecond.toFixed(1))}/s`;
  return `${formatCount(Math.round(perSecond))}/s`;
}

/** Whole counts with thousands separators, independent of the machine's locale. */
export function formatCount(count: number): string {
  return Math.trunc(count)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function trimZero(text: string): string {
  return text.endsWith(".0") ? text.slice(0, -2) : text;
}
