/** Number formatting for the HTML report: SI prefixes, exact u64 with thousands separators, UTC times. */

const PREFIXES = ["", "k", "M", "G", "T", "P", "E"];

/** 1234567 -> "1.23 M" (SI, 1000-based, as link speeds and traffic are quoted). */
export function si(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `– ${unit}`;
  let v = Math.abs(value);
  let i = 0;
  while (v >= 1000 && i < PREFIXES.length - 1) {
    v /= 1000;
    i++;
  }
  const digits = v >= 100 || i === 0 ? 0 : v >= 10 ? 1 : 2;
  const shown = i === 0 && Math.abs(value) < 10 && value % 1 !== 0 ? Math.abs(value).toFixed(2) : v.toFixed(digits);
  return `${value < 0 ? "-" : ""}${shown} ${PREFIXES[i]}${unit}`;
}

/** A u64 decimal string with thin-space thousands separators ("12 345 678"). */
export function groupedU64(text: string): string {
  return text.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
}

export function percent(share: number | null): string {
  return share === null ? "–" : `${(share * 100).toFixed(1)} %`;
}

/** "2026-12-07 12:40 UTC" (seconds when they are not zero). */
export function utcText(iso: string): string {
  const [date, time = ""] = iso.split("T");
  const hms = time.replace(/\.\d+Z$|Z$/, "");
  return `${date} ${hms.endsWith(":00") ? hms.slice(0, 5) : hms} UTC`;
}

export function durationText(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} d`;
}
