/**
 * The --from/--to of `fulcrum report`: ISO 8601 (a time without a zone is read as UTC, so a report
 * never depends on the laptop's TZ), or relative to now: `now`, `-30m`, `-24h`, `-7d`, `-90s`.
 * Anything else is a UsageError (exit 2).
 */
import { UsageError } from "../exit-codes.ts";

const ISO = /^(\d{4}-\d{2}-\d{2})(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const RELATIVE = /^-(\d{1,6})([smhd])$/;
const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function reportTime(flag: string, text: string, now: number): number {
  if (text === "now") return now;
  const relative = RELATIVE.exec(text);
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS];
  const iso = ISO.exec(text);
  if (iso) {
    const withZone = iso[5] ? text : `${iso[1]}${iso[2] ?? "T00:00"}Z`;
    const at = Date.parse(withZone);
    if (!Number.isNaN(at)) return at;
  }
  throw new UsageError(
    `${flag} takes an ISO 8601 time (2026-12-01T08:00:00Z; UTC when no zone is given) or now, -30m, -24h, -7d; not ${JSON.stringify(text)}`,
  );
}

export function reportRange(fromText: string, toText: string, now: number): { from: number; to: number } {
  const from = reportTime("--from", fromText, now);
  const to = reportTime("--to", toText, now);
  if (from >= to)
    throw new UsageError(`--from (${new Date(from).toISOString()}) must be before --to (${new Date(to).toISOString()})`);
  return { from, to };
}
