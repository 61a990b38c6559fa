/**
 * The compare-and-set of an HAProxy undo against its entry: the server must still show the admin
 * state and weight the entry left (its `after`, read back when it was verified). When it does not,
 * the words name the later entry for that server and what undoing would overwrite.
 */
import type { ChangeEntry } from "../../audit/change-entry.ts";
import { latestAfter, laterChangeText } from "../../audit/later-change.ts";
import type { HaproxyServerView } from "./haproxy-server-view.ts";

function stateText(state: { admin?: unknown; weight?: unknown } | undefined): string {
  if (!state) return "absent";
  return `${String(state.admin)} weight ${String(state.weight)}`;
}

export function haproxyChangedSince(
  entry: ChangeEntry,
  history: readonly ChangeEntry[],
  servers: readonly HaproxyServerView[],
): string | undefined {
  const set = entry.after;
  // An entry that never read the server back (a lost connection) cannot be compared: its undo is
  // planned against what the server shows now, as any action is.
  if (!set) return undefined;
  const slash = entry.target.lastIndexOf("/");
  const backend = entry.target.slice("haproxy:".length, slash);
  const name = entry.target.slice(slash + 1);
  const server = servers.find((candidate) => candidate.backend === backend && candidate.server === name);
  if (server && server.admin === set["admin"] && server.weight === set["weight"]) return undefined;
  const sameTarget = history.filter(
    (candidate) =>
      candidate.type === "haproxy" &&
      candidate.hostId === entry.hostId &&
      candidate.target === entry.target &&
      candidate.commands.some((command) => command.status === "applied"),
  );
  const later = latestAfter(entry, sameTarget);
  const now = server ? stateText(server) : "absent";
  return (
    `${backend}/${name} no longer shows what entry ${entry.id} set (${stateText(set)}): it shows ${now}; ` +
    `${laterChangeText(later ? { ...later, what: later.summary } : undefined)}. ` +
    `Undoing would overwrite ${now}; nothing was changed.`
  );
}
