/**
 * A bounded per-host history of total conn/s, HAProxy sessions/s and NIC throughput for the live chart. Samples land in
 * fixed time buckets (window / max points wide) and samples sharing a bucket are averaged, so a host
 * sampled every second still keeps at most ~150 points for 5 minutes, and the chart stays cheap.
 */
import type { HostSnapshot } from "../../core/api.ts";
import { isHiddenByDefault } from "./nic-panel.ts";

export const HISTORY_WINDOW_MS = 5 * 60_000;
export const HISTORY_MAX_POINTS = 150;
const BUCKET_MS = HISTORY_WINDOW_MS / HISTORY_MAX_POINTS;

export interface TrafficPoint {
  /** Epoch ms of the latest sample folded into this point. */
  at: number;
  /** Sum of the services' conn/s; undefined without IPVS counters. */
  cps: number | undefined;
  /** Sum of the HAProxy backends' new sessions per second; undefined without HAProxy rates. */
  sessionRate?: number | undefined;
  /** Sum over the NICs the header shows (not lo, not veth*), in bytes/s. */
  rxBps: number | undefined;
  txBps: number | undefined;
  /** How many samples were averaged into this point. */
  samples: number;
}

export function trafficPointOf(
  snapshot: Pick<HostSnapshot, "at" | "services" | "nicRates"> & Partial<Pick<HostSnapshot, "haproxy">>,
): TrafficPoint {
  const serviceRates = snapshot.services.map((service) => service.rates);
  const cps = serviceRates.some((rates) => rates !== undefined)
    ? serviceRates.reduce((sum, rates) => sum + (rates?.cps ?? 0), 0)
    : undefined;
  const nics = Object.entries(snapshot.nicRates ?? {}).filter(([name]) => !isHiddenByDefault(name));
  const rxBps = nics.length ? nics.reduce((sum, [, rates]) => sum + rates.rxBps, 0) : undefined;
  const txBps = nics.length ? nics.reduce((sum, [, rates]) => sum + rates.txBps, 0) : undefined;
  // Backend rows only: a frontend's sessions are the same sessions counted again on the way in.
  const backendRates = (snapshot.haproxy ?? []).filter(
    (row) => row.type === "backend" && row.sessionRate !== undefined,
  );
  const sessionRate = backendRates.length
    ? backendRates.reduce((sum, row) => sum + (row.sessionRate ?? 0), 0)
    : undefined;
  return { at: snapshot.at, cps, sessionRate, rxBps, txBps, samples: 1 };
}

/** Returns a new array (the store's state is immutable); an older or duplicate sample changes nothing. */
export function appendTrafficPoint(history: readonly TrafficPoint[], point: TrafficPoint): TrafficPoint[] {
  const last = history.at(-1);
  if (last && point.at <= last.at) return history as TrafficPoint[];
  const kept = history.filter((old) => old.at > point.at - HISTORY_WINDOW_MS);
  const previous = kept.at(-1);
  if (previous && Math.floor(previous.at / BUCKET_MS) === Math.floor(point.at / BUCKET_MS)) {
    kept[kept.length - 1] = mergePoints(previous, point);
  } else {
    kept.push(point);
  }
  // Buckets already bound the count; this only guards against a clock that jumped backwards.
  return kept.length > HISTORY_MAX_POINTS ? kept.slice(-HISTORY_MAX_POINTS) : kept;
}

function mergePoints(a: TrafficPoint, b: TrafficPoint): TrafficPoint {
  const samples = a.samples + b.samples;
  const average = (x: number | undefined, y: number | undefined) =>
    x === undefined ? y : y === undefined ? x : (x * a.samples + y * b.samples) / samples;
  return {
    at: b.at,
    cps: average(a.cps, b.cps),
    sessionRate: average(a.sessionRate, b.sessionRate),
    rxBps: average(a.rxBps, b.rxBps),
    txBps: average(a.txBps, b.txBps),
    samples,
  };
}
