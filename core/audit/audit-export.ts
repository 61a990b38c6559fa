/** Audit entries as files an operator can hand on: JSON (an array), JSON lines, or CSV. */
import type { AuditEntry } from "./audit-entry.ts";

export type AuditExportFormat = "json" | "jsonl" | "csv";

const CSV_COLUMNS = [
  "id",
  "at",
  "osUser",
  "sshUser",
  "hostId",
  "action",
  "service",
  "backend",
  "commands",
  "before",
  "after",
  "result",
  "verified",
  "message",
  "undoOf",
] as const;

function stateText(state: AuditEntry["before"]): string {
  if (!state) return "";
  return state.exists ? `${state.forward} weight ${state.weight}` : "absent";
}

// RFC 4180: quote every field, double the quotes. A leading =, +, - or @ is prefixed with ' so a
// spreadsheet does not run it as a formula.
function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

export function exportAuditEntries(entries: readonly AuditEntry[], format: AuditExportFormat): string {
  if (format === "json") return `${JSON.stringify(entries, null, 2)}\n`;
  if (format === "jsonl") return entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
  const rows = entries.map((entry) => {
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: entry.id,
      at: entry.at,
      osUser: entry.who.osUser,
      sshUser: entry.who.sshUser ?? "",
      hostId: entry.hostId,
      action: entry.intent.kind,
      service: entry.service,
      backend: entry.backend,
      commands: entry.commands.map((command) => command.shell).join(" ; "),
      before: stateText(entry.before),
      after: stateText(entry.after),
      result: entry.result,
      verified: String(entry.verified),
      message: entry.message,
      undoOf: entry.undoOf ?? "",
    };
    return CSV_COLUMNS.map((column) => csvField(row[column])).join(",");
  });
  return [CSV_COLUMNS.join(","), ...rows].map((line) => `${line}\r\n`).join("");
}
