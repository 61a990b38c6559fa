/**
 * Shapes a host's audit entries for the Audit panel, newest first: when, who, what, the exact
 * commands and how it ended. Undo is offered on a verified change that has not been undone yet
 * (a later entry naming it in undoOf), so one click cannot revert the same change twice.
 */
import type { AuditRecordView, ChangeEntryView } from "../../core/api.ts";
import { undoKind } from "../../shared/undo-chain.ts";
import { intentSummary } from "./intent-summary.ts";
import type { I18n } from "../i18n/i18n.ts";

export interface AuditRow {
  id: string;
  /** ISO time as written; the component formats it in the operator's locale. */
  at: string;
  who: string;
  /** The entry in one line of the console's words (also the title of its undo). */
  action: string;
  /** For a change entry: its family and the core's own (English) summary, shown apart. */
  change: { type: ChangeEntryView["type"]; summary: string } | undefined;
  commands: { shell: string; status: string }[];
  result: AuditRecordView["result"];
  message: string;
  undoable: boolean;
  /** "Redo" on an undo (undoing it applies the original change again), else "Undo". */
  undoLabel: "Undo" | "Redo";
  /** The entry this one undid, if it was an undo. */
  undoOf: string | undefined;
}

export function toAuditRows(entries: readonly AuditRecordView[], i18n: I18n): AuditRow[] {
  const undone = new Set(entries.flatMap((entry) => (entry.undoOf ? [entry.undoOf] : [])));
  return [...entries]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at) || b.id.localeCompare(a.id))
    .map((entry) => ({
      id: entry.id,
      at: entry.at,
      who: entry.who.sshUser
        ? i18n.t("audit.viaSsh", { osUser: entry.who.osUser, sshUser: entry.who.sshUser })
        : entry.who.osUser,
      action: "type" in entry ? changeSummary(entry, i18n) : intentSummary(entry.intent, i18n),
      change: "type" in entry ? { type: entry.type, summary: entry.summary } : undefined,
      commands: entry.commands.map(({ shell, status }) => ({ shell, status })),
      result: entry.result,
      message: entry.message,
      undoable: entry.result === "verified" && !undone.has(entry.id) && undoableHere(entry),
      undoLabel: undoKind(entry, entries) === "redo" ? "Redo" : "Undo",
      undoOf: entry.undoOf,
    }));
}

/** The family in the catalog's words; the summary is the core's own (English) text. */
function changeSummary(entry: ChangeEntryView, i18n: I18n): string {
  return i18n.t(`change.${entry.type}`, { summary: entry.summary });
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
