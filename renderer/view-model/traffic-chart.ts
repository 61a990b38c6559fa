/**
 * The live chart's ready series: one row per history point with the host's rate of new work
 * (IPVS conn/s, HAProxy sessions/s) and NIC throughput in Mbit/s (Recharts plots these as given),
 * plus which series have any data at all. A host that runs both shows both rates on the left axis.
 */
import type { TrafficPoint } from "./traffic-history.ts";

export interface TrafficChartRow {
  at: number;
  /** null leaves a gap in the line where a value is missing. */
  cps: number | null;
  sessions: number | null;
  rxMbps: number | null;
  txMbps: number | null;
}

/** What the left axis counts: IPVS connections, HAProxy sessions, or both. */
export type RateKind = "connections" | "sessions" | "both";

export interface TrafficChart {
  rows: TrafficChartRow[];
  hasConnections: boolean;
  hasSessions: boolean;
  hasRate: boolean;
  rateKind: RateKind;
  hasThroughput: boolean;
  /** Time-axis ticks on whole seconds, at most MAX_TIME_TICKS, so no two ticks read the same. */
  timeTicks: number[];
}

const MAX_TIME_TICKS = 6;
const TICK_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300];

export function toTrafficChart(history: readonly TrafficPoint[]): TrafficChart {
  const rows = history.map((point) => ({
    at: point.at,
    cps: point.cps === undefined ? null : round(point.cps, 1),
    sessions: point.sessionRate === undefined ? null : round(point.sessionRate, 1),
    rxMbps: point.rxBps === undefined ? null : round((point.rxBps * 8) / 1e6, 2),
    txMbps: point.txBps === undefined ? null : round((point.txBps * 8) / 1e6, 2),
  }));
  const hasConnections = rows.some((row) => row.cps !== null);
  const hasSessions = rows.some((row) => row.sessions !== null);
  return {
    rows,
    hasConnections,
    hasSessions,
    hasRate: hasConnections || hasSessions,
    rateKind: hasConnections && hasSessions ? "both" : hasSessions ? "sessions" : "connections",
    hasThroughput: rows.some((row) => row.rxMbps !== null || row.txMbps !== null),
    timeTicks: timeTicks(rows[0]?.at, rows.at(-1)?.at),
  };
}

/** Multiples of the smallest step (in whole seconds) that keeps the ticks between first and last few enough. */
export function timeTicks(first: number | undefined, last: number | undefined): number[] {
  if (first === undefined || last === undefined || last < first) return [];
  const span = (last - first) / 1000;
  const step = (TICK_STEPS_S.find((seconds) => span / seconds < MAX_TIME_TICKS) ?? 600) * 1000;
  const ticks: number[] = [];
  for (
    let tick = Math.ceil(first / step) * step;
    tick <= last && ticks.length <= MAX_TIME_TICKS;
    tick += step
  )
    ticks.push(tick);
  return ticks;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
