/**
 * Following a drained backend down to zero: each live snapshot adds one sample of the backend's
 * active and inactive connections (and conn/s and weight), kept for the same ~5 minutes as the
 * host's traffic history. Only drained backends are followed, so a director with thousands of
 * backends does not keep thousands of series.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { backendKeyOf, serviceKeyOf, type ActionTarget } from "./action-target.ts";
import { HISTORY_WINDOW_MS } from "./traffic-history.ts";

/** At a 1 s interval, 5 minutes is 300 samples; this bounds a faster clock too. */
export const DRAIN_MAX_SAMPLES = 300;

export interface DrainSample {
  /** Epoch ms of the snapshot. */
  at: number;
  weight: number;
  activeConns: number;
  inactiveConns: number;
  /** Persistence templates, when the sampler reads --persistent-conn. */
  persistConns: number | undefined;
  /** New connections per second; undefined without counters. */
  cps: number | undefined;
}

export interface DrainWatch extends ActionTarget {
  hostId: string;
  /** The audit entry of the drain (what Undo takes). */
  auditId: string | undefined;
  /** Epoch ms when the drain was verified. */
  drainedAt: number;
  /** The service's persistence timeout in seconds (0: not persistent). */
  persistentSeconds: number;
  samples: DrainSample[];
}

/** The backend's line in a snapshot, or undefined when the service or backend is not there. */
export function drainSampleOf(
  snapshot: Pick<HostSnapshot, "at" | "services">,
  target: ActionTarget,
): DrainSample | undefined {
  const service = snapshot.services.find((candidate) => serviceKeyOf(candidate) === target.service);
  const server = service?.realServers.find((candidate) => backendKeyOf(candidate) === target.backend);
  if (!server) return undefined;
  return {
    at: snapshot.at,
    weight: server.weight,
    activeConns: server.activeConns,
    inactiveConns: server.inactiveConns,
    persistConns: server.persistConns,
    cps: server.rates?.cps,
  };
}

export function persistenceOf(snapshot: Pick<HostSnapshot, "services">, service: string): number {
  return snapshot.services.find((candidate) => serviceKeyOf(candidate) === service)?.persistent ?? 0;
}

/** Returns a new array; an older or duplicate sample changes nothing. */
export function appendDrainSample(samples: readonly DrainSample[], sample: DrainSample): DrainSample[] {
  const last = samples.at(-1);
  if (last && sample.at <= last.at) return samples as DrainSample[];
  const kept = samples.filter((old) => old.at > sample.at - HISTORY_WINDOW_MS);
  kept.push(sample);
  return kept.length > DRAIN_MAX_SAMPLES ? kept.slice(-DRAIN_MAX_SAMPLES) : kept;
}
