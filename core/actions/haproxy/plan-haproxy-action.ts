/**
 * Pure planning of an HAProxy runtime change: current servers + intent -> the exact runtime command,
 * the expected state, warnings and guards, or a coded refusal (plan-result.ts, as for IPVS).
 * Runtime changes live in HAProxy's memory only.
 */
import { setServerState, setServerWeight } from "../../commands/haproxy.ts";
import {
  guardedPlan,
  productionGuard,
  refused,
  type GuardHit,
  type PlanResult,
  type PlanWarning,
} from "../plan-result.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import type { HaproxyAdmin, HaproxyServerView } from "./haproxy-server-view.ts";

export interface HaproxyPlan {
  hostId: string;
  intent: HaproxyIntent;
  /** The admin socket the command goes to. */
  socket: string;
  /** The runtime API command sent on the socket (stdin of socat). */
  command: string;
  before: HaproxyServerView;
  expected: { admin: HaproxyAdmin; weight: number };
  warnings: PlanWarning[];
  /** Guards that fired and were lifted by the typed `confirmText`. */
  confirmedGuards: GuardHit[];
  /** The text a guard asks for: the backend as `haproxy:NAME`. */
  confirmText: string;
}

export type HaproxyPlanResult = PlanResult<HaproxyPlan>;

export interface HaproxyPlanOptions {
  hostId: string;
  socket: string;
  /** Whether haproxy.cfg loads a server-state-file; undefined: the config could not be read. */
  serverStateFile?: boolean;
  confirmation?: string;
  production?: boolean;
}

function takesTraffic(server: Pick<HaproxyServerView, "admin" | "weight">): boolean {
  return server.admin === "ready" && server.weight > 0;
}

function warningsFor(
  before: HaproxyServerView,
  expected: HaproxyPlan["expected"],
  serverStateFile?: boolean,
) {
  const warnings: PlanWarning[] = [];
  if (serverStateFile !== true) {
    warnings.push({
      code: "runtime-only",
      message:
        serverStateFile === false
          ? "Runtime change only: the config has no server-state-file, so a reload brings back the configured state."
          : "Runtime change only: a reload loses it unless the config loads a server-state-file (could not read the config).",
    });
  }
  if (before.agentControlled)
    warnings.push({
      code: "agent-check",
      message:
        "An agent check reports for this server: the agent may undo this (it can set ready, drain or a weight).",
    });
  if (expected.admin === "maint")
    warnings.push({
      code: "maint-stops-checks",
      message: "maint also stops health checks; drain keeps checking and lets persistent sessions finish.",
    });
  return warnings;
}

export function planHaproxyAction(
  servers: readonly HaproxyServerView[],
  intent: HaproxyIntent,
  options: HaproxyPlanOptions,
): HaproxyPlanResult {
  const before = servers.find(
    (server) => server.backend === intent.backend && server.server === intent.server,
  );
  if (!before) {
    const code = servers.some((server) => server.backend === intent.backend)
      ? "backend-not-found"
      : "service-not-found";
    const what =
      code === "backend-not-found"
        ? `server ${intent.backend}/${intent.server}`
        : `backend ${intent.backend}`;
    return refused(code, `no ${what} on this HAProxy`);
  }
  const expected =
    intent.kind === "haproxy-state"
      ? { admin: intent.state, weight: before.weight }
      : { admin: before.admin, weight: intent.weight };
  if (expected.admin === before.admin && expected.weight === before.weight)
    return refused(
      "no-change",
      `${intent.backend}/${intent.server} is ${before.admin}, weight ${before.weight} already`,
    );
  const command =
    intent.kind === "haproxy-state"
      ? setServerState(intent.backend, intent.server, intent.state)
      : setServerWeight(intent.backend, intent.server, intent.weight);

  const guards: GuardHit[] = [];
  const others = servers.filter((server) => server.backend === intent.backend && server !== before);
  if (takesTraffic(before) && !takesTraffic({ ...before, ...expected }) && !others.some(takesTraffic)) {
    guards.push({
      code: "last-weighted-backend",
      message: `${intent.server} is the last server of ${intent.backend} taking new traffic: new sessions would have nowhere to go`,
    });
  }
  // A production host asks for the typed backend on every change, as IPVS actions do.
  if (options.production === true) guards.push(productionGuard(options.hostId));
  const confirmText = `haproxy:${intent.backend}`;
  const plan: HaproxyPlan = {
    hostId: options.hostId,
    intent,
    socket: options.socket,
    command,
    before,
    expected,
    warnings: warningsFor(before, expected, options.serverStateFile),
    confirmedGuards: [],
    confirmText,
  };
  return guardedPlan(plan, guards, confirmText, options.confirmation);
}
