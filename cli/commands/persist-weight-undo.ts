/**
 * fulcrum undo <audit-id> for a "config-edit" entry: a new config edit that sets back what the
 * entry's edit changed (the recorded values before), planned against the file as it is now and
 * applied like persist-weight (preview, confirm, backup, daemon check, reload, restore on failure,
 * audit with undoOf). Refused (exit 1) when the entry predates the record of values, or when the
 * file no longer shows what the edit set: someone changed it since.
 */
import { configEditInverse } from "../../core/actions/config-edit/config-edit-record.ts";
import { planConfigEditUndo } from "../../core/actions/config-edit/plan-config-edit-undo.ts";
import { readConfigFile } from "../../core/actions/config-edit/read-config-file.ts";
import { sessionExecutor } from "../../core/actions/host-executor.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import { EXIT_FAILED, UsageError } from "../exit-codes.ts";
import { parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag } from "../flags.ts";
import { connectHost } from "../host-session.ts";
import { confirmApplyAndAudit } from "./persist-weight.ts";

export const CONFIG_EDIT_UNDO_USAGE = "fulcrum undo <config-edit-id> [--dry-run] [--yes] [-F ssh_config]";

function refused(message: string): number {
  process.stderr.write(`fulcrum: refused: ${message}\n`);
  return EXIT_FAILED;
}

/** What an entry without a record of values offers: its backup, put back by hand. */
export function manualConfigRestore(entry: ChangeEntry): string {
  const undo = entry.undo;
  if (undo?.action !== "restore-config-backup") return "nothing recorded to undo";
  return `copy ${String(undo.backupPath)} back over ${String(undo.configPath)} on the host, check it and reload ${String(undo.daemon)}`;
}

export async function undoConfigEditCommand(entry: ChangeEntry, args: readonly string[]): Promise<number> {
  // Only the flags persist-weight itself takes that make sense here: anything else is bad input.
  const parsed = parseFlags(args, { booleans: ["--dry-run", "--yes", "-y"], values: SSH_CONFIG_FLAGS });
  if (parsed.positionals.length !== 1) throw new UsageError(`usage: ${CONFIG_EDIT_UNDO_USAGE}`);
  if (!entry.configEdit) {
    return refused(
      `entry ${entry.id} does not record the values it replaced (written by an older Fulcrum); undo it by hand: ${manualConfigRestore(entry)}`,
    );
  }
  const inverse = configEditInverse(entry.configEdit);
  if (!inverse.ok) return refused(`entry ${entry.id}: ${inverse.reason}`);
  const { target } = inverse.inverse;
  const session = await connectHost(entry.hostId, sshConfigFlag(parsed));
  try {
    const executor = sessionExecutor(session);
    const read = await readConfigFile(executor, target.configPath);
    if (!read.ok) return refused(read.reason);
    const planned = planConfigEditUndo(read.text, inverse.inverse, entry.id, new Date());
    if (!planned.ok) return refused(planned.refusal.message);
    return await confirmApplyAndAudit(planned.plan, {
      host: entry.hostId,
      session,
      executor,
      dryRun: parsed.booleans.has("--dry-run"),
      yes: parsed.booleans.has("--yes") || parsed.booleans.has("-y"),
      undoOf: entry.id,
    });
  } finally {
    session.close();
  }
}
