/**
 * The audit entries written after one entry for the same target, and the words an undo refusal
 * uses for them: the latest one's id, who and what, so the operator sees whose change an undo
 * would overwrite. Entries are compared by time, then by their order in the log.
 */
import type { AuditWho } from "./audit-fields.ts";

export interface AuditedChange {
  id: string;
  at: string;
  who: AuditWho;
}

/** The latest of `candidates` written after `entry` (the entry itself excluded), if any. */
export function latestAfter<Entry extends AuditedChange>(
  entry: AuditedChange,
  candidates: readonly Entry[],
): Entry | undefined {
  const index = candidates.findIndex((candidate) => candidate.id === entry.id);
  const after = candidates.filter(
    (candidate, at) =>
      candidate.id !== entry.id &&
      (Date.parse(candidate.at) > Date.parse(entry.at) ||
        (candidate.at === entry.at && index >= 0 && at > index)),
  );
  return after.at(-1);
}

export function whoText(who: AuditWho): string {
  return who.sshUser ? `${who.osUser} (ssh ${who.sshUser})` : who.osUser;
}

/** "the later change is entry ID (at, by WHO: WHAT)", or that no entry explains it. */
export function laterChangeText(later: (AuditedChange & { what: string }) | undefined): string {
  if (!later) return "no later audit entry explains it (changed outside Fulcrum)";
  return `the later change is entry ${later.id} (${later.at}, by ${whoText(later.who)}: ${later.what})`;
}
