/**
 * fulcrum undo <audit-id> for a "haproxy" change entry: the inverse intent the entry recorded,
 * planned and applied like any HAProxy action on the host the entry names (undo-from-entry.ts).
 */
import {
  haproxyUndoIntent,
  undoHaproxyChange,
  type HaproxyRunOptions,
} from "../../core/actions/haproxy/run-haproxy-action.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import type { ParsedFlags } from "../flags.ts";
import type { ActionFlags } from "./action-flags.ts";
import { haproxySocketOptions } from "./haproxy-action-args.ts";
import { openHaproxyActionSession } from "./haproxy-action-session.ts";
import { HAPROXY_TEXTS } from "./haproxy-plan-text.ts";
import { undoFromEntry } from "./undo-from-entry.ts";

export function undoHaproxyCommand(
  entry: ChangeEntry,
  flags: ActionFlags,
  parsed: ParsedFlags,
): Promise<number> {
  const socketOptions = haproxySocketOptions(parsed);
  return undoFromEntry({
    entryId: entry.id,
    inverse: haproxyUndoIntent(entry),
    open: async () => {
      const opened = await openHaproxyActionSession(entry.hostId, flags.sshConfig, socketOptions);
      return { context: { ...opened.context, production: flags.production }, close: opened.close };
    },
    undo: (context, options: HaproxyRunOptions) => undoHaproxyChange(context, entry.id, options),
    flags,
    texts: HAPROXY_TEXTS,
  });
}
