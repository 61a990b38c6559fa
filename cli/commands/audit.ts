/**
 * fulcrum audit [--json] [--host H] [--since ISO]: the local audit log (DESIGN.md §5), as a table
 * or as a JSON array of entries with before, after, commands and result: IPVS entries and change
 * entries (HAProxy and others, with their `type`) together, oldest first. Reads only the data
 * folder; never connects. Lines that do not validate are reported on stderr, never dropped silently.
 */
import { AuditLog, matches } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import { EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";
import { auditTable, type AnyAuditEntry } from "./audit-table.ts";

const USAGE = "usage: fulcrum audit [--json] [--host HOST] [--since ISO-8601]";
// 2024-05-01, 2024-05-01T12:00, 2024-05-01T12:00:00.000Z, 2024-05-01T12:00:00+02:00
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function sinceArg(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const at = ISO_DATE.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(at))
    throw new UsageError(
      `--since takes an ISO 8601 date or time (2024-05-01T12:00:00Z), not ${JSON.stringify(text)}`,
    );
  return at;
}

// The same JSON array the audit export writes, with change entries (and their `type`) among them.
const auditJson = (shown: readonly AnyAuditEntry[]): string => `${JSON.stringify(shown, null, 2)}\n`;

export async function auditCommand(args: string[]): Promise<number> {
  const flags = parseFlags(args, { booleans: ["--json"], values: ["--host", "--since"] });
  if (flags.positionals.length > 0) throw new UsageError(USAGE);
  const from = sinceArg(flags.values.get("--since")?.[0]);
  const hostId = flags.values.get("--host")?.[0];
  const log = new AuditLog(auditLogPath());
  const { entries, changes, badLines } = await log.read();
  const query = { ...(hostId !== undefined ? { hostId } : {}), ...(from !== undefined ? { from } : {}) };
  const shown = [...entries, ...changes]
    .filter((entry) => matches(entry, query))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  if (badLines.length > 0) {
    process.stderr.write(
      `fulcrum: ${log.path}: lines ${badLines.join(", ")} are not valid audit entries and are not shown\n`,
    );
  }
  process.stdout.write(flags.booleans.has("--json") ? auditJson(shown) : auditTable(shown));
  return EXIT_OK;
}
