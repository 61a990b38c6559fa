/**
 * The one apply loop of every action family (DESIGN.md §5): IPVS weights, HAProxy runtime state,
 * config edits, and whatever comes next (nginx, rolling maintenance). A family says how to read
 * its target, how to carry the change out and how to recognise the result (ChangeSpec); the loop
 * does the rest, the same way for all:
 *   1. one action per host: a second one while one is pending is refused (the host lock);
 *   2. compare-and-set: read the target; abort, running nothing, if it changed since the plan;
 *   3. run the change; a failure stops there (the family says what failed and cleans up);
 *   4. verify: re-read until the expected state shows (bounded), else "not verified";
 *   5. if the connection drops while the change runs, reconnect and re-read: the expected state
 *      means it was applied, the state before means it was not, "unknown" only when no read
 *      succeeds or the host shows neither.
 * Clock and sleep are injected, so tests drive the bounds without waiting.
 */
import type { ApplyOutcome } from "./action-codes.ts";
import type { CommandOutcome } from "./apply-report.ts";
import type { HostActionLocks } from "./host-action-lock.ts";
import type { HostExecutor } from "./host-executor.ts";
import { commandRecorder, type CommandRecorder, type RecordedRun } from "./recorded-run.ts";

export interface ApplyLoopOptions {
  executor: HostExecutor;
  locks: HostActionLocks;
  /** A working executor after a lost connection; default: the same one (sessions reconnect). */
  reconnect?: () => Promise<HostExecutor>;
  /** How long to re-read for the change to show. Default 10 s. */
  verifyTimeoutMs?: number;
  /** Pause between re-reads. Default 250 ms. */
  pollIntervalMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** How a family's change ended when it did not simply run (the family's own words). */
export type ChangeOutcome = { ran: true } | { ran: false; outcome: "failed" | "aborted"; message: string };

/** What one family brings to the loop for one plan. */
export interface ChangeSpec<State> {
  hostId: string;
  /** The change in a few words; the host lock shows it to a second action. */
  what: string;
  /** The target in words: "192.0.2.11:80 in 203.0.113.10:80", "be_app/web1", a config path. */
  target: string;
  /** What is read to see the target: "the table", "the servers", "the file". */
  source: string;
  /** The plan's commands as the preview showed them. */
  planned: readonly string[];
  /**
   * "planned": the planned commands are the steps, each reported not-run until it runs;
   * "as-run": the change runs other commands than it previews, reported as they run.
   */
  report: "planned" | "as-run";
  /** The target as the host shows it now; throws when it cannot be read. */
  read(executor: HostExecutor): Promise<State>;
  /** Differences from the state planned against, in words; none: compare-and-set passes. */
  changedSincePlan(state: State): string[];
  /** A reason not to start at all, seen in the state read before (a daemon that is not running). */
  refuseToStart?(state: State): string | undefined;
  /** Carries the change out through `run`; throws when the connection is lost. */
  change(run: RecordedRun, before: State): Promise<ChangeOutcome>;
  isExpected(state: State): boolean;
  isBefore(state: State): boolean;
  describe(state: State): string;
  /** The expected state in words. */
  expected: string;
  /** Verification can stop early: this state will not change any more (a daemon that stopped). */
  settled?(state: State): boolean;
  /** The last word once the change ran (default: verified or not verified, in the loop's words). */
  conclude?(after: State | undefined, verified: boolean): { outcome: ApplyOutcome; message: string };
  /** Said after a lost connection that left the change partly done (files left behind...). */
  lossNote?: string;
  /** Applied to stderr before it is kept (keepalived: secrets). */
  redact?: (text: string) => string;
}

export interface LoopReport<State> {
  hostId: string;
  outcome: ApplyOutcome;
  message: string;
  commands: CommandOutcome[];
  /** The target as read right before running (compare-and-set). */
  observedBefore?: State;
  /** The target as last read after running. */
  observedAfter?: State;
  startedAt: number;
  finishedAt: number;
}

const DEFAULT_VERIFY_MS = 10_000;
const DEFAULT_POLL_MS = 250;
const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Finish<State> = (
  outcome: ApplyOutcome,
  message: string,
  seen?: { observedBefore?: State | undefined; observedAfter?: State | undefined },
) => LoopReport<State>;

export async function applyChange<State>(
  spec: ChangeSpec<State>,
  options: ApplyLoopOptions,
): Promise<LoopReport<State>> {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const recorder = commandRecorder(spec.planned, spec.report, spec.redact);
  const finish: Finish<State> = (outcome, message, seen = {}) => ({
    hostId: spec.hostId,
    outcome,
    message,
    commands: recorder.outcomes(),
    ...(seen.observedBefore !== undefined ? { observedBefore: seen.observedBefore } : {}),
    ...(seen.observedAfter !== undefined ? { observedAfter: seen.observedAfter } : {}),
    startedAt,
    finishedAt: now(),
  });
  const lock = options.locks.tryAcquire(spec.hostId, spec.what);
  if ("busyWith" in lock) {
    return finish(
      "refused",
      `another action is in progress on ${spec.hostId} (${lock.busyWith}); nothing was run — try again when it has finished`,
    );
  }
  try {
    return await runLocked(spec, options, recorder, finish);
  } finally {
    lock.release();
  }
}

