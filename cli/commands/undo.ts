/**
 * fulcrum undo <audit-id>: the inverse of a recorded action (undrain after a drain, the old weight
 * after a weight change, restore after a remove), planned and applied like any action on the host
 * the entry names. An id that is not in the log is bad input (exit 2), found before connecting.
 */
import { undoAction } from "../../core/actions/run-action.ts";
import { AuditLog } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import { undoIntent } from "../../core/audit/undo-intent.ts";
import { EXIT_FAILED, UsageError } from "../exit-codes.ts";
import { parseActionFlags } from "./action-flags.ts";
import { openActionSession } from "./action-session.ts";
import { planThenApply } from "./plan-then-apply.ts";

export const UNDO_USAGE =
  "fulcrum undo <audit-id> [--dry-run] [--yes] [--confirm SERVICE] [--production] [-F ssh_config]";

export async function undoCommand(args: string[]): Promise<number> {
  const { flags, parsed } = parseActionFlags(args);
  const [entryId, ...extra] = parsed.positionals;
  if (entryId === undefined || extra.length > 0) throw new UsageError(`usage: ${UNDO_USAGE}`);
  const entry = await new AuditLog(auditLogPath()).find(entryId);
  if (!entry) throw new UsageError(`no audit entry ${JSON.stringify(entryId)} (fulcrum audit lists them)`);
  // An entry that changed nothing has nothing to undo: say so without connecting.
  const inverse = undoIntent(entry);
  if (!inverse.ok) {
    process.stderr.write(`fulcrum: refused: ${inverse.message}\n`);
    return EXIT_FAILED;
  }
  const opened = await openActionSession(entry.hostId, flags);
  try {
    const { context } = opened;
    const result = await planThenApply((options) => undoAction(context, entryId, options), flags);
    if (result.run?.entry) process.stdout.write(`undoes audit entry: ${entryId}\n`);
    return result.exitCode;
  } finally {
    opened.close();
  }
}
