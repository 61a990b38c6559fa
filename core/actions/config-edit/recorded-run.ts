/**
 * Runs the steps of an apply and keeps an account of each (shell line, exit code, stderr) for the
 * report and the audit log. stdout is not kept: it is file content, which may hold secrets.
 */
import { toShellCommand } from "../../commands/shell-quote.ts";
import type { CommandOutcome } from "../apply-report.ts";
import type { HostExecutor, HostExecutorResult } from "../host-executor.ts";

export type RecordedRun = (argv: readonly string[], stdin?: string) => Promise<HostExecutorResult>;

export function recordedRun(
  executor: HostExecutor,
  commands: CommandOutcome[],
  redact: (text: string) => string,
): RecordedRun {
  return async (argv, stdin) => {
    const shell = toShellCommand(argv);
    try {
      const result = await executor.run(argv, stdin === undefined ? {} : { stdin });
      commands.push({
        shell,
        status: result.code === 0 ? "applied" : "not-applied",
        exitCode: result.code,
        ...(result.stderr.trim() ? { stderr: redact(result.stderr.trim()) } : {}),
      });
      return result;
    } catch (error) {
      commands.push({ shell, status: "unknown", connectionLost: true });
      throw error;
    }
  };
}
