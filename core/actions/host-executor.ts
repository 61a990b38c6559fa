/**
 * The seam between actions and an SSH connection: run one argv on the host, collect its output.
 * Actions open their own short-lived channels, never the sampler's (DESIGN.md §4). An executor
 * throws when the connection is lost; a non-zero exit is a result, not an error.
 */
import { toShellCommand } from "../commands/shell-quote.ts";

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
}

/** argv becomes a remote command only through toShellCommand, here as everywhere. */
export function sessionExecutor(session: CommandSession): HostExecutor {
  return {
    run: (argv, options) => session.exec(toShellCommand(argv), options),
  };
}
