/**
 * Whether the numbers on screen are current. The core marks a snapshot stale when no frame arrived
 * for three intervals; the operator then needs to see how old the numbers are, not just that they are.
 */
import type { HostSnapshot } from "../../core/api.ts";

export interface SnapshotFreshness {
  stale: boolean;
  /** "stale · 42 s old"; undefined while fresh. */
  staleText: string | undefined;
}

export function snapshotFreshness(
  snapshot: Pick<HostSnapshot, "at" | "stale">,
  now: number,
): SnapshotFreshness {
  if (!snapshot.stale) return { stale: false, staleText: undefined };
  return { stale: true, staleText: `stale · ${formatAge(now - snapshot.at)} old` };
}

/** 42_000 -> "42 s", 185_000 -> "3 min 5 s", 7_500_000 -> "2 h 5 min", 90_000_000 -> "1 d 1 h". */
export function formatAge(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
