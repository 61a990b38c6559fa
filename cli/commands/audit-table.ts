/**
 * The audit log as a terminal table: one line per entry, oldest first. IPVS entries and change
 * entries (HAProxy, config edits, failovers) share the columns: an HAProxy target
 * "haproxy:BACKEND/SERVER" shows as service haproxy:BACKEND, backend SERVER.
 */
import type { AuditEntry } from "../../core/audit/audit-entry.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import { whoText } from "../../core/audit/later-change.ts";
import { stateText } from "./plan-text.ts";

const HEADER = [
  "at",
  "id",
  "host",
  "who",
  "action",
  "service",
  "backend",
  "before -> after",
  "result",
  "undo of",
];

export type AnyAuditEntry = AuditEntry | ChangeEntry;

export function isChangeEntry(entry: AnyAuditEntry): entry is ChangeEntry {
  return "type" in entry;
}

function ipvsCells(entry: AuditEntry): string[] {
  const before = entry.before ? stateText(entry.before) : "?";
  const after = entry.after ? stateText(entry.after) : "?";
  return [entry.intent.kind, entry.service, entry.backend, `${before} -> ${after}`];
}

// {admin: "ready", weight: 10} -> "ready weight 10"; other families print key=value.
function recordText(record: ChangeEntry["before"]): string {
  if (!record) return "?";
  const { admin, weight, ...rest } = record;
  const known = [admin ?? "", weight !== undefined ? `weight ${weight}` : ""];
  const others = Object.entries(rest).map(([key, value]) => `${key}=${value}`);
  return [...known, ...others].filter(Boolean).join(" ") || "?";
}

function changeCells(entry: ChangeEntry): string[] {
  const states = `${recordText(entry.before)} -> ${recordText(entry.after)}`;
  if (entry.type === "haproxy") {
    // "haproxy:be_app/web1"; the summary starts with the action word ("drain be_app/web1").
    const slash = entry.target.lastIndexOf("/");
    const service = slash > 0 ? entry.target.slice(0, slash) : entry.target;
    const server = slash > 0 ? entry.target.slice(slash + 1) : "";
    return [`haproxy ${entry.summary.split(" ")[0] ?? ""}`, service, server, states];
  }
  return [entry.type, entry.target, "", states];
}

function cells(entry: AnyAuditEntry): string[] {
  const middle = isChangeEntry(entry) ? changeCells(entry) : ipvsCells(entry);
  return [entry.at, entry.id, entry.hostId, whoText(entry.who), ...middle, entry.result, entry.undoOf ?? ""];
}

export function auditTable(entries: readonly AnyAuditEntry[]): string {
  if (entries.length === 0) return "no audit entries\n";
  const rows = [HEADER, ...entries.map(cells)];
  const widths = HEADER.map((_cell, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows
    .map(
      (row) =>
        `${row
          .map((cell, column) => cell.padEnd(widths[column] ?? 0))
          .join("  ")
          .trimEnd()}\n`,
    )
    .join("");
}
