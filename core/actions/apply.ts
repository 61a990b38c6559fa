/**
 * apply: lock the host, compare-and-set, run, verify (DESIGN.md §5).
 *   1. one action per host: a second request while one is pending is refused;
 *   2. re-read the table; abort, running nothing, if the target changed since the plan;
 *   3. run the plan's argv; a non-zero exit stops there;
 *   4. re-read until the expected state is visible (bounded), else "not verified";
 *   5. if the connection drops while a command runs, reconnect and re-read: the report says
 *      applied / not applied from what the table shows, "unknown" only if no read succeeds.
 */
import type { ActionPlan, BackendState } from "./action-plan.ts";
import type { ApplyOutcome, ApplyReport, CommandOutcome } from "./apply-report.ts";
import { backendStateDiff, describeState, observeBackend, sameBackendState } from "./backend-state-diff.ts";
import type { HostActionLocks } from "./host-action-lock.ts";
import type { HostExecutor } from "./host-executor.ts";
import { readIpvsTable } from "./read-ipvs-state.ts";

export interface ApplyOptions {
  executor: HostExecutor;
  locks: HostActionLocks;
  /** A working executor after a lost connection; default: the same one (sessions reconnect). */
  reconnect?: () => Promise<HostExecutor>;
  /** How long to re-read for the change to show. Default 10 s. */
  verifyTimeoutMs?: number;
  /** Pause between re-reads. Default 250 ms. */
  pollIntervalMs?: number;
  /** Per remote command. Default 10 s. */
  commandTimeoutMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function applyPlan(plan: ActionPlan, options: ApplyOptions): Promise<ApplyReport> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const what = `${plan.intent.kind} ${plan.backend} in ${plan.service}`;
  const lock = options.locks.tryAcquire(plan.hostId, what);
  const finish = (outcome: ApplyOutcome, message: string, rest: Partial<ApplyReport> = {}): ApplyReport => ({
    hostId: plan.hostId,
    outcome,
    message,
    commands: plan.commands.map((command) => ({ shell: command.shell, status: "not-run" })),
    ...rest,
    startedAt,
    finishedAt: now(),
  });
  if ("busyWith" in lock) {
    return finish(
      "refused",
      `another action is in progress on ${plan.hostId} (${lock.busyWith}); nothing was run — try again when it has finished`,
    );
  }
  try {
    return await runLocked(plan, options, finish);
  } finally {
    lock.release();
  }
}

type Finish = (outcome: ApplyOutcome, message: string, rest?: Partial<ApplyReport>) => ApplyReport;

async function runLocked(plan: ActionPlan, options: ApplyOptions, finish: Finish): Promise<ApplyReport> {
  const commandTimeoutMs = options.commandTimeoutMs ?? 10_000;
  const observe = async (executor: HostExecutor): Promise<BackendState> =>
    observeBackend(await readIpvsTable(executor, commandTimeoutMs), plan.service, plan.backend);

  let observedBefore: BackendState;
  try {
    observedBefore = await observe(options.executor);
  } catch (error) {
    return finish(
      "failed",
      `could not read the table before ${plan.intent.kind}: ${errorText(error)}; nothing was run`,
    );
  }
  const changed = backendStateDiff(plan.before, observedBefore);
  if (changed.length > 0) {
    return finish(
      "aborted",
      `${plan.backend} in ${plan.service} changed since the plan (${changed.join("; ")}); nothing was run — plan again`,
      {
        observedBefore,
      },
    );
  }

  const commands: CommandOutcome[] = plan.commands.map((command) => ({
    shell: command.shell,
    status: "not-run",
  }));
  for (const [index, command] of plan.commands.entries()) {
    const outcome = commands[index] as CommandOutcome;
    let result;
    try {
      result = await options.executor.run(command.argv, { timeoutMs: commandTimeoutMs });
    } catch (error) {
      outcome.status = "unknown";
      outcome.connectionLost = true;
      return resolveAfterLoss(plan, options, finish, { commands, observedBefore, index, error, observe });
    }
    outcome.exitCode = result.code;
    if (result.stderr.trim()) outcome.stderr = result.stderr.trim();
    if (result.code !== 0) {
      outcome.status = "not-applied";
      const observedAfter = await observe(options.executor).catch(() => undefined);
      return finish(
        "failed",
        `${command.shell} failed (exit ${result.code}): ${outcome.stderr ?? "no message"}`,
        {
          commands,
          observedBefore,
          ...(observedAfter ? { observedAfter } : {}),
        },
      );
    }
    outcome.status = "applied";
  }

  const observedAfter = await pollUntil(options, () => observe(options.executor), plan.expectedAfter);
  if (observedAfter && sameBackendState(plan.expectedAfter, observedAfter)) {
    return finish(
      "verified",
      `${plan.backend} in ${plan.service} is now ${describeState(observedAfter)} (verified by re-reading the table)`,
      {
        commands,
        observedBefore,
        observedAfter,
      },
    );
  }
  const seen = observedAfter ? describeState(observedAfter) : "unreadable";
  return finish(
    "not-verified",
    `the command ran (exit 0) but the table does not show ${describeState(plan.expectedAfter)} yet (it shows ${seen})`,
    {
      commands,
      observedBefore,
      ...(observedAfter ? { observedAfter } : {}),
    },
  );
}

