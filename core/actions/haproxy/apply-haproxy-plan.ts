/**
 * apply for HAProxy: the family's part of the one apply loop (apply-loop.ts). The target is one
 * server as `show servers state` and `show stat` show it on the admin socket; the change is the
 * plan's runtime command, sent on socat's stdin. HAProxy answers a successful `set server` with an
 * empty line; any text is its refusal.
 */
import { socatToSocket } from "../../commands/haproxy.ts";
import { applyChange, type ApplyLoopOptions, type ChangeSpec, type LoopReport } from "../apply-loop.ts";
import { readHaproxyServers, type HaproxyServerView } from "./haproxy-server-view.ts";
import type { HaproxyPlan } from "./plan-haproxy-action.ts";

/** The server as read, or null when HAProxy no longer has it. */
export type HaproxyServerState = HaproxyServerView | null;
export type HaproxyApplyReport = LoopReport<HaproxyServerState>;

const COMMAND_TIMEOUT_MS = 10_000;

export function serverStateText(state: HaproxyServerState | HaproxyPlan["expected"]): string {
  return state === null ? "gone" : `${state.admin}, weight ${state.weight}`;
}

function differences(planned: HaproxyServerView, seen: HaproxyServerState): string[] {
  if (seen === null) return ["it is gone"];
  const changed: string[] = [];
  if (seen.admin !== planned.admin) changed.push(`state was ${planned.admin}, is ${seen.admin}`);
  if (seen.weight !== planned.weight) changed.push(`weight was ${planned.weight}, is ${seen.weight}`);
  return changed;
}

const shows = (state: HaproxyServerState, wanted: HaproxyPlan["expected"]): boolean =>
  state !== null && state.admin === wanted.admin && state.weight === wanted.weight;

export function haproxyChange(plan: HaproxyPlan): ChangeSpec<HaproxyServerState> {
  const { backend, server } = plan.intent;
  return {
    hostId: plan.hostId,
    what: plan.command,
    target: `${backend}/${server}`,
    source: "the servers",
    planned: [plan.command],
    report: "planned",
    read: async (executor) =>
      (await readHaproxyServers(executor, plan.socket)).find(
        (candidate) => candidate.backend === backend && candidate.server === server,
      ) ?? null,
    changedSincePlan: (state) => differences(plan.before, state),
    change: async (run) => {
      const result = await run(socatToSocket(plan.socket), {
        stdin: `${plan.command}\n`,
        timeoutMs: COMMAND_TIMEOUT_MS,
        label: plan.command,
        accepted: (answer) => answer.code === 0 && answer.stdout.trim() === "",
      });
      if (result.code !== 0) {
        const why = result.stderr.trim() || result.stdout.trim() || "no message";
        return {
          ran: false,
          outcome: "failed",
          message: `HAProxy socket ${plan.socket}: socat exited ${result.code}: ${why}`,
        };
      }
      const answer = result.stdout.trim();
      if (answer !== "") return { ran: false, outcome: "failed", message: `HAProxy refused: ${answer}` };
      return { ran: true };
    },
    isExpected: (state) => shows(state, plan.expected),
    isBefore: (state) => shows(state, plan.before),
    describe: serverStateText,
    expected: serverStateText(plan.expected),
  };
}

export async function applyHaproxyPlan(
  plan: HaproxyPlan,
  options: ApplyLoopOptions,
): Promise<HaproxyApplyReport> {
  return applyChange(haproxyChange(plan), options);
}
