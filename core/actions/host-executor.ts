/**
 * The seam between actions and an SSH connection: run one argv on the host, collect its output.
 * Actions open their own short-lived channels, never the sampler's (DESIGN.md §4). An executor
 * throws when the connection is lost; a non-zero exit is a result, not an error.
 */
import { toShellCommand } from "../commands/shell-quote.ts";
import { hostScript } from "../shell/host-script.ts";

export interface HostExecutorResult {
  stdout: string;
  stderr: string;
  code: number | null;
}

export interface HostExecutor {
  run(argv: readonly string[], options?: { stdin?: string; timeoutMs?: number }): Promise<HostExecutorResult>;
}

/** What core/ssh's HostSession offers (structurally), so any session can serve as an executor. */
export interface CommandSession {
  exec(command: string, options?: { stdin?: string; timeoutMs?: number }): Promise<HostExecutorResult>;
  /** The login; a session without one is treated as root's. */
  target?: { user: string };
}

/** as-root.sh: runs its arguments with root when the login can have it (README "Privileges"). */
const AS_ROOT = hostScript("core/shell/tools.sh", "core/shell/privilege.sh", "core/actions/as-root.sh");

/** argv as it is sent for a login that is not root: through as-root.sh, which finds root for it. */
export function asRootArgv(argv: readonly string[]): string[] {
  return ["sh", "-c", AS_ROOT, "fulcrum-as-root", ...argv];
}

/**
 * argv becomes a remote command only through toShellCommand, here as everywhere. A login other than
 * root has every command go through as-root.sh: under `sudo -n` where sudoers grants exactly that
 * command (the change lines), else under the root-shell grant, else as the login.
 */
export function sessionExecutor(session: CommandSession): HostExecutor {
  const wrap = session.target !== undefined && session.target.user !== "root";
  return {
    run: (argv, options) => session.exec(toShellCommand(wrap ? asRootArgv(argv) : argv), options),
  };
}
