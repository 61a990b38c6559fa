/**
 * The range picker's choices as history queries: a preset ending now (or a custom range), the
 * points a chart of a given width asks for, and a drag on the chart turned into a zoomed range.
 * Pure: the clock and the chart's width come in as arguments.
 */

export const RANGE_CHOICES = ["live", "1h", "6h", "24h", "7d", "30d", "custom"] as const;
export type RangeChoice = (typeof RANGE_CHOICES)[number];
export type TimeRange = { from: number; to: number };

const HOUR = 3_600_000;
const PRESET_MS: Record<Exclude<RangeChoice, "live" | "custom">, number> = {
  "1h": HOUR,
  "6h": 6 * HOUR,
  "24h": 24 * HOUR,
  "7d": 7 * 24 * HOUR,
  "30d": 30 * 24 * HOUR,
};
/** A zoom narrower than this is a click, not a drag. */
export const MIN_ZOOM_MS = 60_000;

/** The range a choice reads, or undefined for live (the in-memory five minutes, no history query). */
export function rangeOf(choice: RangeChoice, now: number, custom?: TimeRange): TimeRange | undefined {
  if (choice === "live") return undefined;
  if (choice === "custom") return custom && custom.from < custom.to ? custom : undefined;
  return { from: now - PRESET_MS[choice], to: now };
}

/** About one step per 3 px of chart: enough to see shape, few enough to draw fast. */
export function pointsForWidth(widthPx: number): number {
  return Math.max(60, Math.min(1000, Math.round(widthPx / 3)));
}

/** A drag from one time to another on the chart (either direction), or undefined for a mere click. */
export function zoomRange(start: number | undefined, end: number | undefined): TimeRange | undefined {
  if (start === undefined || end === undefined) return undefined;
  const from = Math.min(start, end);
  const to = Math.max(start, end);
  return to - from >= MIN_ZOOM_MS ? { from: Math.round(from), to: Math.round(to) } : undefined;
}

/** `<input type="datetime-local">` text in local time for an instant, and back (undefined when empty or bad). */
export function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function fromLocalInput(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text)) return undefined;
  const ms = new Date(text).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}
