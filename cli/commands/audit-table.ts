/** The audit log as a terminal table: one line per entry, oldest first, like the file. */
import type { AuditEntry } from "../../core/audit/audit-entry.ts";
import { stateText } from "./plan-text.ts";

const HEADER = ["at", "id", "host", "action", "service", "backend", "before -> after", "result", "undo of"];

function cells(entry: AuditEntry): string[] {
  const before = entry.before ? stateText(entry.before) : "?";
  const after = entry.after ? stateText(entry.after) : "?";
  return [
    entry.at,
    entry.id,
    entry.hostId,
    entry.intent.kind,
    entry.service,
    entry.backend,
    `${before} -> ${after}`,
    entry.result,
    entry.undoOf ?? "",
  ];
}

export function auditTable(entries: readonly AuditEntry[]): string {
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
