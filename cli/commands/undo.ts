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
import { HAPROXY_FLAGS } from "./haproxy-action-args.ts";
import { undoHaproxyCommand } from "./haproxy-undo.ts";
import { planThenApply } from "./plan-then-apply.ts";

export const UNDO_USAGE =
  "fulcrum undo <audit-id> [--dry-run] [--yes] [--confirm SERVICE] [--production] [-F ssh_config] [--haproxy-socket PATH] [--haproxy-config PATH]";

export async function undoCommand(args: string[]): Promise<number> {
  const { flags, parsed } = parseActionFlags(args, { values: HAPROXY_FLAGS });
  const [entryId, ...extra] = parsed.positionals;
  if (entryId === undefined || extra.length > 0) throw new UsageError(`usage: ${UNDO_USAGE}`);
  const log = new AuditLog(auditLogPath());
  const entry = await log.find(entryId);
  if (!entry) {
    // Not an IPVS entry: HAProxy (and other) changes share the log, told apart by their type.
    const change = await log.findChange(entryId);
    if (!change) throw new UsageError(`no audit entry ${JSON.stringify(entryId)} (fulcrum audit lists them)`);
    if (change.type !== "haproxy") {
      process.stderr.write(
        `fulcrum: refused: entry ${entryId} is a ${change.type} change, undone as its own action: ${manualUndo(change.undo)}\n`,
      );
      return EXIT_FAILED;
    }
    return undoHaproxyCommand(change, flags, parsed);
  }
  if (parsed.values.has("--haproxy-socket") || parsed.values.has("--haproxy-config"))
    throw new UsageError(
      `entry ${entryId} is an IPVS action; --haproxy-socket and --haproxy-config are for HAProxy entries`,
    );
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

/**
 * Failovers and config edits are undone as an action of their own, which the operator runs and
 * confirms: a failover back is a new failover with its own preflight; a config restore replaces a
 * live file. The entry's undo record says which.
 */
function manualUndo(undo: Record<string, string | number | boolean> | undefined): string {
  if (undo?.action === "failover") return `fulcrum failover ${String(undo.from)} --to ${String(undo.to)}`;
  if (undo?.action === "restore-config-backup") {
    return `copy ${String(undo.backupPath)} back over ${String(undo.configPath)} on the host, check it and reload ${String(undo.daemon)}`;
  }
  return "nothing recorded to undo";
}
