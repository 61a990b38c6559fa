/**
 * Runs the commands of an apply and keeps an account of each (shell line, status, exit code,
 * stderr) for the report and the audit log. stdout is not kept: it may be file content, which may
 * hold secrets. A run that throws is the connection dropping: the command is recorded "unknown"
 * until a re-read settles it (apply-loop.ts).
 */
import { toShellCommand } from "../commands/shell-quote.ts";
import type { CommandOutcome } from "./apply-report.ts";
import type { HostExecutor, HostExecutorResult } from "./host-executor.ts";

export interface RecordedRunOptions {
  stdin?: string;
  timeoutMs?: number;
  /** What the account shows instead of the argv (HAProxy: the runtime command sent on the socket). */
  label?: string;
  /** Whether the result means the command took effect; default: exit status 0. */
  accepted?: (result: HostExecutorResult) => boolean;
}

export type RecordedRun = (
  argv: readonly string[],
  options?: RecordedRunOptions,
) => Promise<HostExecutorResult>;

export interface CommandRecorder {
  run(executor: HostExecutor): RecordedRun;
  outcomes(): CommandOutcome[];
  /** The command that was running when the connection dropped, if one did. */
  lost(): CommandOutcome | undefined;
}

/**
 * "planned": the planned commands are the steps, each shown not-run until it runs, in order;
 * "as-run": each command is added as it runs.
 */
export function commandRecorder(
  planned: readonly string[],
  mode: "planned" | "as-run",
  redact: (text: string) => string = (text) => text,
): CommandRecorder {
  const outcomes: CommandOutcome[] =
    mode === "planned" ? planned.map((shell) => ({ shell, status: "not-run" })) : [];
  let ran = 0;
  const slot = (shell: string): CommandOutcome => {
    const index = ran++;
    const outcome = mode === "planned" ? outcomes[index] : undefined;
    if (outcome) return outcome;
    const added: CommandOutcome = { shell, status: "not-run" };
    outcomes.push(added);
    return added;
  };
  return {
    run:
      (executor) =>
      async (argv, options = {}) => {
        const outcome = slot(options.label ?? toShellCommand(argv));
        try {
          const result = await executor.run(argv, {
            ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
            ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
          });
          const accepted = options.accepted ?? ((done: HostExecutorResult) => done.code === 0);
          outcome.status = accepted(result) ? "applied" : "not-applied";
          outcome.exitCode = result.code;
          if (result.stderr.trim()) outcome.stderr = redact(result.stderr.trim());
          return result;
        } catch (error) {
          outcome.status = "unknown";
          outcome.connectionLost = true;
          throw error;
        }
      },
    // Nothing ran: the planned commands, none of them run, say what would have been.
    outcomes: () =>
      ran === 0 && mode === "as-run"
        ? planned.map((shell) => ({ shell, status: "not-run" as const }))
        : outcomes.map((outcome) => ({ ...outcome })),
    lost: () => outcomes.find((outcome) => outcome.connectionLost === true),
  };
}

/** The same call shape without an account: for reads that are not part of the change. */
export function plainRun(executor: HostExecutor): RecordedRun {
  return (argv, options = {}) =>
    executor.run(argv, {
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
}
