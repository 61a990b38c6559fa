/**
 * The flags every action command shares (DESIGN.md §9), read and checked before anything connects:
 * --dry-run, --yes, --confirm TEXT, --production, --wait [--timeout SECONDS], -F FILE.
 */
import { UsageError } from "../exit-codes.ts";
import { intFlag, parseFlags, SSH_CONFIG_FLAGS, sshConfigFlag, type ParsedFlags } from "../flags.ts";

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 300;

export interface ActionFlags {
  dryRun: boolean;
  /** Skip the interactive "Apply? [y/N]". */
  yes: boolean;
  /** The typed confirmation a guard asks for: the service key. */
  confirm?: string;
  /** Treat the host as production for this run: every change then needs --confirm. */
  production: boolean;
  /** Seconds to follow a drain until safe to stop; undefined without --wait. */
  waitSeconds?: number;
  sshConfig?: string;
}

const BOOLEANS = ["--dry-run", "--yes", "-y", "--production"] as const;
const VALUES = [...SSH_CONFIG_FLAGS, "--confirm"] as const;

export function parseActionFlags(
  args: readonly string[],
  extra: { booleans?: readonly string[]; values?: readonly string[]; wait?: boolean } = {},
): { flags: ActionFlags; parsed: ParsedFlags } {
  const parsed = parseFlags(args, {
    booleans: [...BOOLEANS, ...(extra.wait ? ["--wait"] : []), ...(extra.booleans ?? [])],
    values: [...VALUES, ...(extra.wait ? ["--timeout"] : []), ...(extra.values ?? [])],
  });
  const wait = parsed.booleans.has("--wait");
  const timeout = intFlag(parsed, "--timeout", 1, 86_400);
  if (timeout !== undefined && !wait) throw new UsageError("--timeout goes with --wait");
  if (wait && parsed.booleans.has("--dry-run"))
    throw new UsageError("--wait follows an applied drain; a dry run applies nothing");
  const confirm = parsed.values.get("--confirm")?.[0];
  const sshConfig = sshConfigFlag(parsed);
  const flags: ActionFlags = {
    dryRun: parsed.booleans.has("--dry-run"),
    yes: parsed.booleans.has("--yes") || parsed.booleans.has("-y"),
    production: parsed.booleans.has("--production"),
    ...(confirm !== undefined ? { confirm } : {}),
    ...(wait ? { waitSeconds: timeout ?? DEFAULT_WAIT_TIMEOUT_SECONDS } : {}),
    ...(sshConfig !== undefined ? { sshConfig } : {}),
  };
  return { flags, parsed };
}
