/**
 * fulcrum undo <audit-id> for a "failover" entry: a failover back, from the node that took the VIPs
 * to the node that held them, on the same instance, through the same path as `fulcrum failover`
 * (its own preflight, plan, --dry-run, --yes or "Apply? [y/N]", re-plan, run, verify, roll back),
 * audited with undoOf. When the failover wrote a track file on the node it left, and that file
 * still holds what it wrote, the failover back restores it (restore-method.ts), so the pair ends
 * as it was. The failover flags (--pid-file, --settled, --no-stop, ...) are taken as they are;
 * the nodes and the instance come from the entry.
 */
import { failoverUndoOf } from "../../core/actions/failover/failover-undo.ts";
import type { ChangeEntry } from "../../core/audit/change-entry.ts";
import { EXIT_FAILED, UsageError } from "../exit-codes.ts";
import { parseFlags } from "../flags.ts";
import { failoverWithRequest } from "./failover.ts";
import { FAILOVER_FLAGS, parseFailoverArgs } from "./failover-flags.ts";

/** args without the one positional (the entry id), flag values kept with their flags. */
function withoutEntryId(args: readonly string[]): string[] {
  const takesValue = new Set<string>([...FAILOVER_FLAGS.values, ...FAILOVER_FLAGS.repeated]);
  const rest: string[] = [];
  let removed = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (takesValue.has(arg)) {
      rest.push(arg, ...(i + 1 < args.length ? [args[++i] as string] : []));
    } else if (!removed && (!arg.startsWith("-") || arg === "-")) removed = true;
    else rest.push(arg);
  }
  return rest;
}

export async function undoFailoverCommand(entry: ChangeEntry, args: readonly string[]): Promise<number> {
  const flags = withoutEntryId(args);
  if (flags.includes("--to") || flags.includes("--instance"))
    throw new UsageError("the nodes and the instance of a failover back come from the audit entry");
  // Unknown flags are bad input (exit 2) whatever the entry says.
  parseFlags(flags, FAILOVER_FLAGS);
  const inverse = failoverUndoOf(entry);
  if (!inverse.ok) {
    process.stderr.write(`fulcrum: refused: ${inverse.reason}\n`);
    return EXIT_FAILED;
  }
  const { from, to, instance } = inverse.undo;
  const request = parseFailoverArgs([from, "--to", to, "--instance", instance, ...flags]);
  const { restore } = inverse.undo;
  return failoverWithRequest(request, { undoOf: entry.id, ...(restore ? { restore } : {}) });
}
