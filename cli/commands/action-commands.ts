/**
 * fulcrum weight|drain|undrain|remove|restore <host> <service> <backend> ...: one IPVS action
 * through core's plan -> preview -> apply -> verify -> audit (DESIGN.md §5, §9). Every argument
 * is validated before the connection opens; exit 0 verified, 1 refused/failed/aborted/not
 * verified (or a drain --wait that did not reach safe-to-stop), 2 bad input.
 */
import type { ActionKind } from "../../core/actions/action-intent.ts";
import { runAction, type RunOptions } from "../../core/actions/run-action.ts";
import { serviceKey } from "../../core/model/service-key.ts";
import { EXIT_FAILED, EXIT_OK, UsageError } from "../exit-codes.ts";
import { parseActionFlags } from "./action-flags.ts";
import { openActionSession } from "./action-session.ts";
import { actionIntent, forwardArg, validateTarget, weightArg } from "./action-target-args.ts";
import { waitForDrain } from "./drain-wait.ts";
import { namesHaproxyBackend, type HaproxyCommandKind } from "./haproxy-action-args.ts";
import { haproxyActionCommand } from "./haproxy-action-commands.ts";
import { planThenApply } from "./plan-then-apply.ts";
import { IPVS_TEXTS } from "./plan-text.ts";

const COMMON = "[--dry-run] [--yes] [--confirm SERVICE] [--production] [-F ssh_config]";

export const ACTION_USAGE: Record<ActionKind, string> = {
  setWeight: `fulcrum weight <host> <service> <backend> <N> ${COMMON}`,
  drain: `fulcrum drain <host> <service> <backend> ${COMMON} [--wait [--timeout SECONDS]]`,
  undrain: `fulcrum undrain <host> <service> <backend> [--weight N] ${COMMON}`,
  remove: `fulcrum remove <host> <service> <backend> ${COMMON}`,
  restore: `fulcrum restore <host> <service> <backend> [--forward masq|route|tunnel --weight N] ${COMMON}`,
};

const EXTRA_POSITIONALS: Record<ActionKind, number> = {
  setWeight: 1,
  drain: 0,
  undrain: 0,
  remove: 0,
  restore: 0,
};
const WEIGHT_FLAG: ReadonlySet<ActionKind> = new Set(["undrain", "restore"]);

// `haproxy:BACKEND` services go to the HAProxy runtime actions; remove and restore have no
// HAProxy counterpart (maint takes a server out).
const HAPROXY_KIND: Partial<Record<ActionKind, HaproxyCommandKind>> = {
  setWeight: "weight",
  drain: "drain",
  undrain: "undrain",
};
const VALUE_FLAGS = ["-F", "--ssh-config", "--confirm", "--weight", "--forward", "--timeout"];

export function actionCommand(kind: ActionKind): (args: string[]) => Promise<number> {
  return async (args) => {
    if (namesHaproxyBackend(args, VALUE_FLAGS)) {
      const haproxyKind = HAPROXY_KIND[kind];
      if (haproxyKind === undefined)
        throw new UsageError(`${kind} acts on IPVS services; take an HAProxy server out with fulcrum maint`);
      return haproxyActionCommand(haproxyKind)(args);
    }
    const { flags, parsed } = parseActionFlags(args, {
      values: [...(WEIGHT_FLAG.has(kind) ? ["--weight"] : []), ...(kind === "restore" ? ["--forward"] : [])],
      wait: kind === "drain",
    });
    const [host, serviceText, backendText, ...extra] = parsed.positionals;
    if (
      host === undefined ||
      serviceText === undefined ||
      backendText === undefined ||
      extra.length !== EXTRA_POSITIONALS[kind]
    ) {
      throw new UsageError(`usage: ${ACTION_USAGE[kind]}`);
    }
    const weightText = parsed.values.get("--weight")?.[0];
    const forwardText = parsed.values.get("--forward")?.[0];
    const intent = actionIntent(kind, validateTarget(serviceText, backendText), extra, {
      ...(weightText !== undefined ? { weight: weightArg(weightText, "--weight") } : {}),
      ...(forwardText !== undefined ? { forward: forwardArg(forwardText) } : {}),
    });

    const opened = await openActionSession(host, flags);
    try {
      const { context } = opened;
      const result = await planThenApply(
        (options: RunOptions) => runAction(context, intent, options),
        flags,
        IPVS_TEXTS,
      );
      const plan = result.run?.planned.ok ? result.run.planned.plan : undefined;
      if (result.exitCode !== EXIT_OK || flags.waitSeconds === undefined || !plan || !result.run?.report)
        return result.exitCode;
      const service = result.run.basis?.services.find((candidate) => serviceKey(candidate) === plan.service);
      const end = await waitForDrain({
        executor: context.executor,
        service: plan.service,
        backend: plan.backend,
        drainedAt: result.run.report.finishedAt,
        timeoutSeconds: flags.waitSeconds,
        // The plan was made on this table; should it not list the service, count every entry.
        protocol: service?.protocol ?? "udp",
        ...(service?.persistent !== undefined ? { persistentSeconds: service.persistent } : {}),
        write: (line) => process.stdout.write(`${line}\n`),
      });
      return end === "safe-to-stop" ? EXIT_OK : EXIT_FAILED;
    } finally {
      opened.close();
    }
  };
}
