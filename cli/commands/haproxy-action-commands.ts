/**
 * fulcrum drain|undrain|maint <host> haproxy:BACKEND SERVER and fulcrum weight <host>
 * haproxy:BACKEND SERVER N: HAProxy runtime changes on the admin socket (DESIGN.md §5, §9),
 * audited and undoable. Every argument is validated before the connection opens; exit 0 verified,
 * 1 refused/failed/aborted/not verified, 2 bad input.
 */
import { runHaproxyAction, type HaproxyRunOptions } from "../../core/actions/haproxy/run-haproxy-action.ts";
import { UsageError } from "../exit-codes.ts";
import { parseActionFlags } from "./action-flags.ts";
import {
  HAPROXY_FLAGS,
  haproxyIntentArgs,
  haproxySocketOptions,
  type HaproxyCommandKind,
} from "./haproxy-action-args.ts";
import { openHaproxyActionSession } from "./haproxy-action-session.ts";
import { HAPROXY_TEXTS } from "./haproxy-plan-text.ts";
import { planThenApply } from "./plan-then-apply.ts";

const COMMON =
  "[--dry-run] [--yes] [--confirm haproxy:BACKEND] [--production] [-F ssh_config] [--haproxy-socket PATH] [--haproxy-config PATH]";

export const HAPROXY_ACTION_USAGE: Record<HaproxyCommandKind, string> = {
  drain: `fulcrum drain <host> haproxy:<backend> <server> ${COMMON}`,
  undrain: `fulcrum undrain <host> haproxy:<backend> <server> ${COMMON}`,
  maint: `fulcrum maint <host> haproxy:<backend> <server> ${COMMON}`,
  weight: `fulcrum weight <host> haproxy:<backend> <server> <0-256> ${COMMON}`,
};

export function haproxyActionCommand(kind: HaproxyCommandKind): (args: string[]) => Promise<number> {
  return async (args) => {
    const { flags, parsed } = parseActionFlags(args, { values: HAPROXY_FLAGS });
    const [host, serviceText, serverText, ...extra] = parsed.positionals;
    if (
      host === undefined ||
      serviceText === undefined ||
      serverText === undefined ||
      extra.length !== (kind === "weight" ? 1 : 0)
    ) {
      throw new UsageError(`usage: ${HAPROXY_ACTION_USAGE[kind]}`);
    }
    const intent = haproxyIntentArgs(kind, serviceText, serverText, extra);
    const socketOptions = haproxySocketOptions(parsed);

    const opened = await openHaproxyActionSession(host, flags.sshConfig, socketOptions);
    try {
      const context = { ...opened.context, production: flags.production };
      const result = await planThenApply(
        (options: HaproxyRunOptions) => runHaproxyAction(context, intent, options),
        flags,
        HAPROXY_TEXTS,
      );
      return result.exitCode;
    } finally {
      opened.close();
    }
  };
}
