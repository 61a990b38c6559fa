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
}

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
  };
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
