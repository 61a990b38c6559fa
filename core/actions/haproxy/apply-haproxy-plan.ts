/**
 * Apply an HAProxy plan: one action per host (the shared lock), compare-and-set against a fresh
 * read, send the runtime command, then re-read until the expected state shows (bounded).
 * HAProxy answers a successful `set server` with an empty line; any text is its refusal.
 */
import type { ApplyOutcome } from "../apply-report.ts";
import type { HostActionLocks } from "../host-action-lock.ts";
import type { HostExecutor } from "../host-executor.ts";
import { readHaproxyServers, runtimeCommand, type HaproxyServerView } from "./haproxy-server-view.ts";
import type { HaproxyPlan } from "./plan-haproxy-action.ts";

export interface HaproxyApplyReport {
  outcome: ApplyOutcome;
  message: string;
  command: string;
  observedBefore?: HaproxyServerView;
  observedAfter?: HaproxyServerView;
}

export interface HaproxyApplyOptions {
  hostId: string;
  socket: string;
  executor: HostExecutor;
  locks: HostActionLocks;
  verifyTimeoutMs?: number;
  pollIntervalMs?: number;
}

function find(servers: readonly HaproxyServerView[], plan: HaproxyPlan): HaproxyServerView | undefined {
  return servers.find(
    (server) => server.backend === plan.before.backend && server.server === plan.before.server,
  );
}

export async function applyHaproxyPlan(
  plan: HaproxyPlan,
  options: HaproxyApplyOptions,
): Promise<HaproxyApplyReport> {
  const { command } = plan;
  const lock = options.locks.tryAcquire(options.hostId, command);
  if ("busyWith" in lock) {
    return {
      outcome: "refused",
      command,
      message: `another action is in progress on ${options.hostId} (${lock.busyWith})`,
    };
  }
  try {
    const current = find(await readHaproxyServers(options.executor, options.socket), plan);
    if (!current || current.admin !== plan.before.admin || current.weight !== plan.before.weight) {
      const now = current ? `${current.admin}, weight ${current.weight}` : "gone";
      return {
        outcome: "aborted",
        command,
        ...(current ? { observedBefore: current } : {}),
        message: `${plan.before.backend}/${plan.before.server} changed since the plan (was ${plan.before.admin}, weight ${plan.before.weight}; is ${now}); nothing was sent — plan again`,
      };
    }
    const answer = (await runtimeCommand(options.executor, options.socket, command)).trim();
    if (answer !== "")
      return { outcome: "failed", command, observedBefore: current, message: `HAProxy refused: ${answer}` };
    const deadline = Date.now() + (options.verifyTimeoutMs ?? 10_000);
    for (;;) {
      const after = find(await readHaproxyServers(options.executor, options.socket), plan);
      if (after && after.admin === plan.expected.admin && after.weight === plan.expected.weight) {
        return {
          outcome: "verified",
          command,
          observedBefore: current,
          observedAfter: after,
          message: `${command}: verified`,
        };
      }
      if (Date.now() > deadline) {
        return {
          outcome: "not-verified",
          command,
          observedBefore: current,
          ...(after ? { observedAfter: after } : {}),
          message: `${command}: sent, but the expected state did not show within the bound`,
        };
      }
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 200));
    }
  } finally {
    lock.release();
  }
}