async function runLocked<State>(
  spec: ChangeSpec<State>,
  options: ApplyLoopOptions,
  recorder: CommandRecorder,
  finish: Finish<State>,
): Promise<LoopReport<State>> {
  let observedBefore: State;
  try {
    observedBefore = await spec.read(options.executor);
  } catch (error) {
    return finish(
      "failed",
      `could not read ${spec.source} before ${spec.what}: ${errorText(error)}; nothing was run`,
    );
  }
  const changed = spec.changedSincePlan(observedBefore);
  if (changed.length > 0) {
    return finish(
      "aborted",
      `${spec.target} changed since the plan (${changed.join("; ")}); nothing was run — plan again`,
      { observedBefore },
    );
  }
  const reason = spec.refuseToStart?.(observedBefore);
  if (reason !== undefined) return finish("failed", `${reason}; nothing was run`, { observedBefore });

  let ended: ChangeOutcome;
  try {
    ended = await spec.change(recorder.run(options.executor), observedBefore);
  } catch (error) {
    return resolveAfterLoss(spec, options, finish, { observedBefore, error, recorder });
  }
  if (!ended.ran) {
    const observedAfter = await spec.read(options.executor).catch(() => undefined);
    return finish(ended.outcome, ended.message, { observedBefore, observedAfter });
  }

  const observedAfter = await pollUntil(spec, options, () => spec.read(options.executor));
  const verified = observedAfter !== undefined && spec.isExpected(observedAfter);
  const seen = { observedBefore, observedAfter };
  const concluded = spec.conclude?.(observedAfter, verified);
  if (concluded) return finish(concluded.outcome, concluded.message, seen);
  if (verified) {
    return finish(
      "verified",
      `${spec.target} is now ${spec.describe(observedAfter)} (verified by re-reading ${spec.source})`,
      seen,
    );
  }
  const shows = observedAfter !== undefined ? spec.describe(observedAfter) : "unreadable";
  return finish(
    "not-verified",
    `the change ran but ${spec.source} does not show ${spec.expected} yet (it shows ${shows})`,
    seen,
  );
}

/**
 * Re-reads until the expected state shows, the state settles, or time runs out; returns the last
 * successful read. `done` adds another state that settles the question (the state before, after a
 * lost connection).
 */
async function pollUntil<State>(
  spec: ChangeSpec<State>,
  options: ApplyLoopOptions,
  read: () => Promise<State>,
  done: (state: State) => boolean = () => false,
): Promise<State | undefined> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + (options.verifyTimeoutMs ?? DEFAULT_VERIFY_MS);
  let last: State | undefined;
  for (;;) {
    last = await read().catch(() => last);
    if (last !== undefined && (spec.isExpected(last) || spec.settled?.(last) === true || done(last)))
      return last;
    if (now() >= deadline) return last;
    await sleep(options.pollIntervalMs ?? DEFAULT_POLL_MS);
  }
}

async function resolveAfterLoss<State>(
  spec: ChangeSpec<State>,
  options: ApplyLoopOptions,
  finish: Finish<State>,
  context: { observedBefore: State; error: unknown; recorder: CommandRecorder },
): Promise<LoopReport<State>> {
  const { observedBefore, recorder } = context;
  const running = recorder.lost();
  const lost = `the connection was lost while running ${running?.shell ?? spec.what} (${errorText(context.error)})`;
  let executor: HostExecutor | undefined;
  const read = async (): Promise<State> => {
    try {
      executor ??= options.reconnect ? await options.reconnect() : options.executor;
      return await spec.read(executor);
    } catch (error) {
      executor = undefined;
      throw error;
    }
  };
  // Either state settles the question: the expected one (it ran) or the one before (it did not).
  const observedAfter = await pollUntil(spec, options, read, spec.isBefore);
  const note = spec.lossNote ? `; ${spec.lossNote}` : "";
  const seen = { observedBefore, observedAfter };
  if (observedAfter === undefined) {
    return finish(
      "unknown",
      `${lost}; ${spec.source} could not be re-read, so whether it was applied is unknown — check before retrying${note}`,
      seen,
    );
  }
  const recorded = observedAfter;
  if (spec.isExpected(recorded)) {
    if (running) running.status = "applied";
    return finish(
      "verified",
      `${lost}; re-read after reconnecting: it was applied, ${spec.target} is ${spec.describe(recorded)}`,
      seen,
    );
  }
  if (spec.isBefore(recorded)) {
    if (running) running.status = "not-applied";
    return finish(
      "failed",
      `${lost}; re-read after reconnecting: it was NOT applied, ${spec.target} is still ${spec.describe(recorded)}${note}`,
      seen,
    );
  }
  return finish(
    "unknown",
    `${lost}; re-read after reconnecting shows neither the old nor the expected state: ${spec.describe(recorded)}${note}`,
    seen,
  );
}