/** Re-reads until `expected` shows or time runs out; the last successful read, if any. */
async function pollUntil(
  options: ApplyOptions,
  read: () => Promise<BackendState>,
  expected: BackendState,
): Promise<BackendState | undefined> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + (options.verifyTimeoutMs ?? 10_000);
  let last: BackendState | undefined;
  for (;;) {
    last = await read().catch(() => last);
    if (last && sameBackendState(expected, last)) return last;
    if (now() >= deadline) return last;
    await sleep(options.pollIntervalMs ?? 250);
  }
}

interface LossContext {
  commands: CommandOutcome[];
  observedBefore: BackendState;
  index: number;
  error: unknown;
  observe: (executor: HostExecutor) => Promise<BackendState>;
}

async function resolveAfterLoss(
  plan: ActionPlan,
  options: ApplyOptions,
  finish: Finish,
  context: LossContext,
): Promise<ApplyReport> {
  const { commands, observedBefore, index } = context;
  const lost = `the connection was lost while running ${commands[index]?.shell} (${errorText(context.error)})`;
  let executor: HostExecutor | undefined;
  const read = async (): Promise<BackendState> => {
    executor ??= options.reconnect ? await options.reconnect() : options.executor;
    return context.observe(executor);
  };
  // Either state settles the question: the expected one (it ran) or the one before (it did not).
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + (options.verifyTimeoutMs ?? 10_000);
  let observedAfter: BackendState | undefined;
  for (;;) {
    try {
      observedAfter = await read();
    } catch {
      executor = undefined;
    }
    if (observedAfter && sameBackendState(plan.expectedAfter, observedAfter)) break;
    if (now() >= deadline) break;
    await sleep(options.pollIntervalMs ?? 250);
  }
  const outcome = commands[index] as CommandOutcome;
  const rest = (): Partial<ApplyReport> => ({
    commands,
    observedBefore,
    ...(observedAfter ? { observedAfter } : {}),
  });
  if (!observedAfter) {
    return finish(
      "unknown",
      `${lost}; the table could not be re-read, so whether it was applied is unknown — check before retrying`,
      rest(),
    );
  }
  if (sameBackendState(plan.expectedAfter, observedAfter)) {
    outcome.status = "applied";
    return finish(
      "verified",
      `${lost}; re-read after reconnecting: it was applied, ${plan.backend} is ${describeState(observedAfter)}`,
      rest(),
    );
  }
  if (sameBackendState(plan.before, observedAfter)) {
    outcome.status = "not-applied";
    return finish(
      "failed",
      `${lost}; re-read after reconnecting: it was NOT applied, ${plan.backend} is still ${describeState(observedAfter)}`,
      rest(),
    );
  }
  return finish(
    "unknown",
    `${lost}; re-read after reconnecting shows neither the old nor the expected state: ${describeState(observedAfter)}`,
    rest(),
  );
}
