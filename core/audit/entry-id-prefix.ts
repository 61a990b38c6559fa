/**
 * An audit entry named by any unique prefix of its id, as git names commits: the whole id, or at
 * least 4 leading characters that only one entry's id starts with. Pure: the caller reads the log.
 */
export const MIN_ID_PREFIX = 4;

export type EntryIdMatch =
  | { ok: true; id: string }
  | { ok: false; reason: "too-short" | "not-found" | "ambiguous"; candidates: string[] };

export function matchEntryId(given: string, ids: readonly string[]): EntryIdMatch {
  if (ids.includes(given)) return { ok: true, id: given };
  if (given.length < MIN_ID_PREFIX) return { ok: false, reason: "too-short", candidates: [] };
  const candidates = [
    ...new Set(ids.filter((id) => id.startsWith(given.toLowerCase()) || id.startsWith(given))),
  ];
  if (candidates.length === 1 && candidates[0] !== undefined) return { ok: true, id: candidates[0] };
  return { ok: false, reason: candidates.length === 0 ? "not-found" : "ambiguous", candidates };
}
