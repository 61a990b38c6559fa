/**
 * fulcrum failover <director> --to <peer>: a manual keepalived VRRP failover (DESIGN.md §5, §9).
 * Reads both nodes, plans, shows every check and command, confirms, re-reads and re-plans (the
 * plan that runs must be the plan that was shown), runs it printing each event as it happens, and
 * appends the audit entry. Exit 0 only when the VIP was verified on the peer alone.
 */
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { tryAcquireHosts } from "../../core/actions/acquire-host-locks.ts";
import { dataFolderHostLocks } from "../../core/actions/action-locks-folder.ts";
import { failoverChangeEntry } from "../../core/actions/failover/failover-change-entry.ts";
import type { FailoverPlan } from "../../core/actions/failover/failover-plan.ts";
import { planFailover } from "../../core/actions/failover/plan-failover.ts";
import { readNodeView } from "../../core/actions/failover/read-node-view.ts";
import type { RecordedTrackFile } from "../../core/actions/failover/restore-method.ts";
import { runFailover, type FailoverClock } from "../../core/actions/failover/run-failover.ts";
import { sessionExecutor, type HostExecutor } from "../../core/actions/host-executor.ts";
import { AuditLog } from "../../core/audit/audit-log.ts";
import { auditLogPath } from "../../core/audit/data-folder.ts";
import type { HostSession } from "../../core/ssh/session.ts";
import { EXIT_FAILED, EXIT_OK } from "../exit-codes.ts";
import { connectHost } from "../host-session.ts";
import { canAsk, confirmApply } from "./confirm-prompt.ts";
import { failoverEventLine } from "./failover-event-line.ts";
import { FAILOVER_USAGE, parseFailoverArgs, type FailoverRequest } from "./failover-flags.ts";
import { failoverPlanText, failoverRefusalText } from "./failover-plan-text.ts";

const realClock: FailoverClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

function failed(message: string): number {
  process.stderr.write(`fulcrum: ${message}\n`);
  return EXIT_FAILED;
}

/** A failover back that undoes an audit entry (failover-undo.ts). */
export interface FailoverUndoRun {
  undoOf: string;
  restore?: RecordedTrackFile;
}

async function readPlan(
  request: FailoverRequest,
  executors: { master: HostExecutor; peer: HostExecutor },
  undo: FailoverUndoRun | undefined,
): Promise<FailoverPlan> {
  const control = request.unit
    ? { stop: ["systemctl", "stop", request.unit], start: ["systemctl", "start", request.unit] }
    : undefined;
  const read = (executor: HostExecutor, label: string, locations: FailoverRequest["locations"]["peer"]) =>
    readNodeView(executor, { label, locations, noStop: request.noStop, ...(control ? { control } : {}) });
  const [master, peer] = await Promise.all([
    read(executors.master, request.director, request.locations.director),
    read(executors.peer, request.peer, request.locations.peer),
  ]);
  return planFailover(
    { master, peer },
    {
      minSecondsSinceTransition: request.minSecondsSinceTransition,
      override: request.override,
      ...(request.instance !== undefined ? { instance: request.instance } : {}),
      ...(request.method ? { method: request.method } : {}),
      ...(undo?.restore ? { restore: undo.restore } : {}),
    },
  );
}

/** The same commands on the same VIPs: what the operator confirmed is what will run. */
function samePlan(shown: FailoverPlan, fresh: FailoverPlan): boolean {
  const shells = (plan: FailoverPlan) =>
    JSON.stringify([plan.instance, plan.vips, plan.method?.kind, plan.steps, plan.rollback].flat());
  return !fresh.blocked && shells(shown) === shells(fresh);
}

async function failoverBetween(
  request: FailoverRequest,
  sessions: { master: HostSession; peer: HostSession },
  undo: FailoverUndoRun | undefined,
): Promise<number> {
  const executors = { master: sessionExecutor(sessions.master), peer: sessionExecutor(sessions.peer) };
  const plan = await readPlan(request, executors, undo);
  if (undo) process.stdout.write(`undoes audit entry: ${undo.undoOf}\n`);
  process.stdout.write(failoverPlanText(plan));
  if (plan.blocked || !plan.method) {
    process.stderr.write(failoverRefusalText(plan));
    return EXIT_FAILED;
  }
  if (request.dryRun) {
    process.stdout.write("dry run: nothing was changed\n");
    return EXIT_OK;
  }
  if (!request.yes) {
    if (!canAsk())
      return failed("refusing to fail over without confirmation: no terminal to ask on; pass --yes");
    if (!(await confirmApply())) return failed("not applied; nothing was changed");
  }
  // One action at a time per host: a failover acts on both nodes, so it holds both locks.
  const locks = dataFolderHostLocks((message) => process.stderr.write(`fulcrum: ${message}\n`));
  const lock = tryAcquireHosts(
    locks,
    [request.director, request.peer],
    `failover ${request.director} to ${request.peer}`,
  );
  if ("busyWith" in lock) {
    return failed(
      `refused: another action is in progress on ${lock.busyHost} (${lock.busyWith}); nothing was changed — try again when it has finished`,
    );
  }
  try {
    return await recheckRunAndAudit(request, executors, plan, sessions, undo);
  } finally {
    lock.release();
  }
}

async function recheckRunAndAudit(
  request: FailoverRequest,
  executors: { master: HostExecutor; peer: HostExecutor },
  plan: FailoverPlan,
  sessions: { master: HostSession; peer: HostSession },
  undo: FailoverUndoRun | undefined,
): Promise<number> {
  // The nodes may have moved on while the operator read the plan (a transition, a track file).
  const fresh = await readPlan(request, executors, undo);
  if (!samePlan(plan, fresh)) {
    process.stderr.write(failoverPlanText(fresh));
    return failed("the nodes changed since the plan was shown; nothing was changed — run it again");
  }

  const startedAt = realClock.now();
  const result = await runFailover(fresh, executors, realClock, (event) => {
    process.stdout.write(`${failoverEventLine(event, startedAt)}\n`);
  });
  const entry = failoverChangeEntry(fresh, result, {
    id: randomUUID(),
    at: new Date(startedAt),
    who: { osUser: userInfo().username, sshUser: sessions.master.target.user },
    ...(undo ? { undoOf: undo.undoOf } : {}),
  });
  await new AuditLog(auditLogPath()).appendChange(entry);
  process.stdout.write(`result: ${entry.result}: ${entry.message}\naudit entry: ${entry.id}\n`);
  return result.outcome === "moved" ? EXIT_OK : EXIT_FAILED;
}

export async function failoverCommand(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(FAILOVER_USAGE);
    return EXIT_OK;
  }
  return failoverWithRequest(parseFailoverArgs(args));
}

/** Connects to both nodes and runs the failover the request describes; `fulcrum undo` reuses it. */
export async function failoverWithRequest(request: FailoverRequest, undo?: FailoverUndoRun): Promise<number> {
  const master = await connectHost(request.director, request.sshConfig);
  try {
    const peer = await connectHost(request.peer, request.sshConfig);
    try {
      return await failoverBetween(request, { master, peer }, undo);
    } finally {
      peer.close();
    }
  } finally {
    master.close();
  }
}
