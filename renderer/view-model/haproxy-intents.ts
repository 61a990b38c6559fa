/**
 * HAProxy server actions as the console asks for them: the intent a row's button plans, which
 * button stands for the state the server is in now, and the weight box's rule (HAProxy takes
 * 0 to 256). The core validates names and weights again; these only keep obvious mistakes out.
 */
import type { RequestOf } from "../../core/api.ts";
import { parseWeightInput, type WeightInput } from "./weight-input.ts";
import type { I18n } from "../i18n/i18n.ts";

export type HaproxyIntentView = RequestOf<"planHaproxyAction">["intent"];
export type HaproxyAdminState = "ready" | "drain" | "maint";

/** An intent of the HAProxy family (its kinds are prefixed), told from an IPVS one. */
export function isHaproxyIntent(intent: { kind: string }): intent is HaproxyIntentView {
  return intent.kind === "haproxy-state" || intent.kind === "haproxy-weight";
}

export const MAX_HAPROXY_WEIGHT = 256;

export function parseHaproxyWeightInput(text: string, i18n: I18n): WeightInput {
  const parsed = parseWeightInput(text, i18n);
  const max = MAX_HAPROXY_WEIGHT;
  if (parsed.ok && parsed.weight > max)
    return { ok: false, message: i18n.t("weight.haproxyTooLarge", { max }) };
  if (!parsed.ok) return { ok: false, message: i18n.t("weight.notWhole", { max }) };
  return parsed;
}

/**
 * The admin state a `show stat` status shows: "MAINT" (also "MAINT (via b/s)", "MAINT (resolution)")
 * is maint, "DRAIN" is drain; HAProxy also prints DRAIN for a ready server at weight 0, so a
 * DRAIN row may really be ready (the plan's "before", read from the socket, says which).
 */
export function adminStateOfStatus(status: string): HaproxyAdminState {
  const word = status.trim().toUpperCase();
  if (word.startsWith("MAINT")) return "maint";
  if (word.startsWith("DRAIN")) return "drain";
  return "ready";
}

export function stateIntent(backend: string, server: string, state: HaproxyAdminState): HaproxyIntentView {
  return { kind: "haproxy-state", backend, server, state };
}

export function weightIntent(backend: string, server: string, weight: number): HaproxyIntentView {
  return { kind: "haproxy-weight", backend, server, weight };
}

const STATE_KEYS = {
  ready: "intent.haproxyReady",
  drain: "intent.haproxyDrain",
  maint: "intent.haproxyMaint",
} as const satisfies Record<HaproxyAdminState, string>;

export function haproxyIntentSummary(intent: HaproxyIntentView, i18n: I18n): string {
  const target = { server: intent.server, backend: intent.backend };
  return intent.kind === "haproxy-state"
    ? i18n.t(STATE_KEYS[intent.state], target)
    : i18n.t("intent.haproxyWeight", { ...target, weight: intent.weight });
}
