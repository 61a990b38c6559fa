/**
 * Shapes a host's audit entries for the Audit panel, newest first: when, who, what, the exact
 * commands and how it ended. Undo is offered on a verified change that has not been undone yet
 * (a later entry naming it in undoOf), so one click cannot revert the same change twice.
 */
import type { AuditRecordView, ChangeEntryView } from "../../core/api.ts";
import { undoKind } from "../../shared/undo-chain.ts";
import { intentSummary } from "./intent-summary.ts";

export interface AuditRow {
  id: string;
  /** ISO time as written; the component formats it in the operator's locale. */
  at: string;
  who: string;
  action: string;
  commands: { shell: string; status: string }[];
  result: AuditRecordView["result"];
  message: string;
  undoable: boolean;
  /** "Redo" on an undo (undoing it applies the original change again), else "Undo". */
  undoLabel: "Undo" | "Redo";
  /** The entry this one undid, if it was an undo. */
  undoOf: string | undefined;
}

export function toAuditRows(entries: readonly AuditRecordView[]): AuditRow[] {
  const undone = new Set(entries.flatMap((entry) => (entry.undoOf ? [entry.undoOf] : [])));
  return [...entries]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id.localeCompare(a.id))
    .map((entry) => ({
      id: entry.id,
      at: entry.at,
      who: entry.who.sshUser ? `${entry.who.osUser} (ssh ${entry.who.sshUser})` : entry.who.osUser,
      action: "type" in entry ? changeSummary(entry) : intentSummary(entry.intent),
      commands: entry.commands.map(({ shell, status }) => ({ shell, status })),
      result: entry.result,
      message: entry.message,
      undoable: entry.result === "verified" && !undone.has(entry.id) && undoableHere(entry),
      undoLabel: undoKind(entry, entries) === "redo" ? "Redo" : "Undo",
      undoOf: entry.undoOf,
    }));
}

const CHANGE_FAMILY: Record<ChangeEntryView["type"], string> = {
  haproxy: "HAProxy",
  "config-edit": "Config edit",
  failover: "Failover",
};

function changeSummary(entry: ChangeEntryView): string {
  return `${CHANGE_FAMILY[entry.type]}: ${entry.summary}`;
}

/**
 * The console undoes IPVS and HAProxy changes; config edits and failovers are undone with
 * `fulcrum undo` (they need a diff preview or a failover preflight the console does not show).
 */
function undoableHere(entry: AuditRecordView): boolean {
  if (!("type" in entry)) return true;
  return entry.type === "haproxy" && entry.undo !== undefined;
}

/** Adds a pushed entry to a host's list once (a listAudit reply and the event can both carry it). */
export function withAuditEntry(
  entries: readonly AuditRecordView[],
  entry: AuditRecordView,
): AuditRecordView[] {
  return entries.some((existing) => existing.id === entry.id)
    ? (entries as AuditRecordView[])
    : [...entries, entry];
}

/** Merges a listAudit reply with entries pushed while it was in flight. */
export function mergeAuditEntries(
  loaded: readonly AuditRecordView[],
  pushed: readonly AuditRecordView[],
): AuditRecordView[] {
  return pushed.reduce(withAuditEntry, [...loaded]);
}
