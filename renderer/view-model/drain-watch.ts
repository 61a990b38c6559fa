/**
 * Following a drained backend down to zero: each live snapshot adds one sample of the backend's
 * active and inactive connections (and conn/s and weight, shared/drain-verdict.ts's sample), kept for the same ~5 minutes as the
 * host's traffic history. Only drained backends are followed, so a director with thousands of
 * backends does not keep thousands of series.
 */
import type { HostSnapshot } from "../../core/api.ts";
import type { DrainContext, DrainSample } from "../../shared/drain-verdict.ts";
import { backendKey, serviceKey } from "../../shared/service-key.ts";
import type { ActionTarget } from "./action-target.ts";
import { HISTORY_WINDOW_MS } from "./traffic-history.ts";

/** At a 1 s interval, 5 minutes is 300 samples; this bounds a faster clock too. */
export const DRAIN_MAX_SAMPLES = 300;

export interface DrainWatch extends ActionTarget {
  hostId: string;
  /** The audit entry of the drain (what Undo takes). */
  auditId: string | undefined;
  /** The service's protocol, its persistence timeout, and when the drain was verified. */
  context: DrainContext;
  samples: DrainSample[];
}

/** The backend's line in a snapshot, or undefined when the service or backend is not there. */
export function drainSampleOf(
  snapshot: Pick<HostSnapshot, "at" | "services">,
  target: ActionTarget,
): DrainSample | undefined {
  const service = snapshot.services.find((candidate) => serviceKey(candidate) === target.service);
  const server = service?.realServers.find((candidate) => backendKey(candidate) === target.backend);
  if (!server) return undefined;
  return {
    at: snapshot.at,
    weight: server.weight,
    activeConns: server.activeConns,
    inactiveConns: server.inactiveConns,
    ...(server.persistConns !== undefined ? { persistConns: server.persistConns } : {}),
    ...(server.rates ? { cps: server.rates.cps } : {}),
  };
}

/** What the verdict needs to know of the service, from the snapshot at the time of the drain. */
export function drainContextOf(
  snapshot: Pick<HostSnapshot, "services"> | null | undefined,
  service: string,
  drainedAt: number,
): DrainContext {
  const found = snapshot?.services.find((candidate) => serviceKey(candidate) === service);
  // Without the service in view, count every entry (the most careful reading).
  return { protocol: found?.protocol ?? "udp", persistentSeconds: found?.persistent ?? 0, drainedAt };
}

/** Returns a new array; an older or duplicate sample changes nothing. */
export function appendDrainSample(samples: readonly DrainSample[], sample: DrainSample): DrainSample[] {
  const last = samples.at(-1);
  if (last && sample.at <= last.at) return samples as DrainSample[];
  const kept = samples.filter((old) => old.at > sample.at - HISTORY_WINDOW_MS);
  kept.push(sample);
  return kept.length > DRAIN_MAX_SAMPLES ? kept.slice(-DRAIN_MAX_SAMPLES) : kept;
}
