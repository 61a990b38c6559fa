/**
 * The one read interface of history. The local store (core/history, node:sqlite) implements it;
 * Prometheus as a source will implement it too, so reports and the range views never know which
 * store answered. Every time is epoch milliseconds UTC.
 */
import type { SeriesKey, SeriesSubject } from "./series-key.ts";

/** raw: each sample as recorded; 1m and 1h: rollups. */
export type Resolution = "raw" | "1m" | "1h";

export type TimeRange = { from: number; to: number };

/**
 * One step of a series at the resolution the query chose. For a counter, `delta` is the exact
 * increase within the step (bigint, resets already accounted for: the increase after a reset counts
 * from the new counter's first value, never negative) and `rate` is delta per second of covered time;
 * for a gauge, `min`/`max`/`mean`/`last` are the gauge's over the step. A step with no sample is
 * not returned: the caller draws a gap there (never a line across it).
 */
export type SeriesPoint = {
  /** Start of the step. */
  at: number;
  /** Length of the step in ms (the raw sample interval for raw points). */
  stepMs: number;
  min: number;
  max: number;
  mean: number;
  last: number;
  /** Counters only: exact increase within the step, and its per-second rate. */
  delta?: bigint;
  rate?: number;
};

export type SeriesAnswer = {
  key: SeriesKey;
  resolution: Resolution;
  points: SeriesPoint[];
};

export type SeriesQuery = {
  key: SeriesKey;
  range: TimeRange;
  /** About this many points are wanted; the resolution is chosen from it and from what is kept. */
  points: number;
};

/**
 * Exact figures of a counter over a range: from raw data where raw data covers the whole range,
 * else from rollups (and then `resolution` says which, so a report can say so).
 */
export type CounterSummary = {
  key: SeriesKey;
  resolution: Resolution;
  /** Sum of increases over the range, resets accounted for. */
  total: bigint;
  /** Counter resets seen in the range (ipvsadm -Z, reboot, backend removed and added back). */
  resets: number;
  /** Rates per second: peak, mean and 95th percentile over the raw intervals (or the rollup steps). */
  peakRate: number;
  meanRate: number;
  p95Rate: number;
  /** Time the series has data for, ms (the range minus gaps). */
  coveredMs: number;
};

export type HistoryEventKind = "action" | "vrrp-transition" | "drift-alert" | "gap";

export type HistoryEvent = {
  hostId: string;
  kind: HistoryEventKind;
  /** Start; `end` when the event lasts (a gap, an action's run). */
  at: number;
  end?: number;
  /** One line for a report and a chart's marker. */
  summary: string;
  /** Actions: the operator (audit entry's who) and the values before and after. */
  who?: string;
  before?: string;
  after?: string;
  /** Audit entry id for actions. */
  auditId?: string;
  /** gap: why (host unreachable, sampler restarted, counters reset). */
  reason?: "host-unreachable" | "sampler-restarted" | "counters-reset" | "recorder-stopped";
};

export type RecordedHost = {
  hostId: string;
  from: number;
  to: number;
  series: number;
};

export type HistorySummary = {
  hosts: RecordedHost[];
  bytesOnDisk: number;
  /** Where history is written from, and whether it is written now. */
  writing: { state: "writing" | "not-writing"; reason?: string };
};

export interface HistoryQuery {
  /** Which series exist for a subject filter (every series of a host when only hostId is given). */
  listSeries(filter: { hostId: string; kind?: SeriesSubject["kind"] }): Promise<SeriesKey[]>;
  series(query: SeriesQuery): Promise<SeriesAnswer>;
  counterSummary(key: SeriesKey, range: TimeRange): Promise<CounterSummary | undefined>;
  events(range: TimeRange, hostId?: string): Promise<HistoryEvent[]>;
  summary(): Promise<HistorySummary>;
}
