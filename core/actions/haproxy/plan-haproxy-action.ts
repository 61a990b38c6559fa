/**
 * Pure planning of an HAProxy runtime change: current servers + intent -> the exact runtime command,
 * the expected state, warnings and guards. Runtime changes live in HAProxy's memory only.
 */
import { setServerState, setServerWeight } from "../../commands/haproxy.ts";
import type { HaproxyIntent } from "./haproxy-intent.ts";
import type { HaproxyAdmin, HaproxyServerView } from "./haproxy-server-view.ts";

/** A warning or a guard, with a stable code the console keys and tests match on. */
export interface HaproxyNotice {
  code: string;
  message: string;
}

export interface HaproxyPlan {
  intent: HaproxyIntent;
  /** The runtime API command sent on the socket (stdin of socat). */
  command: string;
  before: HaproxyServerView;
  expected: { admin: HaproxyAdmin; weight: number };
  warnings: HaproxyNotice[];
  /** Text the operator must type (the backend as `haproxy:NAME`) before apply, when a guard fired. */
  confirmText?: string;
  guards: HaproxyNotice[];
}

export type HaproxyPlanResult =
  | { ok: true; plan: HaproxyPlan }
  /** confirmText: a guard fired and typing it would lift the refusal (the CLI may ask for it). */
  | { ok: false; reason: string; confirmText?: string; guards?: HaproxyNotice[] };

function takesTraffic(server: Pick<HaproxyServerView, "admin" | "weight">): boolean {
  return server.admin === "ready" && server.weight > 0;
}

export function planHaproxyAction(
  servers: readonly HaproxyServerView[],
  intent: HaproxyIntent,
  options: { serverStateFile?: boolean; confirmation?: string; production?: boolean } = {},
): HaproxyPlanResult {
  const before = servers.find(
    (server) => server.backend === intent.backend && server.server === intent.server,
  );
  if (!before) return { ok: false, reason: `no server ${intent.backend}/${intent.server} on this HAProxy` };
  const expected =
    intent.kind === "haproxy-state"
      ? { admin: intent.state, weight: before.weight }
      : { admin: before.admin, weight: intent.weight };
  const command =
    intent.kind === "haproxy-state"
      ? setServerState(intent.backend, intent.server, intent.state)
      : setServerWeight(intent.backend, intent.server, intent.weight);

  const warnings: HaproxyNotice[] = [];
  if (options.serverStateFile !== true) {
    warnings.push({
      code: "runtime-only",
      message:
        options.serverStateFile === false
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

  const guards: HaproxyNotice[] = [];
  const others = servers.filter((server) => server.backend === intent.backend && server !== before);
  if (takesTraffic(before) && !takesTraffic({ ...before, ...expected }) && !others.some(takesTraffic)) {
    guards.push({
      code: "last-server",
      message: `${intent.server} is the last server of ${intent.backend} taking new traffic.`,
    });
  }
  // A production host asks for the typed backend on every change, as IPVS actions do.
  if (options.production === true)
    guards.push({
      code: "production",
      message: "This host is marked production: every change is confirmed by typing.",
    });
  const confirmText = guards.length > 0 ? `haproxy:${intent.backend}` : undefined;
  if (confirmText && options.confirmation !== confirmText) {
    const reason = `${guards.map((guard) => guard.message).join(" ")} Type ${confirmText} to confirm.`;
    return { ok: false, reason, confirmText, guards };
  }
  return {
    ok: true,
    plan: { intent, command, before, expected, warnings, guards, ...(confirmText ? { confirmText } : {}) },
  };
}
