/**
 * History answers as the range chart draws them: one row per step with the host's (or service's,
 * or backend's) new connections per second and NIC throughput in Mbit/s. A missing step is a gap:
 * the row after a run of data has nulls, so no line is drawn across it (never interpolated). Events
 * become markers; the note says when figures come from rollups.
 */
import type { HistoryEventView, SeriesAnswerView } from "../../core/api.ts";

export type HistoryChartRow = { at: number; cps: number | null; rxMbps: number | null; txMbps: number | null };
export type HistoryMarker = { at: number; end?: number; kind: HistoryEventView["kind"]; label: string };
export interface HistoryChartView {
  rows: HistoryChartRow[];
  /** The coarsest resolution any drawn series came from. */
  resolution: "raw" | "1m" | "1h";
  fromRollups: boolean;
  markers: HistoryMarker[];
  hasThroughput: boolean;
}

type Column = "cps" | "rxMbps" | "txMbps";
/** A step further than 1.5 steps from the one before starts after a gap (as the report draws it). */
const GAP_FACTOR = 1.5;
const ORDER = { raw: 0, "1m": 1, "1h": 2 } as const;

/** Where each answer goes: conns of the scope's services (or backend) summed; the NIC's rx/tx. */
function columnOf(answer: SeriesAnswerView): Column | undefined {
  if (answer.key.metric === "conns" && answer.key.subject.kind !== "nic") return "cps";
  if (answer.key.subject.kind === "nic" && answer.key.metric === "rxBytes") return "rxMbps";
  if (answer.key.subject.kind === "nic" && answer.key.metric === "txBytes") return "txMbps";
  return undefined;
}

/** The [at, value] pairs of one answer with a null at the first missing step after each run. */
export function splitGaps(answer: SeriesAnswerView, scale: number): Array<[number, number | null]> {
  const out: Array<[number, number | null]> = [];
  let previous: SeriesAnswerView["points"][number] | undefined;
  for (const point of answer.points) {
    if (previous && point.at - previous.at > previous.stepMs * GAP_FACTOR) out.push([previous.at + previous.stepMs, null]);
    out.push([point.at, (point.rate ?? point.mean) * scale]);
    previous = point;
  }
  return out;
}

export function toHistoryChart(answers: readonly SeriesAnswerView[], events: readonly HistoryEventView[]): HistoryChartView {
  const rows = new Map<number, HistoryChartRow>();
  const rowAt = (at: number) => {
    let row = rows.get(at);
    if (!row) rows.set(at, (row = { at, cps: null, rxMbps: null, txMbps: null }));
    return row;
  };
  let resolution: HistoryChartView["resolution"] = "raw";
  let hasThroughput = false;
  for (const answer of answers) {
    const column = columnOf(answer);
    if (!column || answer.points.length === 0) continue;
    if (ORDER[answer.resolution] > ORDER[resolution]) resolution = answer.resolution;
    if (column !== "cps") hasThroughput = true;
    const scale = column === "cps" ? 1 : 8 / 1e6;
    for (const [at, value] of splitGaps(answer, scale)) {
      const row = rowAt(at);
      // Services add up; a gap (null) stays a gap only where no other series has a value.
      row[column] = value === null ? row[column] : round((row[column] ?? 0) + value);
    }
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.at - b.at),
    resolution,
    fromRollups: resolution !== "raw",
    hasThroughput,
    markers: events.map((event) => ({
      at: event.at,
      ...(event.end !== undefined ? { end: event.end } : {}),
      kind: event.kind,
      label: event.who ? `${event.summary} (${event.who})` : event.summary,
    })),
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The series a scope's chart reads: conns of its services (or its backend) and the host's NIC traffic. */
export function chartKeys(
  keys: readonly SeriesAnswerView["key"][],
  scope: { service?: string; backend?: string },
): SeriesAnswerView["key"][] {
  return keys.filter((key) => {
    const s = key.subject;
    if (s.kind === "nic") return key.metric === "rxBytes" || key.metric === "txBytes";
    if (key.metric !== "conns") return false;
    if (scope.backend !== undefined) return s.kind === "ipvs-backend" && s.service === scope.service && s.backend === scope.backend;
    if (scope.service !== undefined) return s.kind === "ipvs-service" && s.service === scope.service;
    return s.kind === "ipvs-service";
  });
}
