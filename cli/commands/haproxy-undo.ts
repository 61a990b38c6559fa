/**
 * fulcrum undo <audit-id> for a "haproxy" change entry: the inverse intent the entry recorded,
 * planned and applied like any HAProxy action on the host the entry names. An entry with nothing
 * to undo is refused (exit 1) before connecting.
 */
import {
  haproxyUndoIntent,
  undoHaproxyChange,
  type HaproxyRunOptions,
} from "../../core/actions/haproxy/run-haproxy-action.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import { EXIT_FAILED } from "../exit-codes.ts";
import type { ParsedFlags } from "../flags.ts";
import type { ActionFlags } from "./action-flags.ts";
import { haproxySocketOptions } from "./haproxy-action-args.ts";
import { openHaproxyActionSession } from "./haproxy-action-session.ts";
import { HAPROXY_TEXTS } from "./haproxy-plan-text.ts";
import { planThenApply } from "./plan-then-apply.ts";

export async function undoHaproxyCommand(
  entry: ChangeEntry,
  flags: ActionFlags,
  parsed: ParsedFlags,
): Promise<number> {
  const socketOptions = haproxySocketOptions(parsed);
  const inverse = haproxyUndoIntent(entry);
  if (!inverse.ok) {
    process.stderr.write(`fulcrum: refused: ${inverse.message}\n`);
    return EXIT_FAILED;
  }
  const opened = await openHaproxyActionSession(entry.hostId, flags.sshConfig, socketOptions);
  try {
    const context = { ...opened.context, production: flags.production };
    const result = await planThenApply(
      (options: HaproxyRunOptions) => undoHaproxyChange(context, entry.id, options),
      flags,
      HAPROXY_TEXTS,
    );
    if (result.run?.entry) process.stdout.write(`undoes audit entry: ${entry.id}\n`);
    return result.exitCode;
  } finally {
    opened.close();
  }
}
