/**
 * The compare-and-set of an IPVS undo against its entry: the backend must still show what the
 * entry set (a drain left weight 0: if it is 30 now, someone changed it since). When it does not,
 * the words name the later entry for that backend and what undoing would overwrite.
 */
import { backendStateDiff, describeState, observeBackend } from "../actions/backend-state-diff.ts";
import type { VirtualService } from "../model/ipvs.ts";
import type { AuditEntry } from "./audit-entry.ts";
import { latestAfter, laterChangeText } from "./later-change.ts";

function entryWhat(entry: AuditEntry): string {
  const before = entry.before ? describeState(entry.before) : "?";
  return `${entry.intent.kind} ${entry.backend} in ${entry.service}, ${before} -> ${describeState(entry.expectedAfter)}`;
}

export function ipvsChangedSince(
  entry: AuditEntry,
  history: readonly AuditEntry[],
  services: readonly VirtualService[],
): string | undefined {
  const now = observeBackend(services, entry.service, entry.backend);
  const differences = backendStateDiff(entry.expectedAfter, now);
  if (differences.length === 0) return undefined;
  const sameTarget = history.filter(
    (candidate) =>
      candidate.hostId === entry.hostId &&
      candidate.service === entry.service &&
      candidate.backend === entry.backend &&
      candidate.commands.some((command) => command.status === "applied"),
  );
  const later = latestAfter(entry, sameTarget);
  return (
    `${entry.backend} in ${entry.service} no longer shows what entry ${entry.id} set ` +
    `(${describeState(entry.expectedAfter)}): it shows ${describeState(now)}; ` +
    `${laterChangeText(later ? { ...later, what: entryWhat(later) } : undefined)}. ` +
    `Undoing would overwrite ${describeState(now)}; nothing was changed.`
  );
}
