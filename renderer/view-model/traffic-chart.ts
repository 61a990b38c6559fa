/**
 * The live chart's ready series: one row per history point with conn/s and NIC throughput in
 * Mbit/s (Recharts plots these as given), plus whether each series has any data at all.
 */
import type { TrafficPoint } from "./traffic-history.ts";

export interface TrafficChartRow {
  at: number;
  /** null leaves a gap in the line where a value is missing. */
  cps: number | null;
  rxMbps: number | null;
  txMbps: number | null;
}

export interface TrafficChart {
  rows: TrafficChartRow[];
  hasConnections: boolean;
  hasThroughput: boolean;
}

export function toTrafficChart(history: readonly TrafficPoint[]): TrafficChart {
  const rows = history.map((point) => ({
    at: point.at,
    cps: point.cps === undefined ? null : round(point.cps, 1),
    rxMbps: point.rxBps === undefined ? null : round((point.rxBps * 8) / 1e6, 2),
    txMbps: point.txBps === undefined ? null : round((point.txBps * 8) / 1e6, 2),
  }));
  return {
    rows,
    hasConnections: rows.some((row) => row.cps !== null),
    hasThroughput: rows.some((row) => row.rxMbps !== null || row.txMbps !== null),
  };
}

/** Axis ticks: the console's local wall clock, to the second. */
export function formatClockTime(epochMs: number): string {
  const time = new Date(epochMs);
  return [time.getHours(), time.getMinutes(), time.getSeconds()]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
