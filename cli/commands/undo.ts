/**
 * fulcrum undo <audit-id>: the inverse of a recorded action (undrain after a drain, the old weight
 * after a weight change, restore after a remove; HAProxy's own inverse; the previous value written
 * back for a config edit; a failover back for a failover), planned and applied like any action on
 * the host the entry names. An id that is not in the log is bad input (exit 2), found before
 * connecting.
 */
import { undoAction, type RunOptions } from "../../core/actions/run-action.ts";
import { AuditLog } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import { matchEntryId, MIN_ID_PREFIX } from "../../core/audit/entry-id-prefix.ts";
import { undoIntent } from "../../core/audit/undo-intent.ts";
import { UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";
import { parseActionFlags } from "./action-flags.ts";
import { openActionSession } from "./action-session.ts";
import { FAILOVER_FLAGS } from "./failover-flags.ts";
import { undoFailoverCommand } from "./failover-undo.ts";
import { HAPROXY_FLAGS } from "./haproxy-action-args.ts";
import { undoHaproxyCommand } from "./haproxy-undo.ts";
import { undoConfigEditCommand } from "./persist-weight-undo.ts";
import { undoFromEntry } from "./undo-from-entry.ts";
import { IPVS_TEXTS } from "./plan-text.ts";

export const UNDO_USAGE =
  "fulcrum undo <audit-id or a unique prefix of 4+ characters> [--dry-run] [--yes] [--confirm SERVICE] [--production] [-F ssh_config] [--haproxy-socket PATH] [--haproxy-config PATH] [failover flags: --pid-file, --keepalived-tmp, --config-file, --settled, --override, --method, --unit, --no-stop]";

export async function undoCommand(args: string[]): Promise<number> {
  const log = new AuditLog(auditLogPath());
  const entryId = await resolveEntryId(log, entryIdOf(args));
  const change = await log.findChange(entryId);
  // HAProxy, config-edit and failover changes share the log with IPVS entries, told apart by type;
  // each family reads its own flags, so one it does not take is bad input (exit 2).
  if (change?.type === "config-edit") return undoConfigEditCommand(change, args);
  if (change?.type === "failover") return undoFailoverCommand(change, args);
  const { flags, parsed } = parseActionFlags(args, { values: HAPROXY_FLAGS });
  if (change?.type === "haproxy") return undoHaproxyCommand(change, flags, parsed);
  const entry = await log.find(entryId);
  if (!entry) throw new UsageError(`no audit entry ${JSON.stringify(entryId)} (fulcrum audit lists them)`);
  if (parsed.values.has("--haproxy-socket") || parsed.values.has("--haproxy-config"))
    throw new UsageError(
      `entry ${entryId} is an IPVS action; --haproxy-socket and --haproxy-config are for HAProxy entries`,
    );
  // An entry that changed nothing has nothing to undo: said without connecting.
  return undoFromEntry({
    entryId,
    inverse: undoIntent(entry),
    open: () => openActionSession(entry.hostId, flags),
    undo: (context, options: RunOptions) => undoAction(context, entryId, options),
    flags,
    texts: IPVS_TEXTS,
  });
}

/** The whole id of the entry `given` names (any unique prefix of 4 or more characters, as git). */
async function resolveEntryId(log: AuditLog, given: string): Promise<string> {
  const { entries, changes } = await log.read();
  const match = matchEntryId(
    given,
    [...entries, ...changes].map((entry) => entry.id),
  );
  if (match.ok) return match.id;
  if (match.reason === "ambiguous")
    throw new UsageError(
      `audit id prefix ${JSON.stringify(given)} is ambiguous; it starts:\n${match.candidates.map((id) => `  ${id}`).join("\n")}`,
    );
  if (match.reason === "too-short")
    throw new UsageError(
      `no audit entry ${JSON.stringify(given)} (give the whole id or at least ${MIN_ID_PREFIX} leading characters; fulcrum audit lists them)`,
    );
  throw new UsageError(`no audit entry ${JSON.stringify(given)} (fulcrum audit lists them)`);
}

/**
 * The one positional, read with every flag any family's undo takes, so the entry can be found
 * (and an unknown id refused) before the family checks the flags it takes.
 */
function entryIdOf(args: readonly string[]): string {
  const parsed = parseFlags(args, {
    booleans: [...FAILOVER_FLAGS.booleans, "--production"],
    values: [...FAILOVER_FLAGS.values, "--confirm", ...HAPROXY_FLAGS],
    repeated: FAILOVER_FLAGS.repeated,
  });
  const [entryId, ...extra] = parsed.positionals;
  if (entryId === undefined || extra.length > 0) throw new UsageError(`usage: ${UNDO_USAGE}`);
  return entryId;
}
