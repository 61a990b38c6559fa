/**
 * Whether the numbers on screen are current. The core marks a snapshot stale when no frame arrived
 * for three intervals; the operator then needs to see how old the numbers are, not just that they are.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { I18n } from "../i18n/i18n.ts";

export interface SnapshotFreshness {
  stale: boolean;
  /** "stale · 42 s old"; undefined while fresh. */
  staleText: string | undefined;
}

export function snapshotFreshness(
  snapshot: Pick<HostSnapshot, "at" | "stale">,
  now: number,
  i18n: I18n,
): SnapshotFreshness {
  if (!snapshot.stale) return { stale: false, staleText: undefined };
  return { stale: true, staleText: i18n.t("hostView.stale", { age: formatAge(now - snapshot.at, i18n) }) };
}

/** 42_000 -> "42 s", 185_000 -> "3 min 5 s", 7_500_000 -> "2 h 5 min", 90_000_000 -> "1 d 1 h". */
export function formatAge(milliseconds: number, i18n: I18n): string {
  const { t } = i18n;
  const s = Math.max(0, Math.floor(milliseconds / 1000));
  if (s < 60) return t("age.seconds", { s });
  const m = Math.floor(s / 60);
  if (m < 60) return t("age.minutes", { m, s: s % 60 });
  const h = Math.floor(m / 60);
  if (h < 24) return t("age.hours", { h, m: m % 60 });
  return t("age.days", { d: Math.floor(h / 24), h: h % 24 });
}
